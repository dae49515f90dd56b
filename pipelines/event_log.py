"""The SQLite event log of an in-process run, kept open while the run writes to it.

Dagster's SQLite event log storage opens a new engine (and SQLite connection) for every event it
stores, about three hundred of them in a one-document rerun, and closes it again. In WAL mode the
close of the last connection to a database checkpoints the WAL into the database file and syncs
it: about 10 ms each on an ordinary disk, seconds per run. While one more connection is open the
closes are cheap, and the checkpoint happens once, when that connection closes at the end of the
run. Every commit is still synced as before (the WAL is durable); nothing is written differently.
Other storages (PostgreSQL) are left alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager

from dagster import DagsterInstance
from dagster._core.storage.event_log import SqliteEventLogStorage

INDEX_SHARD = "index"  # the cross-run shard Dagster mirrors asset and check events into


@contextmanager
def event_log_kept_open(instance: DagsterInstance, run_id: str) -> Iterator[None]:
    """While inside, hold a connection to run ``run_id``'s event log database and to the index
    shard (when the instance stores its event log in SQLite files)."""
    storage = instance.event_log_storage
    if not isinstance(storage, SqliteEventLogStorage):
        yield
        return
    with ExitStack() as stack:
        for shard in (run_id, INDEX_SHARD):
            with storage.run_connection(shard):  # created as the run's first event would
                pass
            keeper = stack.enter_context(closing(sqlite3.connect(storage.path_for_shard(shard))))
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()  # joins the WAL
        yield
