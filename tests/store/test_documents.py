import numpy as np

from jane_synth.chunking import Chunker
from jane_synth.store import Store
from tests.store.factories import outcome, parsed


def test_record_stores_document_pages_and_outcome(store_location):
    with Store(store_location) as store:
        store.record(outcome("a.md", "a" * 64), "a" * 64, parsed("a" * 64, "a.md"))
        assert store.file_hashes() == {"a.md": "a" * 64}
        (doc,) = store.documents()
        assert doc.meta.networks == ("erns",) and doc.meta.year == 2024
        assert store.page_text("a" * 64, 1).startswith("The BoMS")


def test_changed_file_replaces_old_document_and_its_chunks(store_location):
    with Store(store_location) as store:
        store.record(outcome("a.md", "1" * 64), "1" * 64, parsed("1" * 64, "a.md"))
        store.replace_chunks("1" * 64, list(Chunker().chunk_documents([parsed("1" * 64, "a.md")])))
        assert store.count("chunks") == 1
        store.record(
            outcome("a.md", "2" * 64),
            "2" * 64,
            parsed("2" * 64, "a.md", "New text about ECRIN trials."),
        )
        assert [d.doc_id for d in store.documents()] == ["2" * 64]
        assert store.count("chunks") == 0
        assert store.documents_without_chunks() == ["2" * 64]


def test_a_bad_new_version_never_removes_the_stored_document(store_location):
    with Store(store_location) as store:
        store.record(outcome("a.md", "1" * 64), "1" * 64, parsed("1" * 64, "a.md"))
        store.record(outcome("b.md", "3" * 64), "3" * 64, parsed("3" * 64, "b.md"))
        stored = store.record(outcome("b.md", "4" * 64, "quarantined"), "4" * 64, None)
        assert stored.reason.endswith("the previous version stays in the index")
        assert [d.path for d in store.documents()] == ["a.md", "b.md"]
        assert {o.path: o.status for o in store.outcomes()} == {
            "a.md": "ingested",
            "b.md": "quarantined",
        }
        # Still bad on the next attempt: still kept. Fixed: replaced. Removed: gone.
        store.record(outcome("b.md", "5" * 64, "quarantined"), "5" * 64, None)
        assert [d.doc_id for d in store.documents()] == ["1" * 64, "3" * 64]
        store.record(outcome("b.md", "6" * 64), "6" * 64, parsed("6" * 64, "b.md"))
        assert [d.doc_id for d in store.documents()] == ["1" * 64, "6" * 64]
        store.remove_files(["b.md"])
        assert [d.doc_id for d in store.documents()] == ["1" * 64]


def test_a_quarantined_new_file_stores_no_document(store_location):
    with Store(store_location) as store:
        stored = store.record(outcome("c.md", "7" * 64, "quarantined"), "7" * 64, None)
        assert stored.reason == "" and store.documents() == []


def test_remove_files_drops_documents_chunks_and_orphan_vectors(store_location):
    with Store(store_location) as store:
        doc = parsed("1" * 64, "a.md")
        store.record(outcome("a.md", doc.doc_id), doc.doc_id, doc)
        chunks = list(Chunker().chunk_documents([doc]))
        store.replace_chunks(doc.doc_id, chunks)
        store.put_embeddings("m", [chunks[0].text_hash], np.ones((1, 4), dtype=np.float32))
        assert store.remove_files(["a.md", "missing.md"]) == 1
        assert store.count("documents") == 0 and store.count("chunks") == 0
        assert store.prune_embeddings() == 1


def test_page_numbers_no_page_can_have_find_nothing(store_location):
    with Store(store_location) as store:
        store.record(outcome("a.md", "a" * 64), "a" * 64, parsed("a" * 64, "a.md"))
        for page in (0, -1, 10**25, 2**63):
            assert store.page_text("a" * 64, page) is None
        assert store.page_text("a" * 64, 1) is not None


def test_a_file_read_again_by_another_parser_gets_its_new_text_and_no_stale_chunks(
    store_location,
):
    with Store(store_location) as store:
        old = parsed("1" * 64, "a.md", "ECRIN is a not-for-prot organisation.")
        store.record(outcome("a.md", "1" * 64), "1" * 64, old, parser="v1")
        store.replace_chunks("1" * 64, list(Chunker().chunk_documents([old])))
        assert store.file_parsers() == {"a.md": "v1"}
        # Read again by the same parser: nothing is replaced (the chunks stay).
        store.record(outcome("a.md", "1" * 64), "1" * 64, old, parser="v1")
        assert store.count("chunks") == 1
        new = parsed("1" * 64, "a.md", "ECRIN is a not-for-profit organisation.")
        store.record(outcome("a.md", "1" * 64), "1" * 64, new, parser="v2")
        assert store.page_text("1" * 64, 1) == "ECRIN is a not-for-profit organisation."
        assert store.count("chunks") == 0 and store.documents_without_chunks() == ["1" * 64]
        assert store.file_parsers() == {"a.md": "v2"}
        # A parser that cannot read it any more keeps the stored document.
        kept = store.record(outcome("a.md", "1" * 64, "quarantined"), "1" * 64, None, parser="v3")
        assert kept.reason.endswith("the previous version stays in the index")
        assert store.page_text("1" * 64, 1) == "ECRIN is a not-for-profit organisation."
