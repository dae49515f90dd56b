"""Queries that look for what a crash or a bug could leave behind (the asset checks use them)."""

from __future__ import annotations

from collections.abc import Iterator

from .base import StoreBase


class IntegrityPart(StoreBase):
    """Read-only consistency queries over chunks, vectors and documents."""

    def empty_chunk_ids(self) -> list[str]:
        """Chunks whose text is empty or only white space."""
        rows = self.conn.execute(
            f"SELECT chunk_id FROM chunks WHERE {self.dialect.blank_text} ORDER BY chunk_id"
        )
        return [r[0] for r in rows]

    def duplicate_chunk_spans(self) -> list[tuple[str, int, int, int, int]]:
        """``(doc_id, page, start, end, copies)`` of each span stored more than once."""
        rows = self.conn.execute(
            'SELECT doc_id, page, start, "end", COUNT(*) FROM chunks '
            'GROUP BY doc_id, page, start, "end" HAVING COUNT(*) > 1 ORDER BY doc_id, page, start'
        )
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def vector_rows(self, model: str) -> Iterator[tuple[str, int, bytes]]:
        """``(text_hash, dim, vector bytes)`` of every stored vector of ``model``."""
        rows = self.conn.execute(
            "SELECT text_hash, dim, vector FROM embeddings WHERE model = ? ORDER BY text_hash",
            (model,),
        )
        for r in rows:
            yield r[0], r[1], r[2]

    def orphan_vector_count(self) -> int:
        """Vectors whose text no chunk has (the embeddings step prunes them)."""
        row = self.conn.execute(
            "SELECT COUNT(*) FROM embeddings e WHERE NOT EXISTS "
            "(SELECT 1 FROM chunks c WHERE c.text_hash = e.text_hash)"
        ).fetchone()
        return int(row[0])

    def unchunked_documents(self, page_chars: int) -> list[str]:
        """Paths of documents that have a page of at least ``page_chars`` characters and no
        chunk (a shorter text may rightly make no chunk long enough to keep)."""
        rows = self.conn.execute(
            "SELECT path FROM documents d WHERE EXISTS (SELECT 1 FROM pages p WHERE "
            "p.doc_id = d.doc_id AND LENGTH(p.text) >= ?) AND NOT EXISTS "
            "(SELECT 1 FROM chunks c WHERE c.doc_id = d.doc_id) ORDER BY path",
            (page_chars,),
        )
        return [r[0] for r in rows]
