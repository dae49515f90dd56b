"""Ranking from per-retriever score vectors: one retriever alone, or all of them fused."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np

from .fusion import fuse, top_k
from .settings import SearchSettings


def rank_scores(
    scores: Mapping[str, np.ndarray],
    k: int,
    settings: SearchSettings,
    mask: np.ndarray | None = None,
    positive_only: Collection[str] = (),
) -> list[tuple[int, float]]:
    """``(row, score)`` of the best ``k`` rows, best first.

    ``scores`` maps retriever names to the score of every row: with one entry its ranking is
    returned as is, with several they are fused by ``settings`` over each one's best
    ``settings.candidates`` rows. Retrievers in ``positive_only`` match only rows scoring above
    zero. ``mask`` keeps only the rows a filter lets through.
    """
    if not scores:
        raise ValueError("no retriever to rank with")
    if len(scores) == 1:
        ((name, only),) = scores.items()
        rows = _matches(only, top_k(only, k, mask), name in positive_only)
        return [(int(i), float(only[i])) for i in rows]
    depth = max(k, settings.candidates)
    tops = {
        name: _matches(s, top_k(s, depth, mask), name in positive_only)
        for name, s in scores.items()
    }
    return fuse(scores, tops, k, settings)


def _matches(scores: np.ndarray, rows: np.ndarray, positive_only: bool) -> np.ndarray:
    return rows[scores[rows] > 0] if positive_only else rows
