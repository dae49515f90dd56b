"""Synthesis assets: recurring themes across the corpus, and the seven cited evidence briefs."""

import time

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from jane_synth.briefs import build_briefs, write_briefs
from jane_synth.embedding import MODEL_NAME
from jane_synth.pipeline import build_themes
from jane_synth.search import Searcher
from jane_synth.taxonomy import load_taxonomy

from ..resources import EmbeddingModel, JaneSettings
from .indexing import embeddings, search_index


@asset(
    deps=[embeddings],
    group_name="synthesis",
    description=(
        "Themes that recur across documents: PCA-reduced embeddings clustered with k-means "
        "(k by silhouette, fixed seed), labelled by class TF-IDF keyphrases, with representative "
        "cited chunks. Writes themes.json."
    ),
    kinds={"scikitlearn"},
)
def themes(context: AssetExecutionContext, settings: JaneSettings) -> MaterializeResult:
    t0 = time.perf_counter()
    with settings.open_store() as store:
        found = build_themes(store, settings.layout, MODEL_NAME)
    context.log.info(f"{len(found)} themes")
    table = "\n".join(
        ["| id | label | chunks | documents |", "| ---: | --- | ---: | ---: |"]
        + [f"| {t.theme_id} | {t.label} | {t.size} | {t.n_documents} |" for t in found]
    )
    return MaterializeResult(
        metadata={
            "themes": len(found),
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
        "One evidence brief per Network of Expertise (Markdown, HTML and JSON), a section per "
        "design dimension; every statement is a verbatim sentence of a source with its page."
    ),
    kinds={"markdown", "html"},
)
def briefs(
    context: AssetExecutionContext, settings: JaneSettings, embedding_model: EmbeddingModel
) -> MaterializeResult:
    t0 = time.perf_counter()
    searcher = Searcher.open(settings.output_dir, embedder=embedding_model.embedder)
    try:
        written_briefs = build_briefs(searcher, load_taxonomy())
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
