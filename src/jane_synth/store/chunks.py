"""Chunks of document pages, with the full-text index the engine keeps in step with them."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Chunk
from .backend import text_terms
from .base import StoreBase
from .rows import chunk_from_row, chunk_to_row
from .schema import COUNTED_TABLES

CHUNK_COLUMNS = (
    "chunk_id", "doc_id", "page", "start", '"end"', "seq", "text", "text_hash", "entities",
    "language",
)  # fmt: skip


class ChunksPart(StoreBase):
    """The ``chunks`` table, and its full-text index (SQLite: ``chunks_fts`` through triggers;
    PostgreSQL: a generated ``tsvector`` column)."""

    def documents_without_chunks(self) -> list[str]:
        """Ids of the documents not chunked yet, in path order."""
        rows = self.conn.execute(
            "SELECT doc_id FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM chunks c WHERE c.doc_id = d.doc_id) ORDER BY path"
        )
        return [r["doc_id"] for r in rows]

    def replace_chunks(self, doc_id: str, chunks: Sequence[Chunk]) -> None:
        """Replace a document's chunks in one transaction."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
            conn.executemany(
                f"INSERT INTO chunks ({', '.join(CHUNK_COLUMNS)}) "
                f"VALUES ({','.join('?' * len(CHUNK_COLUMNS))})",
                [chunk_to_row(c) for c in chunks],
            )

    def chunks(self, doc_ids: Sequence[str] | None = None) -> list[Chunk]:
        """All chunks in a stable order (document path, then position)."""
        columns = ", ".join(f"c.{c}" for c in CHUNK_COLUMNS)
        sql = f"SELECT {columns} FROM chunks c JOIN documents d USING (doc_id)"
        params: tuple[str, ...] = ()
        if doc_ids is not None:
            sql += f" WHERE c.doc_id IN ({','.join('?' * len(doc_ids))})"
            params = tuple(doc_ids)
        rows = self.conn.execute(sql + " ORDER BY d.path, c.seq", params)
        return [chunk_from_row(r) for r in rows]

    def match_chunks(self, query: str, limit: int = 10) -> list[str]:
        """Ids of the chunks that contain every word of ``query`` (stemmed), best first, by the
        engine's own full-text index: FTS5's BM25 on SQLite, ``ts_rank`` on PostgreSQL."""
        terms = text_terms(query)
        if not terms or limit <= 0:
            return []
        sql, argument = self.dialect.full_text(terms)
        rows = self.conn.execute(sql, (argument, limit))
        return [r[0] for r in rows]

    def count(self, table: str) -> int:
        """Rows in one of the main tables."""
        if table not in COUNTED_TABLES:
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def count_chunk_texts(self) -> int:
        """Distinct chunk texts (by content hash): what the vectors are keyed by."""
        return int(self.conn.execute("SELECT COUNT(DISTINCT text_hash) FROM chunks").fetchone()[0])
