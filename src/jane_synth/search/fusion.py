"""Combining BM25 and dense scores into one ranking."""

from __future__ import annotations

import numpy as np

RRF_K = 60


def top_k(scores: np.ndarray, k: int, mask: np.ndarray | None = None) -> np.ndarray:
    """Indices of the ``k`` best scores (descending, ties by index), among ``mask`` rows."""
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
        k = min(k, int(mask.sum()))
    k = min(k, scores.shape[0])
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k]
    order = np.lexsort((part, -scores[part]))
    return part[order]


def reciprocal_rank_fusion(rankings: list[np.ndarray], k: int = RRF_K) -> dict[int, float]:
    """RRF score per row: the sum over rankings of ``1 / (k + rank)`` (ranks from 1)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, row in enumerate(ranking.tolist(), start=1):
            fused[row] = fused.get(row, 0.0) + 1.0 / (k + rank)
    return fused


def _minmax(values: np.ndarray) -> np.ndarray:
    lo, hi = float(values.min()), float(values.max())
    if hi - lo < 1e-12:
        return np.zeros_like(values)
    return (values - lo) / (hi - lo)


def weighted_fusion(
    bm25_scores: np.ndarray, dense_scores: np.ndarray, candidates: np.ndarray, alpha: float
) -> dict[int, float]:
    """Convex combination of min-max normalised scores over the candidate rows.

    ``alpha`` weighs the dense side: 0 is pure BM25, 1 pure dense.
    """
    if candidates.size == 0:
        return {}
    b = _minmax(bm25_scores[candidates].astype(np.float64))
    d = _minmax(dense_scores[candidates].astype(np.float64))
    fused = (1 - alpha) * b + alpha * d
    return dict(zip(candidates.tolist(), fused.tolist(), strict=True))
