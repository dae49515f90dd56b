"""The database: files, documents, pages, chunks, vectors and themes.

By default one SQLite file in the output folder; a ``postgresql://`` URL (``JANE_STORE_URL``)
puts the same tables on a PostgreSQL server (:mod:`.postgres`). :meth:`Store.match_chunks` is
full-text search on either engine. Analysts can open the SQLite file with any SQLite client;
``chunks_fts`` is an FTS5 index over chunk text::

    SELECT d.title, c.page, c.text FROM chunks_fts f
      JOIN chunks c ON c.rowid = f.rowid JOIN documents d USING (doc_id)
     WHERE chunks_fts MATCH 'patient AND governance' ORDER BY bm25(chunks_fts) LIMIT 5;

Every change to one document happens in one transaction, so a failure while storing a file never
leaves half a document behind, nor removes what was stored before. Every SQL statement of the
project is in this package: one module per group of tables.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from .backend import is_postgres_url, open_connection, redacted, store_errors
from .chunks import ChunksPart
from .documents import DocumentsPart
from .integrity import IntegrityPart
from .rows import StoredDocument
from .schema import SCHEMA_VERSION
from .space import SpacePart
from .stages import StagesPart
from .themes import ThemesPart
from .vectors import VectorsPart

__all__ = [
    "SCHEMA_VERSION",
    "Store",
    "StoredDocument",
    "is_postgres_url",
    "redacted",
    "store_errors",
]


class Store(
    DocumentsPart, ChunksPart, VectorsPart, ThemesPart, SpacePart, IntegrityPart, StagesPart
):
    """A connection to the jane-synth database; creates the schema on first use.

    ``location`` is a SQLite file (a path) or a ``postgresql://`` URL.
    """

    def __init__(self, location: Path | str):
        self.location = location if is_postgres_url(location) else Path(location)
        self.conn, self.dialect = open_connection(location)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
