"""Theme ids that keep their meaning as the corpus grows: a new theme whose centroid is close
to a stored theme's takes that theme's id; any other gets a fresh one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def match_ids(
    centroids: np.ndarray,
    previous: Mapping[int, np.ndarray],
    taken: set[int],
    min_similarity: float = 0.8,
) -> list[int | None]:
    """For each row of ``centroids`` the id of the most similar previous centroid (greedily,
    the closest pair first, each id used once), or ``None`` below ``min_similarity``."""
    out: list[int | None] = [None] * len(centroids)
    old_ids = sorted(i for i in previous if i not in taken)
    if not old_ids or not len(centroids):
        return out
    old = np.stack([previous[i] for i in old_ids])
    similarity = centroids @ old.T
    pairs = sorted(
        ((float(similarity[r, c]), r, c) for r in range(len(centroids)) for c in range(len(old))),
        key=lambda p: (-round(p[0], 9), p[1], p[2]),
    )
    used: set[int] = set()
    for sim, r, c in pairs:
        if sim < min_similarity:
            break
        if out[r] is None and c not in used:
            out[r] = old_ids[c]
            used.add(c)
    return out


def fresh_ids(matched: Sequence[int | None], taken: set[int]) -> list[int]:
    """``matched`` with each ``None`` replaced by the next id not in ``taken`` nor matched."""
    used = taken | {m for m in matched if m is not None}
    next_id = max(used, default=-1) + 1
    out = []
    for m in matched:
        if m is None:
            m, next_id = next_id, next_id + 1
        out.append(m)
    return out
