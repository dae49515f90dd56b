"""Asset checks: every file has an outcome, every chunk a vector, every brief quote its page.

Each is evaluated by its asset's step (:mod:`.check_registry`); importing this module registers
them and the integrity checks.
"""

import json

from dagster import AssetCheckResult, AssetCheckSeverity, MetadataValue

from jane_synth.briefs import verify_brief_file
from jane_synth.briefs.docx_check import docx_problems
from jane_synth.briefs.index import INDEX_FILES
from jane_synth.briefs.renderers import (
    JSON_SUFFIX,
    DocxRenderer,
    brief_path,
    load_brief,
    renderers,
)
from jane_synth.embedding import MODEL_NAME
from jane_synth.ingest import scan_corpus
from jane_synth.taxonomy import load_taxonomy

from .check_registry import asset_check_of, check_specs, checked
from .integrity_checks import INTEGRITY_CHECKS
from .resources import JaneSettings


@asset_check_of("corpus", description="Every file in the corpus folder has an ingest outcome.")
def every_file_has_an_outcome(settings: JaneSettings) -> AssetCheckResult:
    files = {entry.rel for entry in scan_corpus(settings.corpus_path)}
    report = settings.layout.ingest_report
    reported = (
        {row["path"] for row in json.loads(report.read_text())} if report.is_file() else set()
    )
    missing = sorted(files - reported)
    return AssetCheckResult(
        passed=not missing,
        metadata={"files": len(files), "without_outcome": MetadataValue.json(missing[:50])},
    )


@asset_check_of("embeddings", description="Every chunk has a vector of the current model.")
def every_chunk_has_a_vector(settings: JaneSettings) -> AssetCheckResult:
    with settings.open_store() as store:
        missing = len(store.texts_missing_embeddings(MODEL_NAME))
        n_chunks = store.count("chunks")
    return AssetCheckResult(
        passed=missing == 0, metadata={"chunks": n_chunks, "texts_without_vector": missing}
    )


@asset_check_of(
    "briefs",
    description=(
        "A brief exists for each NoE in every registered format (and the index), every quoted "
        "statement is on its cited page, and the Word brief shows every quote verbatim."
    ),
)
def brief_quotes_match_their_pages(settings: JaneSettings) -> AssetCheckResult:
    briefs_dir = settings.layout.briefs_dir
    slugs = [n.slug for n in load_taxonomy().noe_domains]
    paths = {slug: brief_path(briefs_dir, slug, JSON_SUFFIX) for slug in slugs}
    missing = [
        path.name
        for slug in slugs
        for path in (brief_path(briefs_dir, slug, r.suffix) for r in renderers())
        if not path.is_file()
    ] + [name for name in INDEX_FILES if not (briefs_dir / name).is_file()]
    problems: list[str] = []
    n_quotes = 0
    with settings.open_store() as store:
        for path in paths.values():
            if path.is_file():
                n_quotes += len(load_brief(path).quotes)
                problems += verify_brief_file(path, store)
                word = path.with_suffix(DocxRenderer.suffix)
                if word.is_file():
                    problems += docx_problems(word, path)
        if missing or problems:  # the next run makes the briefs again and checks them again
            store.forget_stage("briefs")
    return AssetCheckResult(
        passed=not missing and not problems,
        severity=AssetCheckSeverity.ERROR,
        metadata={
            "quotes_checked": n_quotes,
            "missing_briefs": MetadataValue.json(missing),
            "problems": MetadataValue.json(problems[:50]),
        },
    )


MIN_SOURCES_PER_BRIEF = 6


@asset_check_of(
    "briefs",
    description=f"Every brief cites at least {MIN_SOURCES_PER_BRIEF} distinct documents (a warning: a small corpus may not have them).",
)
def briefs_cite_enough_sources(settings: JaneSettings) -> AssetCheckResult:
    counts = {}
    for slug in (n.slug for n in load_taxonomy().noe_domains):
        path = brief_path(settings.layout.briefs_dir, slug, JSON_SUFFIX)
        counts[slug] = len(load_brief(path).cited_doc_ids()) if path.is_file() else 0
    return AssetCheckResult(
        passed=min(counts.values()) >= MIN_SOURCES_PER_BRIEF,
        severity=AssetCheckSeverity.WARN,
        metadata={"distinct_sources": MetadataValue.json(counts)},
    )


ALL_CHECKS = [
    every_file_has_an_outcome,
    every_chunk_has_a_vector,
    brief_quotes_match_their_pages,
    briefs_cite_enough_sources,
    *INTEGRITY_CHECKS,
]

__all__ = ["ALL_CHECKS", "check_specs", "checked"]
