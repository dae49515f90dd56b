"""Combining the scores of any number of retrievers into one ranking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import reduce

import numpy as np

from .settings import SearchSettings

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
    scores: Sequence[np.ndarray],
    weights: Sequence[float],
    candidates: np.ndarray,
    normalise: str = "minmax",
) -> np.ndarray:
    """Weighted sum of each retriever's normalised scores, one per candidate row.

    ``normalise`` is ``minmax`` or ``zscore``, computed over the candidates only.
    """
    if candidates.size == 0:
        return np.zeros(0, dtype=np.float64)
    norm = NORMALISERS[normalise]
    fused = np.zeros(candidates.size, dtype=np.float64)
    for i, (side, weight) in enumerate(zip(scores, weights, strict=True)):
        part = weight * norm(side[candidates].astype(np.float64))
        fused = part if i == 0 else fused + part
    return fused


def fuse(
    scores: Mapping[str, np.ndarray],
    tops: Mapping[str, np.ndarray],
    k: int,
    settings: SearchSettings,
) -> list[tuple[int, float]]:
    """The best ``k`` ``(row, fused score)`` from every retriever's candidate rows, ties by row.

    ``scores`` holds each retriever's score of every row, ``tops`` its candidate rows, both
    keyed by retriever name in the same order.
    """
    names = list(scores)
    if settings.fusion == "weighted":
        rows = reduce(np.union1d, [tops[n] for n in names], np.zeros(0, dtype=np.int64))
        weights = [settings.weight_of(n) for n in names]
        fused = weighted_fusion([scores[n] for n in names], weights, rows, settings.normalise)
        order = np.lexsort((rows, -fused))[:k]
        return list(zip(rows[order].tolist(), fused[order].tolist(), strict=True))
    if settings.fusion == "rrf":
        ranked = sorted(
            reciprocal_rank_fusion([tops[n] for n in names], settings.rrf_k).items(),
            key=lambda item: (-item[1], item[0]),
        )
        return [(int(r), float(s)) for r, s in ranked[:k]]
    raise ValueError(f"unknown fusion {settings.fusion!r}")
