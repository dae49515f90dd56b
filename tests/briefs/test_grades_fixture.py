"""Grading over the small fixture corpus: the same quotes as ungraded briefs, plus strength."""

from __future__ import annotations

import pytest

from jane_synth.briefs import build_briefs
from jane_synth.briefs.grades import build_graded_briefs
from jane_synth.evidence.strength import Grade
from jane_synth.search import Searcher
from jane_synth.taxonomy import load_taxonomy

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def searcher(indexed_fixture, embedder):
    _, layout = indexed_fixture
    s = Searcher.open(layout.root, embedder=embedder)
    yield s
    s.close()


def _quotes(briefs):
    return [
        [(s.dimension.slug, ev.chunk_id, ev.start, ev.end, ev.noe_specific) for ev in s.evidence]
        for b in briefs
        for s in b.sections
    ]


def test_graded_briefs_quote_exactly_what_build_briefs_quotes(searcher):
    """The default scoring (what ``make run`` uses); one build of each, about 20 s apiece."""
    taxonomy = load_taxonomy()
    graded = build_graded_briefs(searcher, taxonomy)
    assert _quotes(graded) == _quotes(build_briefs(searcher, taxonomy))
    sections = [s for b in graded for s in b.sections]
    assert all(len(s.grades) == 3 for s in sections)
    for s in sections:
        whole, about, lessons = s.grades
        assert whole.documents >= max(about.documents, lessons.documents)
        assert whole.documents <= about.documents + lessons.documents
        for ev in s.evidence:
            assert ev.support is not None and ev.support.documents >= 1
            assert ev.citation.doc_id in ev.support.doc_ids
    assert {s.grade_of().grade for s in sections} != {Grade.NONE}


def test_grading_makes_its_own_selector(searcher):
    with pytest.raises(TypeError, match="its own evidence selector"):
        build_graded_briefs(searcher, load_taxonomy(), selector=object())
