"""Meeting briefs over the small fixture corpus: the same quotes as ``build_briefs``, plus
strength and the run manifest, and two runs that differ only by the date."""

from __future__ import annotations

import datetime as dt

import pytest

from jane_synth.briefs import build_briefs
from jane_synth.briefs.build import build_meeting_briefs
from jane_synth.briefs.grades import build_graded_briefs
from jane_synth.briefs.renderers import renderers
from jane_synth.evidence.strength import Grade
from jane_synth.search import Searcher
from jane_synth.taxonomy import load_taxonomy
from tests.briefs.renderers.text_of import docx_lines

pytestmark = pytest.mark.slow
FIRST = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
SECOND = dt.datetime(2026, 6, 7, 8, 9, 10, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def searcher(indexed_fixture, embedder):
    _, layout = indexed_fixture
    s = Searcher.open(layout.root, embedder=embedder)
    yield s
    s.close()


@pytest.fixture(scope="module")
def built(searcher):
    return build_meeting_briefs(searcher, load_taxonomy(), now=FIRST)


def _quotes(briefs):
    return [
        [(s.dimension.slug, ev.chunk_id, ev.start, ev.end, ev.noe_specific) for ev in s.evidence]
        for b in briefs
        for s in b.sections
    ]


def test_meeting_briefs_quote_exactly_what_build_briefs_quotes(searcher, built):
    """The default scoring (what ``make run`` uses); about 20 s a build."""
    assert _quotes(built.briefs) == _quotes(build_briefs(searcher, load_taxonomy()))
    sections = [s for b in built.briefs for s in b.sections]
    assert all(len(s.grades) == 3 for s in sections)
    for s in sections:
        whole, about, lessons = s.grades
        assert max(about.documents, lessons.documents) <= whole.documents
        assert whole.documents <= about.documents + lessons.documents
        for ev in s.evidence:
            assert ev.support is not None and ev.support.documents >= 1
            assert ev.citation.doc_id in ev.support.doc_ids
    assert {s.grade_of().grade for s in sections} != {Grade.NONE}


def test_the_manifest_describes_the_run(searcher, built):
    m = built.manifest
    assert all(b.manifest == m for b in built.briefs)
    assert m.corpus_fingerprint == built.briefs[0].corpus_fingerprint
    assert dict(m.files_by_status)["quarantined"] == 1  # broken.pdf
    assert sum(dict(m.files_by_status).values()) == len(searcher.store.outcomes())
    assert m.embedding_model == "all-MiniLM-L6-v2" and len(m.embedding_weights_sha256) == 64
    assert m.embedding_backend == "onnx (passages and sentences), onnx (questions)"
    selector = dict(m.selector)
    assert selector["scoring"] == "calibrated" and selector["per_strand"] == "3"
    assert 0 < float(selector["threshold"]) < 1 and len(selector["model_sha256"]) == 64
    assert m.run_date == "2026-01-02T03:04:05Z"


def test_a_second_run_differs_only_by_the_date(searcher, built):
    again = build_meeting_briefs(searcher, load_taxonomy(), now=SECOND)
    a, b = "2026-01-02T03:04:05Z", "2026-06-07T08:09:10Z"
    for first, second in zip(built.briefs, again.briefs, strict=True):
        for r in renderers():
            x, y = r.render(first), r.render(second)
            if r.name == "docx":
                assert [s.replace(a, "D") for s in docx_lines(x)] == [
                    s.replace(b, "D") for s in docx_lines(y)
                ]
            else:
                assert x.replace(a.encode(), b"D") == y.replace(b.encode(), b"D"), r.name


def test_grading_makes_its_own_selector(searcher):
    with pytest.raises(TypeError, match="its own evidence selector"):
        build_graded_briefs(searcher, load_taxonomy(), selector=object())
