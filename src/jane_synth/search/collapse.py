"""Near-identical passages (the same paragraph in two versions of a report) become one hit."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..records import Chunk, Citation
from ..store import StoredDocument
from ..versions import jaccard, shingles
from .settings import SearchSettings

SHINGLE_WORDS = 3
_SHINGLE_CACHE_SIZE = 20_000


@dataclass
class NearDuplicates:
    """Which rows hold near-identical passages (3-word shingles), and which version leads.

    ``documents`` is read at every call, so a change of ``superseded_by`` shows at once.
    """

    chunks: Sequence[Chunk]
    documents: Mapping[str, StoredDocument]
    settings: SearchSettings
    _cache: dict[int, frozenset[str]] = field(default_factory=dict, init=False)

    def _shingles(self, row: int) -> frozenset[str]:
        cached = self._cache.get(row)
        if cached is None:
            if len(self._cache) >= _SHINGLE_CACHE_SIZE:
                self._cache.clear()
            cached = self._cache[row] = shingles(
                self.chunks[row].text, SHINGLE_WORDS, whole_if_short=True
            )
        return cached

    def same(self, a: int, b: int) -> bool:
        """Whether rows ``a`` and ``b`` hold one passage: shingle Jaccard, or within a version
        group the looser overlap coefficient (revisions shift chunk boundaries)."""
        sa, sb = self._shingles(a), self._shingles(b)
        if not sa or not sb:
            return False
        if self.version_root(a) == self.version_root(b):
            overlap = len(sa & sb) / min(len(sa), len(sb))
            return overlap >= self.settings.version_duplicate_overlap
        threshold = self.settings.near_duplicate_jaccard
        if min(len(sa), len(sb)) < threshold * max(len(sa), len(sb)):
            return False  # too different in size to reach the threshold
        return jaccard(sa, sb) >= threshold

    def version_root(self, row: int) -> str:
        """The current version of the row's document (itself when it is not superseded)."""
        doc_id = self.chunks[row].doc_id
        seen = {doc_id}
        while (newer := self.documents[doc_id].superseded_by) and newer in self.documents:
            if newer in seen:
                break
            seen.add(newer)
            doc_id = newer
        return doc_id

    def is_current(self, row: int) -> bool:
        """Whether the row's document is the newest of its versions."""
        return self.documents[self.chunks[row].doc_id].superseded_by is None


@dataclass
class _Kept:
    position: int  # in the ranking, for the vector similarity matrix
    row: int
    score: float
    also_in: list[Citation]


def collapse_ranked(
    ranked: Sequence[tuple[int, float]],
    k: int,
    duplicates: NearDuplicates,
    vectors: np.ndarray | None,
    citation: Callable[[int], Citation],
) -> list[tuple[int, float, list[Citation]]]:
    """The best ``k`` of ``ranked`` with each near-duplicate folded into the hit it repeats.

    ``vectors`` (one per ranked row, normalised) spare the word comparison of pairs that embed
    apart; the newest version of a passage leads its hit and the others are cited under it.
    """
    sim = None if vectors is None else vectors @ vectors.T
    min_cosine = duplicates.settings.near_duplicate_min_cosine
    kept: list[_Kept] = []

    def twin_of(i: int, row: int) -> _Kept | None:
        for item in kept:
            close = (
                sim is None
                or sim[i, item.position] >= min_cosine
                or duplicates.version_root(row) == duplicates.version_root(item.row)
            )
            if close and duplicates.same(row, item.row):
                return item
        return None

    for i, (row, score) in enumerate(ranked):
        twin = twin_of(i, row)
        if twin is None:
            if len(kept) < k:
                kept.append(_Kept(i, row, score, []))
        elif duplicates.is_current(row) and not duplicates.is_current(twin.row):
            # The newest version leads the hit; the older one is listed under also_in.
            twin.also_in.insert(0, citation(twin.row))
            twin.position, twin.row = i, row
        else:
            twin.also_in.append(citation(row))
    return [(t.row, t.score, t.also_in) for t in kept]
