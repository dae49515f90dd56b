"""Hierarchy: sub-themes whose centroids are close are gathered under a broad theme."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class CentroidGrouper:
    """Average-linkage clustering of sub-theme centroids, cut at a cosine distance.

    Returns a group number per sub-theme; a group of one sub-theme has no broad theme above
    it. At most ``max_share`` of the sub-themes can share one group, so a corpus about one
    subject is not folded into a single broad theme.
    """

    max_distance: float = 0.35
    max_share: float = 0.5

    def groups(self, centroids: np.ndarray) -> np.ndarray:
        """A group label per row of ``centroids``."""
        n = len(centroids)
        if n < 3:
            return np.arange(n)
        labels = self._cut(centroids, None)
        limit = max(2, int(self.max_share * n))
        k = int(labels.max()) + 1
        # Too large a group: cut the same tree lower until none is.
        while np.bincount(labels).max() > limit and k < n:
            k += 1
            labels = self._cut(centroids, k)
        return labels

    def _cut(self, centroids: np.ndarray, n_clusters: int | None) -> np.ndarray:
        from sklearn.cluster import AgglomerativeClustering  # only when themes are fitted

        model = AgglomerativeClustering(
            n_clusters=n_clusters,
            metric="cosine",
            linkage="average",
            distance_threshold=self.max_distance if n_clusters is None else None,
        )
        return np.asarray(model.fit_predict(centroids), dtype=int)
