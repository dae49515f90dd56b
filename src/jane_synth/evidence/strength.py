"""How strong evidence is: who else says the same thing, and a grade per brief cell.

Near-identical statements (the same finding in other words, or copied between reports) are
grouped: two statements are alike when the cosine of their sentence vectors reaches
:attr:`Similarity.min_cosine`, or when the Jaccard similarity of their word shingles reaches
:attr:`Similarity.min_jaccard`. A finding's support is the number of distinct documents and
publishers among the statements alike to it; documents that are versions of one another (one
version group) count once. A cell's grade follows the number of independent documents that
pass the evidence threshold there: ``strong`` (3 or more), ``moderate`` (2), ``thin`` (1),
``none`` (0).

Pure functions over the small records below; results depend only on the input order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Statement:
    """A candidate finding: one sentence of one document, with what the counts need."""

    key: str
    """Unique per statement (for example chunk id and character offsets)."""
    text: str
    doc_id: str
    publisher: str = ""
    version_group: str = ""
    """Shared by documents that are versions of one another; empty when the document has none."""
    vector: tuple[float, ...] = ()
    """The sentence's embedding; empty when only words are compared."""

    @property
    def source(self) -> str:
        """The independent source this statement counts for: its version group, else its document."""
        return self.version_group or self.doc_id


@dataclass(frozen=True)
class Similarity:
    """When two statements say the same thing."""

    min_cosine: float = 0.85
    """MiniLM cosine of two sentences that state the same finding in other words."""
    min_jaccard: float = 0.5
    """Share of word shingles two sentences have in common (copied or lightly edited text)."""
    shingle_words: int = 3


@dataclass(frozen=True)
class Support:
    """How many independent documents and distinct publishers say one thing."""

    documents: int
    publishers: int
    doc_ids: tuple[str, ...]
    """The documents behind the count, sorted (versions of one document are all listed)."""
    publisher_names: tuple[str, ...]
    """Distinct known publishers, sorted. A document without a publisher counts as a publisher
    of its own in ``publishers`` (it is independent of the others as far as anyone can tell),
    but has no name here."""


@dataclass(frozen=True)
class Finding:
    """Statements that say the same thing, in input order, and their support."""

    statements: tuple[Statement, ...]
    support: Support

    @property
    def lead(self) -> Statement:
        return self.statements[0]


class Grade(StrEnum):
    """The evidence grade of one brief cell (NoE x dimension x strand)."""

    STRONG = "strong"
    MODERATE = "moderate"
    THIN = "thin"
    NONE = "none"


def shingles(text: str, size: int = 3) -> frozenset[tuple[str, ...]]:
    """The word ``size``-grams of ``text`` (lower case); a shorter text is one shingle."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) <= size:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Jaccard similarity of two shingle sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _vector_pairs(statements: Sequence[Statement], min_cosine: float) -> set[tuple[int, int]]:
    with_vectors = [i for i, s in enumerate(statements) if s.vector]
    if len(with_vectors) < 2:
        return set()
    matrix = np.asarray([statements[i].vector for i in with_vectors], dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = matrix / np.where(norms == 0, 1.0, norms)
    cosines = matrix @ matrix.T
    rows, cols = np.nonzero(np.triu(cosines >= min_cosine - 1e-9, k=1))
    return {(with_vectors[r], with_vectors[c]) for r, c in zip(rows, cols, strict=True)}


def _shingle_pairs(statements: Sequence[Statement], settings: Similarity) -> set[tuple[int, int]]:
    sets = [shingles(s.text, settings.shingle_words) for s in statements]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, found in enumerate(sets):
        for shingle in found:
            index[shingle].append(i)
    # Only statements sharing a shingle can reach the threshold: candidates from the index.
    candidates = {(a, b) for ids in index.values() for a in ids for b in ids if a < b}
    return {(a, b) for a, b in candidates if jaccard(sets[a], sets[b]) >= settings.min_jaccard}


def alike_pairs(
    statements: Sequence[Statement], settings: Similarity | None = None
) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of statements that say the same thing."""
    settings = settings or Similarity()
    return _vector_pairs(statements, settings.min_cosine) | _shingle_pairs(statements, settings)


def _norm_publisher(name: str) -> str:
    return " ".join(name.split()).casefold()


def support(statements: Iterable[Statement]) -> Support:
    """Independent documents (version groups once) and distinct publishers among ``statements``."""
    items = list(statements)
    publishers: dict[str, str] = {}
    unnamed: set[str] = set()  # version groups without a publisher: one publisher each
    for s in items:
        key = _norm_publisher(s.publisher)
        if key:
            publishers.setdefault(key, " ".join(s.publisher.split()))
        else:
            unnamed.add(s.source)
    return Support(
        documents=len({s.source for s in items}),
        publishers=len(publishers) + len(unnamed),
        doc_ids=tuple(sorted({s.doc_id for s in items})),
        publisher_names=tuple(sorted(publishers.values(), key=str.casefold)),
    )


def group_statements(
    statements: Sequence[Statement], settings: Similarity | None = None
) -> list[Finding]:
    """Statements grouped into findings (connected components of "says the same thing").

    Findings are ordered by their first statement's position in the input, and keep input order
    inside; every statement is in exactly one finding.
    """
    parent = list(range(len(statements)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in sorted(alike_pairs(statements, settings)):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[Statement]] = defaultdict(list)
    for i, statement in enumerate(statements):
        members[root(i)].append(statement)
    return [
        Finding(tuple(group), support(group))
        for _, group in sorted(members.items(), key=lambda item: item[0])
    ]


def support_of(
    statement: Statement, pool: Sequence[Statement], settings: Similarity | None = None
) -> Support:
    """The support of one quoted statement: itself and the statements of ``pool`` alike to it.

    Only direct likeness counts (no chains through a third statement), so a quote is never
    credited with documents that say something else.
    """
    others = [s for s in pool if s.key != statement.key]
    pairs = alike_pairs([statement, *others], settings)
    alike = [others[j - 1] for i, j in sorted(pairs) if i == 0]
    return support([statement, *alike])


def grade(documents: int) -> Grade:
    """The grade for a number of independent documents above the evidence threshold."""
    if documents >= 3:
        return Grade.STRONG
    if documents == 2:
        return Grade.MODERATE
    return Grade.THIN if documents == 1 else Grade.NONE


def cell_grade(passing: Iterable[Statement]) -> Grade:
    """The grade of a cell from the statements that passed the evidence threshold in it."""
    return grade(support(passing).documents)
