"""Represent: diverse passages that stand for a theme (maximal marginal relevance)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class MMRRepresenter:
    """Chunks near the theme's centroid and unlike those already picked, one per document.

    Each pick maximises ``(1 - diversity) * sim(centroid) - diversity * max sim to those
    picked`` (maximal marginal relevance), so three representatives are three different
    facets of the theme rather than three near-copies of its centre.
    """

    n_representatives: int = 3
    diversity: float = 0.3

    def representatives(
        self, embeddings: np.ndarray, labels: np.ndarray, doc_ids: Sequence[str], cluster: int
    ) -> list[int]:
        """Rows of ``cluster``, best first, at most one per document."""
        rows = np.flatnonzero(labels == cluster)
        if not rows.size:
            return []
        vectors = embeddings[rows]
        centroid = vectors.mean(axis=0)
        relevance = vectors @ (centroid / max(float(np.linalg.norm(centroid)), 1e-12))
        picked: list[int] = []
        seen_docs: set[str] = set()
        closest = np.full(rows.size, -np.inf)
        while len(picked) < self.n_representatives:
            redundancy = np.where(np.isfinite(closest), closest, 0.0)
            score = (1 - self.diversity) * relevance - self.diversity * redundancy
            candidates = [i for i in range(rows.size) if doc_ids[rows[i]] not in seen_docs]
            if not candidates:
                break
            # Highest score; on ties the earlier row, so the pick is deterministic.
            best = max(candidates, key=lambda i: (round(float(score[i]), 9), -i))
            picked.append(int(rows[best]))
            seen_docs.add(doc_ids[rows[best]])
            closest = np.maximum(closest, vectors @ vectors[best])
        return picked
