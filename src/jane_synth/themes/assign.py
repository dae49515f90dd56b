"""Assign: rows the clusterer left out (outliers, non-English chunks, new documents) join the
nearest theme when they are similar enough to it, and stay unassigned otherwise."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .stages import OUTLIER


def unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length one (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    out: np.ndarray = vectors / np.maximum(norms, 1e-12)
    return out


def centroids_of(embeddings: np.ndarray, labels: np.ndarray, clusters: list[int]) -> np.ndarray:
    """The unit-length mean vector of each of ``clusters``, one row each."""
    if not clusters:
        return np.zeros((0, embeddings.shape[1]), dtype=np.float64)
    return unit(np.stack([embeddings[labels == c].mean(axis=0) for c in clusters]))


@dataclass
class NearestCentroidAssigner:
    """The nearest centroid's index when its cosine similarity reaches ``min_similarity``,
    else ``OUTLIER``: a chunk about nothing the themes are about stays unassigned."""

    min_similarity: float = 0.3

    def assign(self, vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
        """One centroid index (or ``OUTLIER``) per row of ``vectors``."""
        if not len(vectors) or not len(centroids):
            return np.full(len(vectors), OUTLIER, dtype=int)
        similarity = unit(vectors) @ centroids.T
        best = similarity.argmax(axis=1)
        ok = similarity[np.arange(len(vectors)), best] >= self.min_similarity
        return np.where(ok, best, OUTLIER).astype(int)
