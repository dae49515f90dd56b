"""Dense retrieval behind a small interface, so that an approximate index can replace it."""

from __future__ import annotations

from typing import Protocol

import numpy as np


class DenseIndex(Protocol):
    """What the searcher needs of a vector index."""

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Similarity of every row to the query."""
        ...


class ExactDenseIndex:
    """Exact cosine similarity over L2-normalised vectors: one matrix-vector product."""

    def __init__(self, vectors: np.ndarray):
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    def __len__(self) -> int:
        return self.vectors.shape[0]

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        if len(self) == 0:
            return np.zeros(0, dtype=np.float32)
        return self.vectors @ np.asarray(query_vector, dtype=np.float32)
