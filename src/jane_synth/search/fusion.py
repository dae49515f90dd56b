"""Combining BM25 and dense scores into one ranking."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .searcher import SearchSettings

RRF_K = 60


def top_k(scores: np.ndarray, k: int, mask: np.ndarray | None = None) -> np.ndarray:
    """Indices of the ``k`` best scores (descending, ties by index), among ``mask`` rows."""
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
        k = min(k, int(np.count_nonzero(mask)))
    k = min(k, scores.shape[0])
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if k < scores.shape[0]:
        # argpartition picks an arbitrary subset of rows tied at the k-th score: take the
        # lowest rows among those, so that the result never depends on the partition.
        kth = scores[np.argpartition(-scores, k - 1)[k - 1]]
        above = np.flatnonzero(scores > kth)
        part = np.concatenate([above, np.flatnonzero(scores == kth)[: k - above.size]])
    else:
        part = np.arange(k)
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


def _zscore(values: np.ndarray) -> np.ndarray:
    sd = float(values.std())
    if sd < 1e-12:
        return np.zeros_like(values)
    return (values - float(values.mean())) / sd


NORMALISERS = {"minmax": _minmax, "zscore": _zscore}


def weighted_fusion(
    bm25_scores: np.ndarray,
    dense_scores: np.ndarray,
    candidates: np.ndarray,
    alpha: float,
    normalise: str = "minmax",
) -> np.ndarray:
    """Convex combination of normalised scores, one per candidate row.

    ``alpha`` weighs the dense side: 0 is pure BM25, 1 pure dense. ``normalise`` is ``minmax``
    or ``zscore``, computed over the candidates only.
    """
    if candidates.size == 0:
        return np.zeros(0, dtype=np.float64)
    norm = NORMALISERS[normalise]
    fused = (1 - alpha) * norm(bm25_scores[candidates].astype(np.float64))
    return fused + alpha * norm(dense_scores[candidates].astype(np.float64))


def fuse(
    bm25_scores: np.ndarray,
    dense_scores: np.ndarray,
    bm25_top: np.ndarray,
    dense_top: np.ndarray,
    k: int,
    settings: SearchSettings,
) -> list[tuple[int, float]]:
    """The best ``k`` ``(row, fused score)`` from each side's candidate rows, ties by row."""
    if settings.fusion == "weighted":
        rows = np.union1d(bm25_top, dense_top)
        fused = weighted_fusion(bm25_scores, dense_scores, rows, settings.alpha, settings.normalise)
        order = np.lexsort((rows, -fused))[:k]
        return list(zip(rows[order].tolist(), fused[order].tolist(), strict=True))
    if settings.fusion == "rrf":
        ranked = sorted(
            reciprocal_rank_fusion([bm25_top, dense_top], settings.rrf_k).items(),
            key=lambda item: (-item[1], item[0]),
        )
        return [(int(r), float(s)) for r, s in ranked[:k]]
    raise ValueError(f"unknown fusion {settings.fusion!r}")
