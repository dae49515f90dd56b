"""Ingestion assets: corpus files to documents and pages, the reconciled corpus, then chunks."""

import time
import warnings
from collections import Counter
from typing import Any

from dagster import (
    AssetExecutionContext,
    BackfillPolicy,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
)

from jane_synth.pipeline import SyncSummary, chunk_pending, ingest_changed, sync_documents
from jane_synth.removal import EmptyCorpusError
from jane_synth.stages import check, record

from ..checks import check_specs, checked
from ..partitions import corpus_files, path_of_partition_key
from ..resources import JaneSettings
from .skipping import ran, skipped, stage_inputs

# backfill_policy is marked beta; single-run backfills are what keep one process pool per run.
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=Warning)


@asset(
    partitions_def=corpus_files,
    backfill_policy=BackfillPolicy.single_run(),
    group_name="ingestion",
    description=(
        "Corpus files, one partition per file version (path@sha256): each new or changed file "
        "parsed (text per page, metadata, language) into the store, or quarantined with a reason. "
        "The corpus_change_sensor adds and removes partitions; one run covers many files."
    ),
    kinds={"python", "sqlite"},
)
def documents(context: AssetExecutionContext, settings: JaneSettings) -> MaterializeResult:
    paths = {path_of_partition_key(k) for k in context.partition_keys}
    with settings.open_store() as store:
        summary = ingest_changed(
            store, settings.corpus_path, paths, settings.limits,
            hash_cache=settings.layout.corpus_hashes,
        )  # fmt: skip
    counts = summary.counts()
    context.log.info(
        f"{len(paths)} file(s): {len(summary.processed)} parsed, {summary.unchanged} already stored"
    )
    for o in summary.outcomes:
        if o.status != "ingested":
            context.log.warning(f"{o.status} {o.path}: {o.reason}")
    return MaterializeResult(
        metadata={
            "files": len(paths),
            "parsed": len(summary.processed),
            "already_stored": summary.unchanged,
            "reread_by_new_parser": summary.reread,
            **{f"status_{k}": v for k, v in counts.items()},
            "seconds": round(summary.seconds, 3),
        }
    )


@asset(
    deps=[documents],
    check_specs=check_specs("corpus"),
    group_name="ingestion",
    description=(
        "The store reconciled with the corpus folder: files not yet ingested are ingested, deleted "
        "files are forgotten with their chunks and vectors, versions of the same document are "
        "linked (the newest feeds the briefs). Writes ingest_report.json."
    ),
    kinds={"python", "sqlite"},
)
def corpus(context: AssetExecutionContext, settings: JaneSettings) -> MaterializeResult:
    with settings.open_store() as store:
        try:
            summary = sync_documents(
                store,
                settings.corpus_path,
                settings.layout,
                settings.limits,
                allow_empty=settings.allow_empty,
            )
        except EmptyCorpusError as exc:
            raise Failure(description=str(exc), allow_retries=False) from exc
        stored = {
            "documents": store.count("documents"),
            "current_documents": len(store.documents(include_superseded=False)),
            "pages": store.count("pages"),
        }
    counts = summary.counts()
    context.log.info(
        f"{len(summary.outcomes)} files: {len(summary.processed)} parsed now, {summary.removed} removed, "
        f"{counts['quarantined']} quarantined, {len(summary.version_groups)} version group(s)"
    )
    if summary.removal_warning:
        context.log.warning(summary.removal_warning)
    result = MaterializeResult(metadata=_corpus_metadata(summary, stored, settings))
    return checked(result, "corpus", settings=settings)


def _corpus_metadata(
    summary: SyncSummary, stored: dict[str, int], settings: JaneSettings
) -> dict[str, Any]:
    """The corpus asset's metadata: counts, a warning when most files were removed, the files
    not cleanly ingested, and where the report is."""
    warning = {"removal_warning": summary.removal_warning} if summary.removal_warning else {}
    problems = [o for o in summary.outcomes if o.status != "ingested"]
    table = "\n".join(
        ["| file | status | reason |", "| --- | --- | --- |"]
        + [f"| {o.path} | {o.status} | {o.reason or '-'} |" for o in problems]
    )
    return {
        "files": len(summary.outcomes),
        "parsed_this_run": len(summary.processed),
        "unchanged": summary.unchanged,
        "reread_by_new_parser": summary.reread,
        "removed": summary.removed,
        **warning,
        "reclaimed_bytes": summary.reclaimed_bytes,
        **{f"status_{k}": v for k, v in summary.counts().items()},
        **stored,
        "version_groups": MetadataValue.json([list(g.paths) for g in summary.version_groups]),
        "languages": MetadataValue.json(
            dict(sorted(Counter(o.language for o in summary.outcomes if o.language).items()))
        ),
        "not_cleanly_ingested": MetadataValue.md(table),
        "ingest_report": MetadataValue.path(str(settings.layout.ingest_report)),
        "seconds": round(summary.seconds, 3),
    }


@asset(
    deps=[corpus],
    check_specs=check_specs("chunks"),
    group_name="ingestion",
    description=(
        "Sentence-aligned chunks of each page (spaCy sentencizer), tagged with taxonomy entities "
        "(ERNs, infrastructures, Joint Actions, programmes, countries, NoE domains, dimensions)."
    ),
    kinds={"spacy", "sqlite"},
)
def chunks(context: AssetExecutionContext, settings: JaneSettings) -> MaterializeResult:
    t0 = time.perf_counter()
    inputs = stage_inputs("chunks", settings)
    with settings.open_store() as store:
        if (status := check(store, inputs)).unchanged:
            return checked(skipped(context, status.fingerprint), "chunks", settings=settings)
        made = chunk_pending(store, settings.run_settings.chunking.chunker())
        all_chunks = store.chunks()
        fingerprint = record(store, inputs)
    context.log.info(f"{made} new chunks; {len(all_chunks)} in all")
    labels = Counter(e.label for c in all_chunks for e in c.entities)
    lengths = sorted(len(c.text) for c in all_chunks) or [0]
    result = MaterializeResult(
        metadata={
            "chunks": len(all_chunks),
            "chunks_made_this_run": made,
            "median_chunk_chars": lengths[len(lengths) // 2],
            **ran(fingerprint, status.reasons),
            "entities_by_label": MetadataValue.json(dict(sorted(labels.items()))),
            "seconds": round(time.perf_counter() - t0, 3),
        }
    )
    return checked(result, "chunks", settings=settings)
