"""The connection every part of the store shares, and its transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StoreBase:
    """Holds the connection; the parts of :class:`jane_synth.store.Store` build on it."""

    path: Path
    conn: sqlite3.Connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        with self.conn:
            yield self.conn
