import pytest

from jane_synth.briefs import build_briefs
from jane_synth.search import Searcher
from jane_synth.taxonomy import load_taxonomy

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def briefs_and_searcher(indexed_fixture, embedder):
    _, layout = indexed_fixture
    searcher = Searcher.open(layout.root, embedder=embedder)
    yield build_briefs(searcher, load_taxonomy()), searcher
    searcher.close()


def test_one_brief_per_noe_with_a_section_per_dimension(briefs_and_searcher):
    briefs, _ = briefs_and_searcher
    tax = load_taxonomy()
    assert [b.noe.slug for b in briefs] == [n.slug for n in tax.noe_domains]
    for brief in briefs:
        assert [s.dimension.slug for s in brief.sections] == [d.slug for d in tax.dimensions]


def test_every_statement_is_the_exact_text_at_its_cited_offsets(briefs_and_searcher):
    briefs, searcher = briefs_and_searcher
    n = 0
    for brief in briefs:
        for section in brief.sections:
            for ev in section.evidence:
                page = searcher.store.page_text(ev.citation.doc_id, ev.citation.page)
                assert page[ev.start : ev.end] == ev.quote
                n += 1
    assert n >= 5  # only sentences above the evidence threshold: few on this small corpus


def test_no_sentence_is_quoted_twice_in_a_brief(briefs_and_searcher):
    briefs, _ = briefs_and_searcher
    for brief in briefs:
        quotes = [ev.quote for s in brief.sections for ev in s.evidence]
        assert len(quotes) == len(set(quotes))


def test_noe_strand_quotes_come_from_documents_or_sentences_about_that_noe(briefs_and_searcher):
    briefs, searcher = briefs_and_searcher
    for brief in briefs:
        for section in brief.sections:
            for ev in section.evidence:
                meta = searcher.documents[ev.citation.doc_id].meta
                if ev.noe_specific:
                    assert (
                        meta.main_noe_domain == brief.noe.slug
                        or brief.noe.name.split()[0].lower() in ev.quote.lower()
                        or any(term.lower() in ev.quote.lower() for term in brief.noe.terms)
                    )
                else:
                    assert meta.main_noe_domain is None


def test_non_english_documents_are_not_quoted(briefs_and_searcher):
    briefs, searcher = briefs_and_searcher
    for brief in briefs:
        for s in brief.sections:
            for ev in s.evidence:
                chunk = next(c for c in searcher.chunks if c.chunk_id == ev.chunk_id)
                assert (chunk.language or searcher.documents[chunk.doc_id].meta.language) == "en"


def test_briefs_are_deterministic(indexed_fixture, embedder, briefs_and_searcher):
    briefs, _ = briefs_and_searcher
    _, layout = indexed_fixture
    again = Searcher.open(layout.root, embedder=embedder)
    try:
        assert build_briefs(again, load_taxonomy()) == briefs
    finally:
        again.close()
