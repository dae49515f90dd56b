"""Synthesis assets: recurring themes across the corpus, and the seven cited evidence briefs."""

import time
from typing import Any

from dagster import AssetExecutionContext, Config, MaterializeResult, MetadataValue, asset
from pydantic import Field

from jane_synth.briefs import build_briefs, write_briefs
from jane_synth.embedding import MODEL_NAME
from jane_synth.pipeline import build_themes
from jane_synth.search import Searcher
from jane_synth.taxonomy import load_taxonomy
from jane_synth.themes import ThemeModel, ThemeSettings

from ..resources import EmbeddingModel, JaneSettings
from .indexing import embeddings, search_index

_DEFAULT_THEMES = ThemeSettings()


class ThemesConfig(Config):
    """The theme model: a registered stage name per step (``jane_synth.themes``) and, under
    ``params``, each step's parameters, e.g. ``{"clusterer": {"min_cluster_size": 8}}``."""

    selector: str = _DEFAULT_THEMES.selector.name
    reducer: str = _DEFAULT_THEMES.reducer.name
    clusterer: str = _DEFAULT_THEMES.clusterer.name
    labeler: str = _DEFAULT_THEMES.labeler.name
    representer: str = _DEFAULT_THEMES.representer.name
    params: dict[str, dict[str, Any]] = Field(default_factory=dict)

    def theme_settings(self) -> ThemeSettings:
        steps = ("selector", "reducer", "clusterer", "labeler", "representer")
        unknown = set(self.params) - set(steps)
        if unknown:
            raise ValueError(f"params for unknown theme steps: {', '.join(sorted(unknown))}")
        return ThemeSettings.from_mapping(
            {step: {"name": getattr(self, step), **self.params.get(step, {})} for step in steps}
        )


@asset(
    deps=[embeddings],
    group_name="synthesis",
    description=(
        "Themes that recur across documents: PCA-reduced embeddings clustered with k-means "
        "(k by silhouette, fixed seed), labelled by class TF-IDF keyphrases, with representative "
        "cited chunks. Writes themes.json. Any stage can be swapped by name in the run config."
    ),
    kinds={"scikitlearn"},
)
def themes(
    context: AssetExecutionContext, config: ThemesConfig, settings: JaneSettings
) -> MaterializeResult:
    t0 = time.perf_counter()
    theme_settings = config.theme_settings()
    model = ThemeModel.from_settings(theme_settings)
    with settings.open_store() as store:
        found = build_themes(store, settings.layout, MODEL_NAME, model)
    context.log.info(f"{len(found)} themes ({theme_settings.clusterer.name})")
    table = "\n".join(
        ["| id | label | chunks | documents |", "| ---: | --- | ---: | ---: |"]
        + [f"| {t.theme_id} | {t.label} | {t.size} | {t.n_documents} |" for t in found]
    )
    return MaterializeResult(
        metadata={
            "themes": len(found),
            "clusterer": theme_settings.clusterer.name,
            "largest_theme": max((t.size for t in found), default=0),
            "table": MetadataValue.md(table),
            "themes_json": MetadataValue.path(str(settings.layout.themes)),
            "seconds": round(time.perf_counter() - t0, 3),
        }
    )


@asset(
    deps=[search_index, themes],
    group_name="synthesis",
    description=(
        "One evidence brief per Network of Expertise (every registered format: Markdown, HTML, "
        "JSON, Word), a section per "
        "design dimension; every statement is a verbatim sentence of a source with its page."
    ),
    kinds={"markdown", "html", "json", "docx"},
)
def briefs(
    context: AssetExecutionContext, settings: JaneSettings, embedding_model: EmbeddingModel
) -> MaterializeResult:
    t0 = time.perf_counter()
    searcher = Searcher.open(
        settings.output_dir,
        embedder=embedding_model.embedder,
        settings=settings.run_settings.search,
    )
    try:
        brief_settings = settings.run_settings.briefs
        written_briefs = build_briefs(
            searcher, load_taxonomy(), scoring=brief_settings.scoring, cap=brief_settings.cap
        )
    finally:
        searcher.close()
    context.log.info(f"{len(written_briefs)} briefs built")
    paths = write_briefs(written_briefs, settings.layout.briefs_dir)
    rows = ["| NoE | statements | sources | gaps |", "| --- | ---: | ---: | ---: |"]
    for b in written_briefs:
        n = sum(len(s.evidence) for s in b.sections)
        gaps = len(b.gaps)  # cells (dimension x strand) with nothing above the threshold
        rows.append(f"| {b.noe.name} | {n} | {len(b.citations())} | {gaps} |")
    return MaterializeResult(
        metadata={
            "briefs": len(written_briefs),
            "files": len(paths),
            "min_sources_per_brief": min((len(b.citations()) for b in written_briefs), default=0),
            "summary": MetadataValue.md("\n".join(rows)),
            "briefs_dir": MetadataValue.path(str(settings.layout.briefs_dir)),
            "seconds": round(time.perf_counter() - t0, 3),
        }
    )
