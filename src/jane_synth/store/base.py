"""The connection every part of the store shares, and its transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .backend import Connection, Dialect
from .postgres import PostgresConnection


class StoreBase:
    """Holds the connection; the parts of :class:`jane_synth.store.Store` build on it."""

    location: Path | str
    conn: Connection
    dialect: Dialect

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        if isinstance(self.conn, PostgresConnection):
            with self.conn.transaction():
                yield self.conn
        else:
            assert isinstance(self.conn, sqlite3.Connection)
            with self.conn:
                yield self.conn
