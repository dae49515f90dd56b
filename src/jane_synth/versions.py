"""Near-duplicate documents: versions of the same report, grouped, with the newest marked current.

Two documents are versions of each other when the Jaccard similarity of their word 5-gram
shingles reaches :data:`JACCARD_THRESHOLD` (groups are the connected components of that
relation). Exact sets, not MinHash: for hundreds of documents an inverted index over the
shingles finds every candidate pair quickly, and the result does not depend on hash seeds.

In a group the newest document is current: the latest year, then the latest version marker
(``final`` > ``v3`` > ``v1`` > no marker > ``draft``), then the last path. Every other member is
superseded by it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import PurePosixPath

SHINGLE_WORDS = 5
JACCARD_THRESHOLD = 0.4
"""Measured on ../shared/data/real_pdfs: the three versions of one summary pair at 0.49-0.93;
two issues of a report series with the same template at 0.24; anything else below 0.11."""
MIN_SHINGLES = 25
"""Documents with fewer shingles (a few lines) are too short to call versions of anything."""
MAX_SHARED_DOCS = 50
"""Shingles found in more documents than this (boilerplate) do not propose candidate pairs."""

_WORD = re.compile(r"\w+")
_VERSION_NUMBER = re.compile(r"(?:^|[^a-z])(?:v|ver|version|rev|r)[ ._-]?(\d+(?:\.\d+)*)(?![a-z])")
_DRAFT = re.compile(r"(?:^|[^a-z])(?:draft|wip|preliminary|provisional)(?![a-z])")
_FINAL = re.compile(r"(?:^|[^a-z])(?:final|published|approved)(?![a-z])")


@dataclass(frozen=True)
class VersionCandidate:
    """What version detection needs to know about one document."""

    doc_id: str
    path: str
    text: str
    year: int | None = None
    title: str = ""
    version: str | None = None


@dataclass(frozen=True)
class VersionGroup:
    """Documents that are versions of one another, newest (current) first."""

    doc_ids: tuple[str, ...]
    paths: tuple[str, ...]

    @property
    def current(self) -> str:
        return self.doc_ids[0]


def shingles(text: str, k: int = SHINGLE_WORDS, whole_if_short: bool = False) -> frozenset[str]:
    """Lower-cased word ``k``-grams of ``text``; with ``whole_if_short``, a text of fewer than
    ``k`` words is one shingle (its words), so that short passages can still match."""
    words = _WORD.findall(text.lower())
    n = len(words) - k + 1
    return frozenset(" ".join(words[i : i + k]) for i in range(max(1, n) if whole_if_short else n))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two shingle sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def version_rank(*labels: str | None) -> tuple[int, tuple[int, ...]]:
    """Order of version markers in ``labels`` (version field, file name, title; first one that
    says something wins): draft < none < v1 < v3 < final."""
    for label in labels:
        text = (label or "").lower()
        if not text:
            continue
        if _DRAFT.search(text):
            return (0, ())
        if _FINAL.search(text):
            return (3, ())
        if m := _VERSION_NUMBER.search(text):
            return (2, tuple(int(n) for n in m.group(1).split(".")))
    return (1, ())


def _newest_key(doc: VersionCandidate) -> tuple[int, tuple[int, tuple[int, ...]], str]:
    stem = PurePosixPath(doc.path).stem
    return (doc.year or 0, version_rank(doc.version, stem, doc.title), doc.path)


def _candidate_pairs(sets: Sequence[frozenset[str]]) -> set[tuple[int, int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for sh in s:
            index[sh].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if 1 < len(members) <= MAX_SHARED_DOCS:
            pairs.update(combinations(members, 2))
    return pairs


def find_version_groups(
    docs: Iterable[VersionCandidate], threshold: float = JACCARD_THRESHOLD
) -> list[VersionGroup]:
    """Groups of two or more near-duplicate documents, each newest first, sorted by path."""
    docs = sorted(docs, key=lambda d: (d.path, d.doc_id))
    sets = [shingles(d.text) for d in docs]
    parent = list(range(len(docs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(_candidate_pairs(sets)):
        if min(len(sets[i]), len(sets[j])) < MIN_SHINGLES:
            continue
        if jaccard(sets[i], sets[j]) >= threshold:
            parent[root(j)] = root(i)

    members: dict[int, list[VersionCandidate]] = defaultdict(list)
    for i, doc in enumerate(docs):
        members[root(i)].append(doc)
    groups = []
    for group in members.values():
        if len(group) < 2:
            continue
        ordered = sorted(group, key=_newest_key, reverse=True)
        groups.append(
            VersionGroup(tuple(d.doc_id for d in ordered), tuple(d.path for d in ordered))
        )
    return sorted(groups, key=lambda g: min(g.paths))


def superseded_map(groups: Iterable[VersionGroup]) -> dict[str, str]:
    """``older doc_id -> current doc_id`` for every non-current member of every group."""
    return {old: g.current for g in groups for old in g.doc_ids[1:]}
