import numpy as np

from jane_synth.chunking import Chunker
from jane_synth.records import DocumentMeta, IngestOutcome, Page, ParsedDocument, Theme
from jane_synth.store import Store


def parsed(doc_id, path, text="The BoMS approves networks. EURACAN has 102 centres."):
    return ParsedDocument(
        doc_id,
        path,
        "markdown",
        DocumentMeta(title=path, year=2024, networks=("erns",)),
        [Page(1, text)],
    )


def outcome(path, doc_id, status="ingested"):
    return IngestOutcome(path, status, "", 1, 10, "en", doc_id)


def test_record_stores_document_pages_and_outcome(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        store.record(outcome("a.md", "a" * 64), "a" * 64, parsed("a" * 64, "a.md"))
        assert store.file_hashes() == {"a.md": "a" * 64}
        (doc,) = store.documents()
        assert doc.meta.networks == ("erns",) and doc.meta.year == 2024
        assert store.page_text("a" * 64, 1).startswith("The BoMS")


def test_changed_file_replaces_old_document_and_its_chunks(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
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


def test_a_bad_new_version_never_removes_the_stored_document(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
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


def test_a_quarantined_new_file_stores_no_document(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        stored = store.record(outcome("c.md", "7" * 64, "quarantined"), "7" * 64, None)
        assert stored.reason == "" and store.documents() == []


def test_a_version_1_database_is_migrated(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE files (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, status TEXT NOT NULL,"
            " reason TEXT NOT NULL, pages INTEGER NOT NULL, chars INTEGER NOT NULL,"
            " language TEXT NOT NULL, doc_id TEXT NOT NULL)"
        )
        conn.execute("INSERT INTO files VALUES ('a.md', 'x', 'ingested', '', 1, 1, 'en', 'd')")
    with Store(path) as store:
        assert store.file_hashes() == {"a.md": "x"}
        store.record(outcome("b.md", "8" * 64), "8" * 64, parsed("8" * 64, "b.md"))


def test_remove_files_drops_documents_chunks_and_orphan_vectors(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        doc = parsed("1" * 64, "a.md")
        store.record(outcome("a.md", doc.doc_id), doc.doc_id, doc)
        chunks = list(Chunker().chunk_documents([doc]))
        store.replace_chunks(doc.doc_id, chunks)
        store.put_embeddings("m", [chunks[0].text_hash], np.ones((1, 4), dtype=np.float32))
        assert store.remove_files(["a.md", "missing.md"]) == 1
        assert store.count("documents") == 0 and store.count("chunks") == 0
        assert store.prune_embeddings() == 1


def test_embedding_cache_is_keyed_by_text_hash(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        a, b = parsed("1" * 64, "a.md"), parsed("2" * 64, "b.md")  # same text, two files
        for d in (a, b):
            store.record(outcome(d.path, d.doc_id), d.doc_id, d)
            store.replace_chunks(d.doc_id, list(Chunker().chunk_documents([d])))
        missing = store.texts_missing_embeddings("m")
        assert len(missing) == 1
        store.put_embeddings("m", [missing[0][0]], np.full((1, 3), 0.5, dtype=np.float32))
        ids, vectors = store.chunk_vectors("m")
        assert len(ids) == 2 and vectors.shape == (2, 3)
        assert store.texts_missing_embeddings("m") == []


def test_fts5_table_answers_sql_full_text_queries(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        d = parsed("1" * 64, "a.md")
        store.record(outcome("a.md", d.doc_id), d.doc_id, d)
        store.replace_chunks(d.doc_id, list(Chunker().chunk_documents([d])))
        rows = store.conn.execute(
            "SELECT c.text FROM chunks_fts f JOIN chunks c ON c.rowid = f.rowid WHERE chunks_fts MATCH 'approve'"
        ).fetchall()
        assert len(rows) == 1  # porter stemming: "approve" matches "approves"
        store.replace_chunks(d.doc_id, [])
        assert (
            store.conn.execute(
                "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'approve'"
            ).fetchone()[0]
            == 0
        )


def test_themes_round_trip(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        theme = Theme(0, "funding, grants", ("funding", "grants"), 3, 2, ("c1", "c2"))
        store.replace_themes([theme], {"c1": 0, "c2": 0})
        assert store.themes() == [theme]
        assert store.chunk_theme_ids() == {"c1": 0, "c2": 0}
