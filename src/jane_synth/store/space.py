"""Giving the space of removed documents back to the file system."""

from __future__ import annotations

import sqlite3

from .base import StoreBase

# auto_vacuum modes as ``PRAGMA auto_vacuum`` reports them.
_INCREMENTAL = 2
# A database made before incremental vacuum was on is rewritten whole (VACUUM) only when at
# least this share of its pages is free: rewriting costs as much as the whole file.
VACUUM_FREE_SHARE = 0.25


class SpacePart(StoreBase):
    """Free pages: counted, and released after removals."""

    def page_counts(self) -> tuple[int, int]:
        """``(free pages, all pages)`` of the SQLite database."""
        free = self.conn.execute("PRAGMA freelist_count").fetchone()[0]
        total = self.conn.execute("PRAGMA page_count").fetchone()[0]
        return int(free), int(total)

    def reclaim_space(self) -> int:
        """Release the free pages (incremental vacuum, or VACUUM when they are a large share of
        an older database); return the bytes the database file shrank by.

        On PostgreSQL this does nothing and returns 0: the server's autovacuum makes the space
        of deleted rows reusable, and ``VACUUM FULL`` would lock the tables that readers use.
        """
        if self.dialect.name != "sqlite":
            return 0
        conn = self.conn
        assert isinstance(conn, sqlite3.Connection)
        if conn.in_transaction:
            conn.commit()
        free, total = self.page_counts()
        if not free:
            return 0
        if conn.execute("PRAGMA auto_vacuum").fetchone()[0] == _INCREMENTAL:
            # executescript steps the pragma to the end; execute() would free one page only.
            conn.executescript("PRAGMA incremental_vacuum;")
        elif free / total >= VACUUM_FREE_SHARE:
            # VACUUM also switches the file to incremental mode for the next time.
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
            conn.execute("VACUUM")
        else:
            return 0
        # In WAL mode the file is cut only when the log is written back into it.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        return (total - self.page_counts()[1]) * page_size
