import sqlite3

from jane_synth.store import Store
from tests.store.factories import outcome, parsed

BIG_TEXT = "Patient representatives sit on the network board. " * 40_000  # about 2 MB


def _store_big_and_small(store: Store) -> None:
    store.record(outcome("big.md", "1" * 64), "1" * 64, parsed("1" * 64, "big.md", BIG_TEXT))
    store.record(outcome("small.md", "2" * 64), "2" * 64, parsed("2" * 64, "small.md"))


def _file_size(store: Store) -> int:
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return store.location.stat().st_size


def test_a_new_database_uses_incremental_vacuum(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        assert store.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2


def test_the_file_shrinks_after_a_large_document_is_removed(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        _store_big_and_small(store)
        full = _file_size(store)
        assert full > 2_000_000
        store.remove_files(["big.md"])
        assert store.page_counts()[0] > 0  # the pages are free, the file is as large
        freed = store.reclaim_space()
        assert freed > 1_500_000
        assert _file_size(store) < full - 1_500_000
        assert [d.path for d in store.documents()] == ["small.md"]
        assert store.reclaim_space() == 0  # nothing left to release


def test_an_older_database_without_auto_vacuum_is_rewritten_when_mostly_free(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")  # a file made before the pragma
    with Store(path) as store:
        assert store.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
        _store_big_and_small(store)
        full = _file_size(store)
        store.remove_files(["big.md"])
        assert store.reclaim_space() > 1_500_000
        assert _file_size(store) < full - 1_500_000
        assert store.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
        assert store.page_text("2" * 64, 1).startswith("The BoMS")


def test_a_few_free_pages_of_an_older_database_are_left_alone(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    with Store(path) as store:
        _store_big_and_small(store)
        store.remove_files(["small.md"])
        assert store.reclaim_space() == 0
