"""Grouping near-identical statements, counting who says them, and grading cells."""

from __future__ import annotations

import math

import pytest

from jane_synth.evidence.strength import (
    Grade,
    Similarity,
    Statement,
    alike_pairs,
    cell_grade,
    grade,
    group_statements,
    jaccard,
    shingles,
    support,
    support_of,
)

FUNDING = "ERNs are funded by the EU4Health programme through framework partnership agreements."
FUNDING_COPY = "ERNs are funded by the EU4Health programme through framework partnership agreements with the Commission."
GOVERNANCE = "The Board of Member States approves new members after an independent assessment."


def _unit(angle_degrees: float) -> tuple[float, float]:
    a = math.radians(angle_degrees)
    return (math.cos(a), math.sin(a))


def _s(key: str, text: str, doc: str, publisher: str = "", group: str = "", vector=()) -> Statement:
    return Statement(key, text, doc, publisher, group, tuple(vector))


def test_shingles_and_jaccard() -> None:
    assert shingles("A b c d", 3) == {("a", "b", "c"), ("b", "c", "d")}
    assert shingles("Two words", 3) == {("two", "words")}
    assert shingles("", 3) == frozenset()
    assert jaccard(shingles(FUNDING), shingles(FUNDING)) == 1.0
    assert 0.5 < jaccard(shingles(FUNDING), shingles(FUNDING_COPY)) < 1.0
    assert jaccard(shingles(FUNDING), shingles(GOVERNANCE)) == 0.0
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_alike_by_words_or_by_vectors() -> None:
    statements = [
        _s("a", FUNDING, "d1"),
        _s("b", FUNDING_COPY, "d2"),
        _s("c", GOVERNANCE, "d3", vector=_unit(0)),
        _s("d", "New members are admitted by the Member States' board.", "d4", vector=_unit(20)),
        _s("e", "Patients are represented in every network.", "d5", vector=_unit(60)),
    ]
    # cos 20 degrees = 0.94 (paraphrase), cos 40 = 0.77, cos 60 = 0.5
    assert alike_pairs(statements) == {(0, 1), (2, 3)}
    assert alike_pairs(statements, Similarity(min_cosine=0.7)) == {(0, 1), (2, 3), (3, 4)}
    assert alike_pairs(statements, Similarity(min_jaccard=1.0)) == {(2, 3)}


def test_groups_count_documents_once_per_version_group_and_publishers_once() -> None:
    statements = [
        _s("1", FUNDING, "draft", "ERN Board", group="g1"),
        _s("2", GOVERNANCE, "other", "EC"),
        _s("3", FUNDING, "final", "ERN  board", group="g1"),  # a version of the draft
        _s("4", FUNDING_COPY, "eca", "European Court of Auditors"),
        _s("5", FUNDING, "blog", ""),  # unknown publisher
    ]
    findings = group_statements(statements)
    assert [[s.key for s in f.statements] for f in findings] == [["1", "3", "4", "5"], ["2"]]
    first = findings[0]
    assert first.lead.key == "1"
    assert first.support.documents == 3  # draft and final count once
    assert first.support.doc_ids == ("blog", "draft", "eca", "final")
    # the blog has no publisher: it counts as one of its own, never as "0 publishers"
    assert first.support.publishers == 3
    assert first.support.publisher_names == ("ERN Board", "European Court of Auditors")
    assert findings[1].support.documents == 1


def test_groups_are_transitive_and_deterministic() -> None:
    chain = [_s(str(i), f"s{i}", f"d{i}", vector=_unit(10 * i)) for i in range(4)]
    # neighbours are 10 degrees apart (cos 0.98); the ends 30 degrees (0.87), all one group
    findings = group_statements(chain, Similarity(min_cosine=0.95))
    assert len(findings) == 1 and findings[0].support.documents == 4
    assert group_statements(list(reversed(chain)))[0].lead.key == "3"
    assert group_statements([]) == []


def test_support_of_a_quote_counts_only_direct_likeness() -> None:
    chain = [_s(str(i), f"s{i}", f"d{i}", vector=_unit(10 * i)) for i in range(4)]
    settings = Similarity(min_cosine=0.95)
    assert support_of(chain[0], chain, settings).doc_ids == ("d0", "d1")
    assert support_of(chain[1], chain, settings).documents == 3
    lonely = _s("x", GOVERNANCE, "dx")
    assert support_of(lonely, chain, settings).documents == 1


@pytest.mark.parametrize(
    ("documents", "expected"),
    [(0, Grade.NONE), (1, Grade.THIN), (2, Grade.MODERATE), (3, Grade.STRONG), (7, Grade.STRONG)],
)
def test_grade_thresholds(documents: int, expected: Grade) -> None:
    assert grade(documents) is expected


def test_cell_grade_counts_independent_documents() -> None:
    v1 = _s("1", FUNDING, "v1", group="g")
    v2 = _s("2", GOVERNANCE, "v2", group="g")
    other = _s("3", GOVERNANCE, "o")
    third = _s("4", GOVERNANCE, "t")
    assert cell_grade([]) is Grade.NONE
    assert cell_grade([v1, v2]) is Grade.THIN  # two versions of one report
    assert cell_grade([v1, v2, other]) is Grade.MODERATE
    assert cell_grade([v1, other, third]) is Grade.STRONG
    assert str(Grade.STRONG) == "strong"
    assert support([v1, v2]).doc_ids == ("v1", "v2")


def test_a_document_without_a_publisher_is_its_own_publisher() -> None:
    alone = group_statements([_s("1", FUNDING, "notes", "")])[0].support
    assert (alone.documents, alone.publishers, alone.publisher_names) == (1, 1, ())
    versions = group_statements(
        [_s("1", FUNDING, "draft", "", group="g"), _s("2", FUNDING, "final", "", group="g")]
    )[0].support
    assert (versions.documents, versions.publishers) == (1, 1)
