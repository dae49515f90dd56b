"""Metadata checks (scripts/build_corpus/validation.py)."""

from __future__ import annotations

from jane_synth.taxonomy import load_taxonomy
from scripts.build_corpus.validation import metadata_problems, taxonomy_slugs
from tests.build_corpus.helpers import META


def test_metadata_problems():
    taxonomy = taxonomy_slugs()
    assert metadata_problems(META, taxonomy) == []
    bad = dict(META, year="2024", doc_type="memo", networks=["nope"], main_noe_domain="x", extra=1)
    del bad["sources"]
    problems = " ".join(metadata_problems(bad, taxonomy))
    for what in ("sources", "year", "doc_type", "nope", "main_noe_domain", "unknown fields"):
        assert what in problems


def test_list_and_key_problems():
    taxonomy = taxonomy_slugs()
    meta = dict(
        META,
        title=" ",
        language="english",
        dimensions="governance",
        noe_domains=["survivorship", "survivorship"],
        sources=["S1", "source 2"],
        main_noe_domain="palliative-care",
        version="v2",
    )
    problems = metadata_problems(meta, taxonomy)
    assert problems == [
        "title must be a non-empty string",
        "language 'english' is not an ISO 639-1 code",
        "dimensions must be a list",
        "noe_domains: duplicate slugs",
        "sources: malformed keys ['source 2']",
        "main_noe_domain 'palliative-care' is not listed in noe_domains",
        "version 'v2' not in ('draft', 'final')",
    ]
    assert metadata_problems(dict(META, sources=[], year=True), taxonomy) == [
        "year True is not an integer in 2013-2026",
        "sources is empty",
    ]


def test_taxonomy_slugs_come_from_the_library():
    taxonomy = load_taxonomy()
    slugs = taxonomy_slugs()
    assert slugs["noe_domains"] == {t.slug for t in taxonomy.noe_domains}
    assert slugs["dimensions"] == {t.slug for t in taxonomy.dimensions}
    programmes = {t.slug for t in taxonomy.programmes}
    assert programmes and programmes <= slugs["networks"]  # a document may name a programme
