"""Chunks of document pages, with the FTS5 index that triggers keep in step."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Chunk
from .base import StoreBase
from .rows import chunk_from_row, chunk_to_row
from .schema import COUNTED_TABLES


class ChunksPart(StoreBase):
    """The ``chunks`` table (and ``chunks_fts`` through its triggers)."""

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
                "INSERT INTO chunks (chunk_id, doc_id, page, start, end, seq, text, text_hash, "
                "entities, language) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [chunk_to_row(c) for c in chunks],
            )

    def chunks(self, doc_ids: Sequence[str] | None = None) -> list[Chunk]:
        """All chunks in a stable order (document path, then position)."""
        sql = "SELECT c.* FROM chunks c JOIN documents d USING (doc_id)"
        params: tuple[str, ...] = ()
        if doc_ids is not None:
            sql += f" WHERE c.doc_id IN ({','.join('?' * len(doc_ids))})"
            params = tuple(doc_ids)
        rows = self.conn.execute(sql + " ORDER BY d.path, c.seq", params)
        return [chunk_from_row(r) for r in rows]

    def count(self, table: str) -> int:
        """Rows in one of the main tables."""
        if table not in COUNTED_TABLES:
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def count_chunk_texts(self) -> int:
        """Distinct chunk texts (by content hash): what the vectors are keyed by."""
        return int(self.conn.execute("SELECT COUNT(DISTINCT text_hash) FROM chunks").fetchone()[0])
