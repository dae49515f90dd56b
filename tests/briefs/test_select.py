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
    assert SectionSelector(searcher, selector=selector).per_strand == 3  # calibrated by default
    assert SectionSelector(searcher, selector=selector, scoring="similarity").per_strand == 2
    assert SectionSelector(searcher, cap=1, selector=selector).per_strand == 1


def test_an_unknown_scoring_is_refused(searcher):
    with pytest.raises(ValueError, match="unknown scoring"):
        SectionSelector(searcher, scoring="vibes")


def test_calibrated_scoring_asks_the_dimensions_answer_statements(searcher):
    taxonomy = load_taxonomy()
    noe, dimension = taxonomy.noe_domains[0], taxonomy.by_slug("governance")
    assert len(dimension.answers) >= 3
    calibrated = SectionSelector(searcher)
    assert calibrated._queries(noe, dimension, about=False) == dimension.answers
    assert calibrated._queries(noe, dimension, about=True) == tuple(
        f"{noe.name}. {a}" for a in dimension.answers
    )
    question = f"{dimension.name}: {dimension.description}"
    similar = SectionSelector(searcher, scoring="similarity")
    assert similar._queries(noe, dimension, about=False) == (question,)


def test_the_lessons_strand_is_scored_once_for_all_briefs(searcher):
    selector = EvidenceSelector(searcher, model=cosine_model(0.35), standalone_only=True)
    calls = []
    original = selector.candidates

    def counting(question, keep=None, filters=None):
        calls.append(question)
        return original(question, keep, filters)

    selector.candidates = counting
    taxonomy = load_taxonomy()
    build_briefs(searcher, taxonomy, selector=selector)
    lessons = [
        q for q in calls if not any(q.startswith(f"{n.name}. ") for n in taxonomy.noe_domains)
    ]
    answers = [a for d in taxonomy.dimensions for a in (d.answers or (d.name,))]
    assert sorted(lessons) == sorted(answers)


def test_each_sentence_keeps_its_best_probability_over_the_queries():
    from types import SimpleNamespace

    import numpy as np

    from jane_synth.briefs.select import _best_per_sentence
    from jane_synth.evidence import Candidates

    def sentence(chunk, start):
        return SimpleNamespace(chunk=SimpleNamespace(chunk_id=chunk), start=start)

    a, b, c = sentence("c1", 0), sentence("c1", 40), sentence("c2", 0)
    first = Candidates("q1", (a, b), np.array([[1.0], [2.0]]), np.eye(2))
    second = Candidates("q2", (b, c), np.array([[3.0], [4.0]]), np.eye(2))
    merged, probs = _best_per_sentence(
        [first, second], [np.array([0.1, 0.2]), np.array([0.5, 0.3])]
    )
    assert [(s.chunk.chunk_id, s.start) for s in merged.sentences] == [
        ("c1", 0),
        ("c1", 40),
        ("c2", 0),
    ]
    assert probs.tolist() == [0.1, 0.5, 0.3]
    assert merged.features[:, 0].tolist() == [1.0, 3.0, 4.0]
