import json

import pytest

from jane_synth.briefs import (
    STRANDS,
    SectionSelector,
    brief_to_dict,
    build_briefs,
    render_html,
    render_markdown,
)
from jane_synth.evidence import EvidenceSelector
from jane_synth.search import Searcher
from jane_synth.taxonomy import load_taxonomy
from tests.evidence.test_selector import cosine_model

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def searcher(indexed_fixture, embedder):
    _, layout = indexed_fixture
    s = Searcher.open(layout.root, embedder=embedder)
    yield s
    s.close()


def _briefs(searcher, cut, cap=3):
    selector = EvidenceSelector(searcher, model=cosine_model(cut, cap=cap), standalone_only=True)
    return build_briefs(searcher, load_taxonomy(), selector=selector, scoring="calibrated")


def test_only_sentences_above_the_threshold_are_quoted_up_to_the_cap(searcher):
    briefs = _briefs(searcher, 0.35, cap=1)
    n = 0
    for brief in briefs:
        for s in brief.sections:
            for about in (True, False):
                strand = [ev for ev in s.evidence if ev.noe_specific == about]
                assert len(strand) <= 1
                n += len(strand)
            assert all(ev.probability >= 0.5 for ev in s.evidence)
    assert n > 0


def test_a_strand_with_nothing_above_the_threshold_is_a_gap(searcher):
    briefs = _briefs(searcher, 0.35)
    for brief in briefs:
        for s in brief.sections:
            for about, strand in zip((True, False), STRANDS, strict=True):
                has = any(ev.noe_specific == about for ev in s.evidence)
                assert has == (strand not in s.gaps)
        assert {(g.dimension, g.strand) for g in brief.gaps} == {
            (s.dimension.slug, strand) for s in brief.sections for strand in s.gaps
        }
    assert any(b.gaps for b in briefs) and any(s.evidence for b in briefs for s in b.sections)


def test_when_nothing_answers_every_cell_is_a_gap_in_every_format(searcher):
    brief = _briefs(searcher, 0.999)[1]
    assert not any(s.evidence for s in brief.sections)
    assert len(brief.gaps) == 2 * len(brief.sections)
    data = json.loads(json.dumps(brief_to_dict(brief)))
    assert data["gaps"][0] == {"noe": brief.noe.slug, "dimension": brief.sections[0].dimension.slug,
                               "strand": "about_noe"}  # fmt: skip
    assert len(data["gaps"]) == 2 * len(brief.sections)
    md, html = render_markdown(brief), render_html(brief)
    gap = "no statement in the corpus answers this question (an evidence gap)"
    assert md.count(gap) == html.count(gap) == 2 * len(brief.sections)


def test_the_per_strand_cap_defaults_to_the_models(searcher):
    selector = EvidenceSelector(searcher, model=cosine_model(0.3, cap=3))
    assert SectionSelector(searcher, selector=selector, scoring="calibrated").per_strand == 3
    assert SectionSelector(searcher, selector=selector).per_strand == 2  # by similarity
    assert SectionSelector(searcher, cap=1, selector=selector).per_strand == 1


def test_an_unknown_scoring_is_refused(searcher):
    with pytest.raises(ValueError, match="unknown scoring"):
        SectionSelector(searcher, scoring="vibes")
