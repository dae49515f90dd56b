"""The embedded database: one SQLite file that holds files, documents, pages, chunks and vectors.

Analysts can open it with any SQLite client; ``chunks_fts`` is an FTS5 index over chunk text::

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

from .chunks import ChunksPart
from .documents import DocumentsPart
from .integrity import IntegrityPart
from .rows import StoredDocument
from .schema import SCHEMA_VERSION, connect
from .space import SpacePart
from .stages import StagesPart
from .themes import ThemesPart
from .vectors import VectorsPart

__all__ = ["SCHEMA_VERSION", "Store", "StoredDocument"]


class Store(
    DocumentsPart, ChunksPart, VectorsPart, ThemesPart, SpacePart, IntegrityPart, StagesPart
):
    """A connection to the jane-synth database; creates the schema on first use."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.conn = connect(path)

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
