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
        store.record(outcome("b.md", "8" * 64), "8" * 64, parsed("8" * 64, "b.md"))
