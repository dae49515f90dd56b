from jane_synth.chunking import Chunker, chunk_id_for, text_hash
from jane_synth.records import DocumentMeta, Page, ParsedDocument


def make_doc(pages):
    return ParsedDocument(
        "d" * 64,
        "doc.md",
        "markdown",
        DocumentMeta(title="T"),
        [Page(i, t) for i, t in enumerate(pages, 1)],
    )


def test_chunks_are_exact_spans_of_their_page():
    page = "The ERN model uses virtual panels. " * 30 + "EURACAN covers rare adult solid cancers."
    doc = make_doc([page, "Second page about ELIXIR and its national nodes."])
    chunks = list(Chunker(max_tokens=40).chunk_documents([doc]))
    assert len(chunks) > 3
    for c in chunks:
        assert doc.pages[c.page - 1].text[c.start : c.end] == c.text
        assert c.text_hash == text_hash(c.text)
        assert c.chunk_id == chunk_id_for(c.doc_id, c.page, c.start, c.end)
    assert [c.seq for c in chunks] == list(range(len(chunks)))
    assert chunks[-1].page == 2


def test_chunks_respect_the_token_budget_at_sentence_boundaries():
    page = " ".join(f"Sentence number {i} talks about governance of networks." for i in range(50))
    chunks = list(Chunker(max_tokens=30).chunk_documents([make_doc([page])]))
    for c in chunks:
        assert c.text.endswith(".")
        assert len(c.text.split()) <= 30


def test_entities_have_offsets_relative_to_the_chunk():
    doc = make_doc(["Intro sentence here for padding. The CPMS supports ERN panels in France."])
    (chunk,) = list(Chunker().chunk_documents([doc]))
    for e in chunk.entities:
        assert chunk.text[e.start : e.end] == e.text
    assert {"it-data", "erns", "france"} <= {e.slug for e in chunk.entities}


def test_chunking_is_deterministic():
    doc = make_doc(["EATRIS works on translational medicine. " * 20])
    assert list(Chunker().chunk_documents([doc])) == list(Chunker().chunk_documents([doc]))


def test_blank_pages_give_no_chunks():
    assert list(Chunker().chunk_documents([make_doc(["", "   "])])) == []


def test_each_chunk_gets_its_own_language_when_the_identifier_is_sure():
    english = "The European Reference Networks were launched in March 2017 with 956 units in 313 hospitals."
    french = (
        "Les soins palliatifs restent inégalement répartis en Europe, et la couverture reste faible "
        "dans les pays d'Europe centrale et orientale selon les données de 2012."
    )
    doc = ParsedDocument(
        "e" * 64,
        "mixed.md",
        "markdown",
        DocumentMeta(title="T", language="en"),
        [Page(1, english), Page(2, french), Page(3, "ERN CPMS.")],
    )
    chunks = list(Chunker(min_chars=5).chunk_documents([doc]))
    assert [c.language for c in chunks] == ["en", "fr", "en"]  # too short to tell: the document's


def test_a_page_longer_than_a_window_is_chunked_in_windows_with_exact_spans():
    page = " ".join(f"Sentence {i} says that ERN panels meet online." for i in range(300))
    doc = make_doc([page])
    chunks = list(Chunker(max_tokens=40, window_chars=1000).chunk_documents([doc]))
    assert all(page[c.start : c.end] == c.text for c in chunks)
    assert all(c.end - c.start <= 1000 for c in chunks)
    assert chunks[-1].end == len(page)
    covered = "".join(page[c.start : c.end] for c in chunks).replace(" ", "")
    assert covered == page.replace(" ", "")  # every sentence is in a chunk
    for c in chunks:
        assert all(c.text[e.start : e.end] == e.text for e in c.entities)
    assert sum(1 for c in chunks for e in c.entities if e.slug == "erns") == 300


def test_a_window_changes_nothing_on_pages_shorter_than_it():
    page = " ".join(f"Sentence {i} says that ERN panels meet online." for i in range(100))
    doc = make_doc([page])
    whole = list(Chunker(max_tokens=40).chunk_documents([doc]))
    assert list(Chunker(max_tokens=40, window_chars=len(page)).chunk_documents([doc])) == whole
