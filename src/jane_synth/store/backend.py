"""The two database engines behind the store, and the SQL that differs between them.

SQLite (one file in the output folder) is the default. A ``postgresql://`` URL puts the same
tables on a PostgreSQL server instead (``jane-synth[postgres]``), for deployments where several
machines share one store. Every statement of the store is written once, with ``?`` placeholders;
the few that cannot be written the same way for both come from the :class:`Dialect`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql", "postgres")


class Connection(Protocol):
    """What the store asks of a connection: sqlite3's, or :class:`PostgresConnection`."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, rows: Any, /) -> Any: ...

    def close(self) -> None: ...


def is_postgres_url(location: Path | str) -> bool:
    """Whether ``location`` names a PostgreSQL database (else it is a SQLite file)."""
    return isinstance(location, str) and urlsplit(location).scheme in POSTGRES_SCHEMES


def redacted(location: Path | str) -> str:
    """``location`` fit for logs and run metadata: a URL's password is replaced by ``***``."""
    if not is_postgres_url(location):
        return str(location)
    parts = urlsplit(str(location))
    if parts.password is None:
        return str(location)
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


@dataclass(frozen=True)
class Dialect:
    """The SQL one engine needs where the two differ (SQLite's; :class:`PostgresDialect`
    overrides what PostgreSQL writes otherwise)."""

    name: str = "sqlite"
    blank_text: str = "TRIM(text, ' ' || char(9, 10, 13)) = ''"
    """A condition true when the column ``text`` is empty or white space only."""

    def upsert(self, table: str, columns: Sequence[str], key: Sequence[str]) -> str:
        """An insert of one row that replaces the row with the same ``key``."""
        return f"INSERT OR REPLACE INTO {table} {_columns_and_marks(columns)}"

    def insert_new(self, table: str, columns: Sequence[str]) -> str:
        """An insert of one row that does nothing when the row's key is already there."""
        return f"INSERT OR IGNORE INTO {table} {_columns_and_marks(columns)}"

    def full_text(self, terms: Sequence[str]) -> tuple[str, str]:
        """``(statement, its first argument)`` finding the chunks with every term, best first;
        the statement's second argument is the limit. FTS5 ranks by BM25."""
        sql = (
            "SELECT c.chunk_id FROM chunks_fts f JOIN chunks c ON c.rowid = f.rowid "
            "WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts), c.chunk_id LIMIT ?"
        )
        return sql, " ".join('"' + t.replace('"', '""') + '"' for t in terms)


@dataclass(frozen=True)
class PostgresDialect(Dialect):
    """PostgreSQL's conflict clauses and ``tsvector`` search (ranked by ``ts_rank``)."""

    name: str = "postgresql"
    blank_text: str = "btrim(text, E' \\t\\n\\r') = ''"

    def upsert(self, table: str, columns: Sequence[str], key: Sequence[str]) -> str:
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in key)
        action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
        return (
            f"INSERT INTO {table} {_columns_and_marks(columns)} "
            f"ON CONFLICT ({', '.join(key)}) {action}"
        )

    def insert_new(self, table: str, columns: Sequence[str]) -> str:
        return f"INSERT INTO {table} {_columns_and_marks(columns)} ON CONFLICT DO NOTHING"

    def full_text(self, terms: Sequence[str]) -> tuple[str, str]:
        sql = (
            "SELECT chunk_id FROM chunks, plainto_tsquery('english', ?) q WHERE tsv @@ q "
            "ORDER BY ts_rank(tsv, q) DESC, chunk_id LIMIT ?"
        )
        return sql, " ".join(terms)


def _columns_and_marks(columns: Sequence[str]) -> str:
    return f"({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})"


SQLITE = Dialect()
POSTGRES = PostgresDialect()


def text_terms(query: str) -> list[str]:
    """The words of a full-text query (every one must occur in a chunk)."""
    return re.findall(r"\w+", query)


class StoreDriverMissing(RuntimeError):
    """A PostgreSQL URL was given but the driver is not installed."""


def open_connection(location: Path | str) -> tuple[Connection, Dialect]:
    """A connection to the SQLite file or PostgreSQL URL ``location``, with its schema."""
    if is_postgres_url(location):
        from .postgres import connect_postgres

        return connect_postgres(str(location)), POSTGRES
    from .schema import connect

    return connect(location), SQLITE


def store_errors() -> tuple[type[BaseException], ...]:
    """The exceptions either engine raises for a database that cannot be used."""
    errors: list[type[BaseException]] = [sqlite3.Error, StoreDriverMissing]
    try:
        import psycopg
    except ImportError:
        return tuple(errors)
    return (*errors, psycopg.Error)
