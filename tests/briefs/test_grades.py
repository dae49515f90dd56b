"""Strength in briefs: support per quote and grades per cell, from the scored candidate sets."""

from __future__ import annotations

import numpy as np
import pytest

from jane_synth.briefs.grades import ScoredCell, StatementPool, grade_briefs, sentence_key
from jane_synth.briefs.model import Brief, BriefSection, Evidence
from jane_synth.evidence import Sentence
from jane_synth.evidence.strength import Grade, Similarity, Statement, support_of
from jane_synth.records import Chunk, Citation, DocumentMeta
from jane_synth.store.rows import StoredDocument
from tests.briefs.sample import FUNDING, GOVERNANCE, NOE

SAME = "Patient representatives sit on the board of every European Reference Network."
ALSO_SAME = "Patient representatives sit on the board of every European Reference Network today."
OTHER = "Member states fund the infrastructure through annual contributions to its budget."
THIRD = "The network trains young clinicians through exchange programmes and webinars."


def _doc(doc_id: str, publisher: str, superseded_by: str | None = None) -> StoredDocument:
    return StoredDocument(doc_id, f"{doc_id}.md", "markdown", DocumentMeta(doc_id, publisher),
                          1, 100, superseded_by)  # fmt: skip


DOCS = {
    "a": _doc("a", "EC"),
    "b": _doc("b", "HaDEA"),
    "c": _doc("c", "EC"),
    "draft": _doc("draft", "EC", superseded_by="a"),
}


def _sentence(doc_id: str, text: str, seq: int = 0) -> Sentence:
    chunk = Chunk(f"{doc_id}-c{seq}", doc_id, 1, 10 * seq, 10 * seq + len(text), seq, text, "h")
    return Sentence(chunk, 0, len(text), text, 0, frozenset())


def _vector(*weights: float) -> np.ndarray:
    v = np.array([*weights, 0.0, 0.0][:3], dtype=np.float32)
    return v / np.linalg.norm(v)


def _cell(rows: list[tuple[Sentence, np.ndarray, float]]) -> ScoredCell:
    return ScoredCell(
        tuple(s for s, _, _ in rows),
        np.stack([v for _, v, _ in rows]) if rows else np.zeros((0, 3), np.float32),
        np.array([p for _, _, p in rows], dtype=np.float64),
    )


def _evidence(s: Sentence, about: bool) -> Evidence:
    cite = Citation(s.chunk.doc_id, s.chunk.doc_id, 1, f"{s.chunk.doc_id}.md")
    return Evidence(s.text, cite, s.chunk.chunk_id, s.chunk.start + s.start,
                    s.chunk.start + s.end, 0.9, about)  # fmt: skip


def _setup() -> tuple[list[Brief], list[ScoredCell]]:
    quoted = _sentence("a", SAME)
    copy_b = _sentence("b", ALSO_SAME)
    copy_draft = _sentence("draft", SAME, seq=1)
    other = _sentence("c", OTHER)
    third = _sentence("b", THIRD, seq=2)
    cells = [
        # governance, about the NoE: a, b and draft pass (draft is a's version: 2 documents)
        _cell([(quoted, _vector(1, 0), 0.9), (copy_b, _vector(1, 0.05), 0.8),
               (copy_draft, _vector(1, 0), 0.7), (third, _vector(0, 0, 1), 0.1)]),
        # governance, lessons: c passes, b (other text) does not
        _cell([(other, _vector(0, 1), 0.95), (third, _vector(0, 0, 1), 0.2)]),
        _cell([]),  # funding, about: nothing
        _cell([(third, _vector(0, 0, 1), 0.3)]),  # funding, lessons: below the threshold
    ]  # fmt: skip
    governance = BriefSection(GOVERNANCE, (_evidence(quoted, True), _evidence(other, False)))
    funding = BriefSection(FUNDING, (), ("about_noe", "lessons"))
    return [Brief(NOE, (governance, funding), 4, "f")], cells


def test_support_counts_documents_saying_the_same_thing_versions_once():
    briefs, cells = _setup()
    graded = grade_briefs(briefs, cells, 0.5, DOCS)[0]
    first, second = graded.sections[0].evidence
    assert first.support is not None and second.support is not None
    assert first.support.documents == 2  # a (and its draft, one version group) and b
    assert first.support.doc_ids == ("a", "b", "draft")
    assert first.support.publisher_names == ("EC", "HaDEA")
    assert (second.support.documents, second.support.publishers) == (1, 1)


def test_grades_count_independent_documents_above_the_threshold():
    briefs, cells = _setup()
    graded = grade_briefs(briefs, cells, 0.5, DOCS)[0]
    governance, funding = graded.sections
    assert [(g.strand, g.grade, g.documents) for g in governance.grades] == [
        ("section", Grade.STRONG, 3),
        ("about_noe", Grade.MODERATE, 2),
        ("lessons", Grade.THIN, 1),
    ]
    assert {g.grade for g in funding.grades} == {Grade.NONE}
    # A higher threshold leaves fewer documents.
    strict = grade_briefs(briefs, cells, 0.85, DOCS)[0].sections[0]
    assert [g.grade for g in strict.grades] == [Grade.MODERATE, Grade.THIN, Grade.THIN]


def test_a_strand_whose_statements_are_quoted_in_another_section_is_not_a_gap():
    """A brief quotes a sentence once: funding's lessons strand has only governance's quote
    above the threshold, so it names governance instead of claiming the corpus has nothing."""
    briefs, cells = _setup()
    other = cells[1].sentences[0]
    cells[3] = _cell([(other, _vector(0, 1), 0.9), (cells[3].sentences[0], _vector(0, 0, 1), 0.3)])
    funding = grade_briefs(briefs, cells, 0.5, DOCS)[0].sections[1]
    assert funding.gaps == ("about_noe",)
    assert funding.quoted_elsewhere == (("lessons", (GOVERNANCE.slug,)),)
    assert funding.quoted_under("lessons") == (GOVERNANCE.slug,) and not funding.quoted_under(
        "about_noe"
    )
    assert funding.grade_of("lessons").grade is Grade.THIN
    # Below the threshold it is a gap again, whatever other sections quote.
    assert grade_briefs(briefs, cells, 0.95, DOCS)[0].sections[1].gaps == ("about_noe", "lessons")


def test_grading_refuses_candidates_that_do_not_match_the_briefs():
    briefs, cells = _setup()
    with pytest.raises(ValueError, match="3 scored candidate sets for 4"):
        grade_briefs(briefs, cells[:3], 0.5, DOCS)
    swapped = [cells[1], cells[0], *cells[2:]]
    moved = [swapped[0], _cell([]), *swapped[2:]]
    with pytest.raises(ValueError, match="not among its section's scored candidates"):
        grade_briefs(briefs, moved, 0.5, DOCS)


def test_the_pool_gives_what_support_of_gives_over_the_whole_pool():
    rng = np.random.default_rng(3)
    words = [
        "board",
        "network",
        "patients",
        "members",
        "fund",
        "train",
        "care",
        "data",
        "plan",
        "review",
    ]
    statements = []
    base = rng.normal(size=(6, 8))
    for i in range(60):
        text = " ".join(rng.choice(words, size=8))
        vector = base[i % 6] + rng.normal(scale=0.3, size=8)
        statements.append(
            Statement(f"k{i}", text, f"d{i % 9}", f"p{i % 4}", vector=tuple(vector.tolist()))
        )
    settings = Similarity(min_cosine=0.9, min_jaccard=0.3)
    pool = StatementPool(statements, settings)
    supports = [pool.support(s.key) for s in statements]
    assert supports == [support_of(s, statements, settings) for s in statements]
    assert len({s.documents for s in supports}) > 2  # the case is not trivial


def test_sentence_key_uses_page_offsets():
    s = _sentence("a", SAME, seq=3)
    assert sentence_key(s.chunk.chunk_id, s.chunk.start + s.start) == "a-c3@30"
