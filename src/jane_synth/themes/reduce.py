"""Reduce: embeddings projected onto their first principal components."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEED = 42


@dataclass
class PCAReducer:
    """Project embeddings onto their first principal components (identity when few rows)."""

    n_components: int = 32
    seed: int = SEED

    def fit_transform(self, embeddings: np.ndarray) -> np.ndarray:
        """Unit-length rows of the projection."""
        n = min(self.n_components, embeddings.shape[0] - 1, embeddings.shape[1])
        if n < 2:
            return embeddings
        from sklearn.decomposition import PCA  # only when themes are fitted

        reduced: np.ndarray = PCA(n_components=n, random_state=self.seed).fit_transform(embeddings)
        norms = np.linalg.norm(reduced, axis=1, keepdims=True)
        unit: np.ndarray = reduced / np.maximum(norms, 1e-12)
        return unit
