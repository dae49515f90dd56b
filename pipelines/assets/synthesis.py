"""Synthesis assets: recurring themes across the corpus, and the seven cited evidence briefs."""

import time

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from jane_synth.briefs.build import build_meeting_briefs, write_meeting_briefs
from jane_synth.briefs.stored import (
    StoredPassageSpans,
    StoredQueryVectors,
    StoredSentenceVectors,
    StoredVerdicts,
    stored_vector_counts,
)
from jane_synth.embedding import MODEL_NAME
from jane_synth.pipeline import build_themes
from jane_synth.search import Searcher
from jane_synth.stages import check, record
from jane_synth.taxonomy import load_taxonomy
from jane_synth.themes import ThemeModel

from ..checks import check_specs, checked
from ..resources import EmbeddingModel, JaneSettings
from ..theme_config import ThemesConfig
from .indexing import embeddings, search_index
from .skipping import ran, skipped, stage_inputs

# The weekly refresh clusters afresh; other runs assign new chunks to the stored themes.
_RECLUSTER_SCHEDULES = frozenset({"weekly_refresh"})


@asset(
    deps=[embeddings],
    check_specs=check_specs("themes"),
    group_name="synthesis",
    description=(
        "Themes that recur across documents, without being told how many: English chunks "
        "clustered spectrally (k by stability over a range, fixed seeds), outliers and other "
        "languages joined to the nearest theme or left unassigned, sub-themes under broad "
        "themes, class TF-IDF labels, diverse cited passages, distributions; ids kept across "
        "runs. Writes themes.json and themes.html. Re-clusters on the weekly refresh or when "
        "`recluster` is set; otherwise new chunks join the stored themes."
    ),
    kinds={"scikitlearn", "html"},
)
def themes(
    context: AssetExecutionContext, config: ThemesConfig, settings: JaneSettings
) -> MaterializeResult:
    t0 = time.perf_counter()
    theme_settings = config.theme_settings()
    model = ThemeModel.from_settings(theme_settings)
    scheduled = context.run.tags.get("dagster/schedule_name") in _RECLUSTER_SCHEDULES
    recluster = theme_settings.recluster or scheduled
    inputs = stage_inputs("themes", settings, themes=config)
    with settings.open_store() as store:
        status = check(store, inputs)
        if not recluster and status.unchanged:
            return checked(skipped(context, status.fingerprint), "themes", settings=settings)
        fit = build_themes(store, settings.layout, MODEL_NAME, model, recluster=recluster)
        fingerprint = record(store, inputs)
    reasons = ("a full reclustering was asked for",) if recluster else status.reasons
    found = fit.themes
    context.log.info(f"{len(found)} themes, {len(fit.unassigned)} chunks unassigned")
    table = "\n".join(
        ["| id | label | parent | chunks | documents |", "| ---: | --- | ---: | ---: | ---: |"]
        + [
            f"| {t.theme_id} | {t.label} | {'' if t.parent is None else t.parent} | {t.size} "
            f"| {t.n_documents} |"
            for t in found
        ]
    )
    result = MaterializeResult(
        metadata={
            "themes": len(found),
            "top_level_themes": sum(1 for t in found if t.parent is None),
            "unassigned_chunks": len(fit.unassigned),
            "unassigned_fraction": round(fit.unassigned_fraction(), 4),
            "recluster": recluster,
            "clusterer": theme_settings.clusterer.name,
            "largest_theme": max((t.size for t in found), default=0),
            "table": MetadataValue.md(table),
            "themes_json": MetadataValue.path(str(settings.layout.themes)),
            "themes_html": MetadataValue.path(str(settings.layout.themes.with_suffix(".html"))),
            "seconds": round(time.perf_counter() - t0, 3),
            **ran(fingerprint, reasons),
        }
    )
    return checked(result, "themes", settings=settings)


@asset(
    deps=[search_index, themes],
    check_specs=check_specs("briefs"),
    group_name="synthesis",
    description=(
        "One evidence brief per Network of Expertise (every registered format: Markdown, HTML, "
        "JSON, Word), a section per "
        "design dimension; every statement is a verbatim sentence of a source with its page, "
        "how many documents and publishers say the same, and each cell's evidence grade; an "
        "index with the coverage map; the run manifest in each brief and in manifest.json; "
        "what changed since the previous run."
    ),
    kinds={"markdown", "html", "json", "docx"},
)
def briefs(
    context: AssetExecutionContext, settings: JaneSettings, embedding_model: EmbeddingModel
) -> MaterializeResult:
    t0 = time.perf_counter()
    inputs = stage_inputs("briefs", settings, embedding_model)
    with settings.open_store() as store:
        status = check(store, inputs)
    if status.unchanged:
        return checked(skipped(context, status.fingerprint), "briefs", settings=settings)
    searcher = Searcher.open(
        settings.output_dir,
        embedder=embedding_model.embedder,
        settings=settings.run_settings.search,
    )
    try:
        brief_settings = settings.run_settings.briefs
        vectors = StoredSentenceVectors(searcher, model=MODEL_NAME)
        queries = StoredQueryVectors.for_searcher(searcher)
        spans = StoredPassageSpans(store=searcher.store)
        verdicts = StoredVerdicts(store=searcher.store)
        built = build_meeting_briefs(
            searcher, load_taxonomy(), vectors=vectors, queries=queries, spans=spans,
            verdicts=verdicts, scoring=brief_settings.scoring, cap=brief_settings.cap,
        )  # fmt: skip
        counts = (stored_vector_counts(searcher, vectors) | queries.save() | spans.save()
                  | verdicts.save())  # fmt: skip
        written_briefs = built.briefs
        context.log.info(f"{len(written_briefs)} briefs built")
        manifest = settings.layout.root / "manifest.json"
        paths = write_meeting_briefs(built, settings.layout.briefs_dir, manifest)
        fingerprint = record(searcher.store, inputs)
    finally:
        searcher.close()
    rows = ["| NoE | statements | sources | gaps |", "| --- | ---: | ---: | ---: |"]
    for b in written_briefs:
        n = sum(len(s.evidence) for s in b.sections)
        gaps = len(b.gaps)  # cells (dimension x strand) with nothing above the threshold
        rows.append(f"| {b.noe.name} | {n} | {len(b.citations())} | {gaps} |")
    result = MaterializeResult(
        metadata={
            "briefs": len(written_briefs),
            "files": len(paths),
            "min_sources_per_brief": min((len(b.citations()) for b in written_briefs), default=0),
            "summary": MetadataValue.md("\n".join(rows)),
            "briefs_dir": MetadataValue.path(str(settings.layout.briefs_dir)),
            "manifest": MetadataValue.path(str(manifest)),
            "seconds": round(time.perf_counter() - t0, 3),
            **counts,
            "cells_selected": sum(2 * len(b.sections) for b in written_briefs),
            "cells_reused": 0,
            "why_no_cell_is_reused": (
                "BM25 statistics and the evidence model's lexical features read the whole "
                "corpus, so a new or changed document can move the evidence of any cell"
            ),
            **ran(fingerprint, status.reasons),
        }
    )
    return checked(result, "briefs", settings=settings)
