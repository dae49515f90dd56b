"""Embedding vectors keyed by chunk-text hash and model, so a text is embedded once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .base import StoreBase


class VectorsPart(StoreBase):
    """The ``embeddings`` table, and ``vector_backends``: which backend made a model's vectors."""

    def vector_backend(self, model: str) -> str | None:
        """The backend recorded for the vectors of ``model`` (None: none recorded)."""
        row = self.conn.execute(
            "SELECT backend FROM vector_backends WHERE model = ?", (model,)
        ).fetchone()
        return None if row is None else str(row["backend"])

    def use_vector_backend(self, model: str, backend: str) -> int:
        """Record that ``backend`` makes the vectors of ``model``; when another backend made
        the stored ones, drop them all (two backends' vectors are never mixed). Returns the
        number of vectors dropped."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT backend FROM vector_backends WHERE model = ?", (model,)
            ).fetchone()
            if row is not None and row["backend"] == backend:
                return 0
            dropped = 0
            if row is not None:
                dropped = conn.execute("DELETE FROM embeddings WHERE model = ?", (model,)).rowcount
                conn.execute("DELETE FROM sentence_vectors WHERE model = ?", (model,))
            conn.execute(
                self.dialect.upsert("vector_backends", ("model", "backend"), ("model",)),
                (model, backend),
            )
            return dropped

    def texts_missing_embeddings(self, model: str) -> list[tuple[str, str]]:
        """``(text_hash, text)`` of chunk texts that have no vector for ``model`` yet."""
        rows = self.conn.execute(
            "SELECT c.text_hash, MIN(c.text) AS text FROM chunks c LEFT JOIN embeddings e "
            "ON e.text_hash = c.text_hash AND e.model = ? WHERE e.text_hash IS NULL "
            "GROUP BY c.text_hash ORDER BY c.text_hash",
            (model,),
        )
        return [(r["text_hash"], r["text"]) for r in rows]

    def put_embeddings(self, model: str, hashes: Sequence[str], vectors: npt.ArrayLike) -> None:
        """Store one vector per text hash (replacing any for the same model)."""
        matrix = np.asarray(vectors, dtype=np.float32)
        with self.transaction() as conn:
            conn.executemany(
                self.dialect.upsert(
                    "embeddings", ("text_hash", "model", "dim", "vector"), ("text_hash", "model")
                ),
                [
                    (h, model, matrix.shape[1], v.tobytes())
                    for h, v in zip(hashes, matrix, strict=True)
                ],
            )

    def embedded_hashes(self, model: str) -> set[str]:
        """The text hashes that have a vector for ``model``."""
        rows = self.conn.execute("SELECT text_hash FROM embeddings WHERE model = ?", (model,))
        return {r["text_hash"] for r in rows}

    def chunk_vectors(self, model: str) -> tuple[list[str], npt.NDArray[np.float32]]:
        """Chunk ids and their vectors (one row per chunk), in the order of ``chunks()``."""
        rows = self.conn.execute(
            "SELECT c.chunk_id, e.dim, e.vector FROM chunks c JOIN documents d USING (doc_id) "
            "JOIN embeddings e ON e.text_hash = c.text_hash AND e.model = ? "
            "ORDER BY d.path, c.seq",
            (model,),
        ).fetchall()
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        matrix = np.frombuffer(b"".join(r["vector"] for r in rows), dtype=np.float32)
        return [r["chunk_id"] for r in rows], matrix.reshape(len(rows), rows[0]["dim"])

    def prune_embeddings(self) -> int:
        """Drop vectors whose text no chunk has any more."""
        with self.transaction() as conn:
            cur = conn.execute(
                "DELETE FROM embeddings WHERE text_hash NOT IN (SELECT text_hash FROM chunks)"
            )
            return int(cur.rowcount)
