from jane_synth.store import Store
from tests.store.factories import outcome, parsed


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
        assert store.file_parsers() == {"a.md": ""}  # read again by the current parser
        store.record(outcome("b.md", "8" * 64), "8" * 64, parsed("8" * 64, "b.md"))


def test_vectors_stored_before_backends_were_recorded_are_torch_vectors(tmp_path):
    import sqlite3

    import numpy as np

    path = tmp_path / "v3.sqlite"
    with Store(path) as store:
        store.put_embeddings("m", ["h"], np.ones((1, 2), dtype=np.float32))
    with sqlite3.connect(path) as conn:  # as schema version 3 left it
        conn.execute("DROP TABLE vector_backends")
        conn.execute("PRAGMA user_version = 3")
    with Store(path) as store:
        assert store.vector_backend("m") == "torch"
        assert store.use_vector_backend("m", "onnx") == 1
