"""Asset checks for what a crash, an overlap or a bug could leave behind (``jane_synth.integrity``).

Each check turns a :class:`~jane_synth.integrity.Finding` into a result: its figures as metadata
and its examples as a JSON list. They fail the run's checks (``jane-synth run`` exits 1) but
``themes_cover_the_chunks``, a warning.
"""

from __future__ import annotations

from dagster import AssetCheckResult, AssetCheckSeverity, MetadataValue

from jane_synth.briefs.renderers import renderers
from jane_synth.embedding import MODEL_NAME
from jane_synth.integrity import (
    Finding,
    chunk_problems,
    documents_without_chunks,
    index_matches_store,
    missing_briefs,
    theme_coverage,
    vector_problems,
)
from jane_synth.taxonomy import load_taxonomy
from jane_synth.themes import ThemeModel

from .check_registry import asset_check_of
from .resources import EmbeddingModel, JaneSettings
from .theme_config import ThemesConfig


def _result(finding: Finding, severity: AssetCheckSeverity) -> AssetCheckResult:
    return AssetCheckResult(
        passed=finding.passed,
        severity=severity,
        metadata={**finding.figures, "examples": MetadataValue.json(finding.examples)},
    )


ERROR, WARN = AssetCheckSeverity.ERROR, AssetCheckSeverity.WARN


@asset_check_of("chunks", description="No chunk is empty, and no page span is stored twice.")
def chunks_are_not_empty_or_duplicated(settings: JaneSettings) -> AssetCheckResult:
    with settings.open_store() as store:
        return _result(chunk_problems(store), ERROR)


@asset_check_of(
    "chunks",
    description="Every stored document (quarantined files have none) with a page of text has chunks.",
)
def every_document_has_chunks(settings: JaneSettings) -> AssetCheckResult:
    with settings.open_store() as store:
        return _result(documents_without_chunks(store), ERROR)


@asset_check_of(
    "embeddings",
    description="Every vector has the model's dimension and unit norm; none lacks a chunk.",
)
def vectors_have_the_model_dimension_and_unit_norm(
    settings: JaneSettings, embedding_model: EmbeddingModel
) -> AssetCheckResult:
    dim = embedding_model.embedder.dim
    with settings.open_store() as store:
        return _result(vector_problems(store, MODEL_NAME, dim), ERROR)


@asset_check_of(
    "search_index",
    description="The BM25 index has one row per stored chunk, in the store's order.",
)
def index_size_equals_chunk_count(settings: JaneSettings) -> AssetCheckResult:
    with settings.open_store() as store:
        return _result(index_matches_store(store, settings.layout), ERROR)


@asset_check_of(
    "themes",
    description=(
        "Every chunk the theme selector keeps is in a theme or the unassigned bucket; reports "
        "the unassigned share (a warning)."
    ),
)
def themes_cover_the_chunks(settings: JaneSettings) -> AssetCheckResult:
    selector = ThemeModel.from_settings(ThemesConfig().theme_settings()).selector
    with settings.open_store() as store:
        return _result(theme_coverage(store, selector.keep), WARN)


@asset_check_of("briefs", description="Every NoE has a brief, in every registered format.")
def every_noe_has_a_brief(settings: JaneSettings) -> AssetCheckResult:
    slugs = [n.slug for n in load_taxonomy().noe_domains]
    suffixes = [r.suffix for r in renderers()]
    return _result(missing_briefs(settings.layout.briefs_dir, slugs, suffixes), ERROR)


INTEGRITY_CHECKS = [
    chunks_are_not_empty_or_duplicated,
    every_document_has_chunks,
    vectors_have_the_model_dimension_and_unit_norm,
    index_size_equals_chunk_count,
    themes_cover_the_chunks,
    every_noe_has_a_brief,
]
