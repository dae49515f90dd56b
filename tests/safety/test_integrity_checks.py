"""The integrity asset checks as Dagster sees them, over a real small store and its briefs."""

from __future__ import annotations

import pytest
from dagster import AssetCheckSeverity

from jane_synth.briefs import write_briefs
from jane_synth.search.index import build_search_index
from jane_synth.store import Store
from jane_synth.taxonomy import load_taxonomy
from pipelines.check_registry import REGISTERED
from pipelines.checks import ALL_CHECKS
from pipelines.definitions import defs
from pipelines.integrity_checks import (
    INTEGRITY_CHECKS,
    chunks_are_not_empty_or_duplicated,
    every_document_has_chunks,
    every_noe_has_a_brief,
    index_size_equals_chunk_count,
    themes_cover_the_chunks,
)
from pipelines.resources import JaneSettings
from tests.briefs.sample import brief_quoting, index_hostile_document


@pytest.fixture()
def settings(tmp_path):
    layout = index_hostile_document(tmp_path)
    with Store(layout.database) as store:
        briefs = [brief_quoting(store, noe) for noe in load_taxonomy().noe_domains]
        build_search_index(store, layout)
    write_briefs(briefs, layout.briefs_dir)
    return JaneSettings(corpus_dir=str(tmp_path / "corpus"), output_dir=str(layout.root))


def test_the_checks_are_registered_as_checks_of_their_assets():
    assert all(check in ALL_CHECKS for check in INTEGRITY_CHECKS)
    assert [c.function for c in REGISTERED if c.function in ALL_CHECKS] == [
        c.function for c in REGISTERED
    ]
    assert {c.function for c in REGISTERED} == set(ALL_CHECKS)
    keys = defs.resolve_asset_graph().asset_check_keys
    assert {(k.asset_key.to_user_string(), k.name) for k in keys} == {
        (c.asset, c.name) for c in REGISTERED
    }


def test_a_sound_output_folder_passes(settings):
    for check in (
        chunks_are_not_empty_or_duplicated,
        every_document_has_chunks,
        index_size_equals_chunk_count,
        every_noe_has_a_brief,
    ):
        result = check(settings)
        assert result.passed, result.metadata
        assert result.severity == AssetCheckSeverity.ERROR


def test_faults_fail_with_their_examples(settings):
    (settings.layout.briefs_dir / "survivorship.html").unlink()
    result = every_noe_has_a_brief(settings)
    assert not result.passed and result.metadata["examples"].value == ["survivorship.html"]
    with settings.open_store() as store:
        (doc_id,) = [d.doc_id for d in store.documents()][:1]
        store.replace_chunks(doc_id, [])
    assert not index_size_equals_chunk_count(settings).passed  # the index still has them


def test_themes_coverage_is_a_warning_when_no_theme_run_happened(settings):
    result = themes_cover_the_chunks(settings)
    assert not result.passed and result.severity == AssetCheckSeverity.WARN
    assert result.metadata["not_in_theme_run"].value > 0
