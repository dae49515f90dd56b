"""Strength in briefs: each quote's support and each cell's evidence grade.

The briefs are built by :func:`~jane_synth.briefs.select.build_briefs` unchanged, with an
evidence selector that also keeps the scored candidate set of every strand
(:class:`RecordingSelector`, fed by the section selector's ``on_strand``), in build order.
From those sets:

- a quote's **support** is the number of independent documents and distinct publishers among
  the candidate sentences of the whole run that say the same thing
  (:func:`jane_synth.evidence.strength.support_of`, read through a fast pre-filter that gives
  the same answer);
- a cell's **grade** follows the independent documents whose sentences reach the evidence
  model's threshold there (:func:`jane_synth.evidence.strength.cell_grade`); a section's grade
  counts both strands together;
- a strand whose statements above the threshold are all quoted in other sections (a brief
  quotes a sentence once) is not a gap: it names those sections (``quoted_elsewhere``).

Selection is not touched: the recorder only keeps what the section selector scored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..evidence import Candidates, EvidenceSelector, Sentence
from ..evidence.strength import (
    Similarity,
    Statement,
    Support,
    cell_grade,
    shingles,
    support,
    support_of,
)
from ..search import Searcher
from ..store.rows import StoredDocument
from ..taxonomy import Taxonomy
from .model import STRANDS, Brief, BriefSection, CellGrade, Evidence
from .select import build_briefs


@dataclass(frozen=True)
class ScoredCell:
    """The candidate sentences of one strand, their vectors and calibrated probabilities."""

    sentences: tuple[Sentence, ...]
    vectors: np.ndarray
    probabilities: np.ndarray


@dataclass
class RecordingSelector(EvidenceSelector):
    """An :class:`EvidenceSelector` that also keeps each strand's scored candidate set, handed
    to :meth:`record` by the section selector (``on_strand``) in build order."""

    recorded: list[ScoredCell] = field(default_factory=list, init=False, repr=False)

    def record(self, candidates: Candidates, probabilities: np.ndarray) -> None:
        """Keep one strand's candidates and their calibrated probabilities."""
        self.recorded.append(ScoredCell(candidates.sentences, candidates.vectors, probabilities))


def sentence_key(chunk_id: str, page_start: int) -> str:
    """One statement's key: its chunk and its offset on the page."""
    return f"{chunk_id}@{page_start}"


def _newest(documents: Mapping[str, StoredDocument], doc_id: str) -> str:
    """The newest version of a document (its version group's representative)."""
    seen = {doc_id}
    while (newer := documents[doc_id].superseded_by) and newer in documents and newer not in seen:
        doc_id = newer
        seen.add(doc_id)
    return doc_id


def statement(
    s: Sentence, vector: np.ndarray, documents: Mapping[str, StoredDocument]
) -> Statement:
    """The strength record of a candidate sentence."""
    doc_id = s.chunk.doc_id
    return Statement(
        key=sentence_key(s.chunk.chunk_id, s.chunk.start + s.start),
        text=s.text,
        doc_id=doc_id,
        publisher=documents[doc_id].meta.publisher,
        version_group=_newest(documents, doc_id),
        vector=tuple(np.asarray(vector, dtype=np.float64).tolist()),  # exact: float32 -> float
    )


class StatementPool:
    """Every distinct candidate statement of a run, with what finds alike ones fast."""

    def __init__(self, statements: Sequence[Statement], similarity: Similarity) -> None:
        self.statements = list({s.key: s for s in statements}.values())
        self.by_key = {s.key: i for i, s in enumerate(self.statements)}
        self.similarity = similarity
        dim = max((len(s.vector) for s in self.statements), default=0)
        matrix = np.array(
            [s.vector or (0.0,) * dim for s in self.statements], dtype=np.float64
        ).reshape(len(self.statements), dim)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self.matrix = matrix / np.where(norms == 0, 1.0, norms)
        self.index: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, s in enumerate(self.statements):
            for shingle in shingles(s.text, similarity.shingle_words):
                self.index[shingle].append(i)

    def support(self, key: str) -> Support:
        """The support of the pool's statement ``key`` (as ``support_of`` over the whole pool)."""
        i = self.by_key[key]
        mine = self.statements[i]
        near: set[int] = set()
        if mine.vector:
            cosines = self.matrix @ self.matrix[i]
            near.update(np.flatnonzero(cosines >= self.similarity.min_cosine - 1e-6).tolist())
        for shingle in shingles(mine.text, self.similarity.shingle_words):
            near.update(self.index[shingle])
        near.discard(i)
        # A superset of the alike statements: support_of decides exactly which are alike.
        return support_of(mine, [self.statements[j] for j in sorted(near)], self.similarity)


def _strand_grade(strand: str, passing: Sequence[Statement]) -> CellGrade:
    return CellGrade(strand, cell_grade(passing), support(passing).documents)


def _graded_section(
    section: BriefSection,
    cells: Sequence[tuple[ScoredCell, list[Statement]]],
    pool: StatementPool,
    threshold: float,
) -> tuple[BriefSection, list[list[Statement]]]:
    """The section with grades and support, and each strand's statements above the threshold."""
    passing = [
        [st for st, p in zip(stmts, cell.probabilities, strict=True) if p >= threshold]
        for cell, stmts in cells
    ]
    grades = (
        _strand_grade("section", [st for strand in passing for st in strand]),
        *(_strand_grade(strand, p) for strand, p in zip(STRANDS, passing, strict=True)),
    )
    keys = {st.key for _, stmts in cells for st in stmts}
    evidence: list[Evidence] = []
    for ev in section.evidence:
        key = sentence_key(ev.chunk_id, ev.start)
        if key not in keys:
            raise ValueError(f"quote {key} is not among its section's scored candidates")
        evidence.append(replace(ev, support=pool.support(key)))
    return replace(section, evidence=tuple(evidence), grades=grades), passing


def _cross_referenced(
    sections: Sequence[BriefSection], passing: Sequence[list[list[Statement]]]
) -> list[BriefSection]:
    """A strand with statements above the threshold but no quote of its own is not a gap: a
    brief quotes a sentence once, so they are all quoted in another section (or the other
    strand); the strand names those sections instead."""
    quoted_at: dict[str, str] = {}
    for section in sections:
        for ev in section.evidence:
            quoted_at.setdefault(ev.quote, section.dimension.slug)
    out = []
    for section, strands in zip(sections, passing, strict=True):
        gaps, elsewhere = [], []
        for strand, found in zip(STRANDS, strands, strict=True):
            if strand not in section.gaps:
                continue
            dims = tuple(dict.fromkeys(quoted_at[st.text] for st in found if st.text in quoted_at))
            if dims:
                elsewhere.append((strand, dims))
            else:
                gaps.append(strand)
        out.append(replace(section, gaps=tuple(gaps), quoted_elsewhere=tuple(elsewhere)))
    return out


def grade_briefs(
    briefs: Sequence[Brief],
    cells: Sequence[ScoredCell],
    threshold: float,
    documents: Mapping[str, StoredDocument],
    similarity: Similarity | None = None,
) -> list[Brief]:
    """The briefs with support on every quote and grades on every section.

    ``cells`` are the scored candidate sets in build order: one per strand of each section.
    """
    expected = sum(len(b.sections) for b in briefs) * len(STRANDS)
    if len(cells) != expected:
        raise ValueError(f"{len(cells)} scored candidate sets for {expected} brief strands")
    made: dict[tuple[str, int], Statement] = {}

    def record_of(s: Sentence, vector: np.ndarray) -> Statement:
        # One record per sentence: the same sentence is a candidate of many cells.
        key = (s.chunk.chunk_id, s.start)
        if key not in made:
            made[key] = statement(s, vector, documents)
        return made[key]

    statements = [
        [record_of(s, v) for s, v in zip(c.sentences, c.vectors, strict=True)] for c in cells
    ]
    pool = StatementPool([s for group in statements for s in group], similarity or Similarity())
    paired = list(zip(cells, statements, strict=True))
    out: list[Brief] = []
    at = 0
    for brief in briefs:
        sections, passing = [], []
        for section in brief.sections:
            graded, found = _graded_section(
                section, paired[at : at + len(STRANDS)], pool, threshold
            )
            sections.append(graded)
            passing.append(found)
            at += len(STRANDS)
        out.append(replace(brief, sections=tuple(_cross_referenced(sections, passing))))
    return out


def build_graded_briefs(
    searcher: Searcher,
    taxonomy: Taxonomy,
    recorder: RecordingSelector | None = None,
    **selector_options: Any,
) -> list[Brief]:
    """:func:`build_briefs` with each quote's support and each section's grades.

    ``recorder`` (default: the briefs' usual evidence selector, recording) must be fresh.
    """
    if "selector" in selector_options:
        raise TypeError("build_graded_briefs makes its own evidence selector")
    recorder = recorder or RecordingSelector(searcher, standalone_only=True)
    if recorder.recorded:
        raise ValueError("the recorder has already scored candidates")
    briefs = build_briefs(
        searcher, taxonomy, selector=recorder, on_strand=recorder.record, **selector_options
    )
    return grade_briefs(briefs, recorder.recorded, recorder.threshold, searcher.documents)
