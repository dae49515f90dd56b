"""Cluster: k-means with k chosen by silhouette over a range (the default), agglomerative, or
HDBSCAN (which leaves outliers out)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import HDBSCAN, AgglomerativeClustering, KMeans
from sklearn.metrics import silhouette_score

from .reduce import SEED
from .stages import OUTLIER


@dataclass
class KMeansClusterer:
    """k-means with k chosen by the best silhouette among ``candidates`` (capped by rows)."""

    candidates: Sequence[int] = (6, 8, 10, 12, 14, 16, 20, 24)
    seed: int = SEED
    chosen_k: int | None = field(default=None, init=False)

    def fit_predict(self, points: np.ndarray) -> np.ndarray:
        """A label per row, never an outlier."""
        n = points.shape[0]
        ks = [k for k in self.candidates if 2 <= k < n] or ([min(2, n)] if n >= 2 else [1])
        if ks == [1]:
            self.chosen_k = 1
            return np.zeros(n, dtype=int)
        best: tuple[float, int, np.ndarray] | None = None
        sample = min(n, 4000)
        for k in ks:
            labels = KMeans(n_clusters=k, n_init=4, random_state=self.seed).fit_predict(points)
            score = silhouette_score(points, labels, sample_size=sample, random_state=self.seed)
            if best is None or score > best[0] + 1e-9:
                best = (score, k, labels)
        assert best is not None
        self.chosen_k = best[1]
        return best[2]


@dataclass
class SilhouetteKMeans:
    """k-means whose k is the best mean silhouette over ``min_k..max_k`` (every ``step``), never
    more than one cluster per ``min_rows_per_cluster`` rows: the number of themes is measured,
    not told."""

    min_k: int = 4
    max_k: int = 30
    step: int = 1
    min_rows_per_cluster: int = 10
    seed: int = SEED
    chosen_k: int | None = field(default=None, init=False)
    scores: dict[int, float] = field(default_factory=dict, init=False)

    def candidates(self, n: int) -> list[int]:
        """The ks tried for ``n`` rows."""
        top = min(self.max_k, n // max(self.min_rows_per_cluster, 1), n - 1)
        return list(range(max(2, self.min_k), top + 1, self.step)) or ([2] if n >= 4 else [])

    def fit_predict(self, points: np.ndarray) -> np.ndarray:
        """A label per row, never an outlier."""
        ks = self.candidates(points.shape[0])
        if not ks:
            self.chosen_k = 1
            return np.zeros(points.shape[0], dtype=int)
        best: tuple[float, int, np.ndarray] | None = None
        sample = min(points.shape[0], 3000)
        self.scores = {}
        for k in ks:
            labels = KMeans(n_clusters=k, n_init=4, random_state=self.seed).fit_predict(points)
            score = float(
                silhouette_score(points, labels, sample_size=sample, random_state=self.seed)
            )
            self.scores[k] = round(score, 6)
            if best is None or score > best[0] + 1e-9:
                best = (score, k, labels)
        assert best is not None
        self.chosen_k = best[1]
        return np.asarray(best[2], dtype=int)


@dataclass
class AgglomerativeClusterer:
    """Ward clustering into ``n_clusters`` (capped by rows); deterministic without a seed."""

    n_clusters: int = 12

    def fit_predict(self, points: np.ndarray) -> np.ndarray:
        """A label per row, never an outlier."""
        n = points.shape[0]
        if n < 2:
            return np.zeros(n, dtype=int)
        model = AgglomerativeClustering(n_clusters=min(self.n_clusters, n))
        return np.asarray(model.fit_predict(points), dtype=int)


@dataclass
class HDBSCANClusterer:
    """Density clusters; rows in no dense region are labelled -1 (outliers, never a theme)."""

    min_cluster_size: int = 5
    min_samples: int | None = None

    def fit_predict(self, points: np.ndarray) -> np.ndarray:
        """A label per row, -1 for outliers."""
        if points.shape[0] < max(self.min_cluster_size, 2):
            return np.full(points.shape[0], OUTLIER, dtype=int)
        model = HDBSCAN(
            min_cluster_size=self.min_cluster_size, min_samples=self.min_samples, copy=True
        )
        return np.asarray(model.fit_predict(points), dtype=int)
