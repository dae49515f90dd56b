"""The brief checks over briefs written from a real store (a small hostile corpus)."""

from __future__ import annotations

import json

import pytest
from dagster import AssetCheckSeverity

from jane_synth.briefs import write_briefs
from jane_synth.briefs.renderers import JSON_SUFFIX, brief_path
from jane_synth.store import Store
from jane_synth.taxonomy import load_taxonomy
from pipelines.checks import brief_quotes_match_their_pages, briefs_cite_enough_sources
from pipelines.resources import JaneSettings
from tests.briefs.sample import brief_quoting, index_hostile_document


@pytest.fixture()
def settings(tmp_path):
    layout = index_hostile_document(tmp_path)
    with Store(layout.database) as store:
        briefs = [brief_quoting(store, noe) for noe in load_taxonomy().noe_domains]
    write_briefs(briefs, layout.briefs_dir)
    return JaneSettings(corpus_dir=str(tmp_path / "corpus"), output_dir=str(layout.root))


def test_quotes_on_their_pages_pass(settings):
    result = brief_quotes_match_their_pages(settings)
    assert result.passed and result.severity == AssetCheckSeverity.ERROR
    assert result.metadata["quotes_checked"].value == 7


def test_a_moved_quote_and_a_missing_format_fail(settings):
    path = brief_path(settings.layout.briefs_dir, "survivorship", JSON_SUFFIX)
    data = json.loads(path.read_text("utf-8"))
    data["sections"][0]["evidence"][0]["start"] += 1
    path.write_text(json.dumps(data), "utf-8")
    brief_path(settings.layout.briefs_dir, "palliative-care", ".docx").unlink()
    with Store(settings.layout.database) as store:
        store.set_stage_fingerprint("briefs", "as if the briefs had been made by a run")
    result = brief_quotes_match_their_pages(settings)
    assert not result.passed
    with Store(settings.layout.database) as store:  # the next run makes them again
        assert store.stage_fingerprint("briefs") is None
    assert result.metadata["missing_briefs"].value == ["palliative-care.docx"]
    assert ["survivorship.json" in p for p in result.metadata["problems"].value] == [True]


def test_too_few_sources_is_a_warning_with_counts(settings):
    result = briefs_cite_enough_sources(settings)
    assert not result.passed and result.severity == AssetCheckSeverity.WARN
    counts = result.metadata["distinct_sources"].value
    assert set(counts.values()) == {1} and len(counts) == 7


def test_a_word_brief_without_its_quote_and_a_missing_index_fail(settings):
    from dataclasses import replace

    from jane_synth.briefs.renderers import DocxRenderer
    from jane_synth.briefs.renderers.json_brief import load_brief

    briefs_dir = settings.layout.briefs_dir
    stored = load_brief(brief_path(briefs_dir, "survivorship", JSON_SUFFIX))
    with Store(settings.layout.database) as store:
        noe = next(n for n in load_taxonomy().noe_domains if n.slug == "survivorship")
        brief = brief_quoting(store, noe)
    section = brief.sections[0]
    moved = replace(section.evidence[0], quote=stored.quotes[0].quote + " Not on the page.")
    brief = replace(brief, sections=(replace(section, evidence=(moved,)),))
    brief_path(briefs_dir, "survivorship", ".docx").write_bytes(DocxRenderer().render(brief))
    (briefs_dir / "index.html").unlink()
    result = brief_quotes_match_their_pages(settings)
    assert not result.passed and result.metadata["missing_briefs"].value == ["index.html"]
    assert result.metadata["problems"].value == [
        "survivorship.docx [governance] p. 1: quote not in the document"
    ]
