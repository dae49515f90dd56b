from jane_synth.records import Chunk, Citation, DocumentMeta
from jane_synth.search.hits import citation, make_hits
from jane_synth.store import StoredDocument

DOCS = {
    "d": StoredDocument("d", "ern/report.pdf", "pdf",
                        DocumentMeta("ERN report", "European Commission", 2021), 3, 100),
}  # fmt: skip
CHUNKS = [Chunk("c1", "d", 2, 0, 40, 0, "Governance boards decide network membership.", "h")]


def test_citation_names_title_page_file_publisher_and_year():
    assert citation(CHUNKS[0], DOCS) == Citation(
        "d", "ERN report", 2, "ern/report.pdf", "European Commission", 2021
    )


def test_hits_carry_citation_snippet_rounded_score_and_copies():
    other = Citation("e", "Other", 1, "e.pdf")
    (hit,) = make_hits([(0, 0.123456789, [other])], CHUNKS, DOCS, "governance")
    assert (hit.chunk_id, hit.doc_id, hit.title, hit.page, hit.path) == (
        "c1", "d", "ERN report", 2, "ern/report.pdf")  # fmt: skip
    assert hit.score == 0.123457
    assert hit.snippet.startswith("**Governance**")
    assert hit.also_in == (other,)
