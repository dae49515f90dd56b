"""The SQLite databases of an in-process run, kept open while the run writes to them.

Dagster's SQLite event log storage opens a new engine (and SQLite connection) for every event it
stores, about three hundred of them in a one-document rerun, and closes it again; each asset
step opens and closes the project's store a few times too. In WAL mode the close of the last
connection to a database checkpoints the WAL into the database file and syncs it: about 10 ms
each on an ordinary disk, seconds per run. While one more connection is open the closes are
cheap, and the checkpoint happens once, when that connection closes at the end of the run. Every
commit is still synced as before (the WAL is durable); nothing is written differently. Other
storages (PostgreSQL) are left alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path

from dagster import DagsterInstance
from dagster._core.storage.event_log import SqliteEventLogStorage

INDEX_SHARD = "index"  # the cross-run shard Dagster mirrors asset and check events into


@contextmanager
def sqlite_files_kept_open(paths: Iterable[str | Path]) -> Iterator[None]:
    """While inside, hold an idle connection to each SQLite file of ``paths`` (no transaction:
    writers, checkpoints and VACUUM of other connections go on as usual)."""
    with ExitStack() as stack:
        for path in paths:
            keeper = stack.enter_context(closing(sqlite3.connect(path)))
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()  # joins the WAL
        yield


@contextmanager
def run_databases_kept_open(
    instance: DagsterInstance, run_id: str, store: Path | str | None = None
) -> Iterator[None]:
    """While inside, keep run ``run_id``'s event log database and the index shard open (when
    the instance stores its event log in SQLite files), and ``store`` when it is a SQLite file."""
    paths: list[str | Path] = [store] if isinstance(store, Path) and store.is_file() else []
    storage = instance.event_log_storage
    if isinstance(storage, SqliteEventLogStorage):
        for shard in (run_id, INDEX_SHARD):
            with storage.run_connection(shard):  # created as the run's first event would
                pass
            paths.append(storage.path_for_shard(shard))
    with sqlite_files_kept_open(paths):
        yield
