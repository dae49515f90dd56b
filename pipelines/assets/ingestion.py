"""Ingestion assets: corpus files to documents and pages, then sentence-aligned chunks."""

import time
from collections import Counter

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from jane_synth.pipeline import chunk_pending, sync_documents

from ..resources import JaneSettings


@asset(
    group_name="ingestion",
    description=(
        "Every file of the corpus folder ingested into the store (text per page, metadata) or "
        "quarantined with a reason; unchanged files are skipped by content hash. "
        "Writes ingest_report.json."
    ),
    kinds={"python", "sqlite"},
)
def documents(context: AssetExecutionContext, settings: JaneSettings) -> MaterializeResult:
    with settings.open_store() as store:
        summary = sync_documents(store, settings.corpus_path, settings.layout, settings.limits)
        n_docs = store.count("documents")
        n_pages = store.count("pages")
    counts = summary.counts()
    quarantined = [o for o in summary.outcomes if o.status == "quarantined"]
    context.log.info(
        f"{len(summary.outcomes)} files: {len(summary.parsed)} parsed, {summary.unchanged} unchanged, "
        f"{summary.removed} removed, {counts['quarantined']} quarantined"
    )
    for o in quarantined:
        context.log.warning(f"quarantined {o.path}: {o.reason}")
    table = "\n".join(
        ["| file | status | reason |", "| --- | --- | --- |"]
        + [
            f"| {o.path} | {o.status} | {o.reason or '-'} |"
            for o in summary.outcomes
            if o.status != "ingested"
        ]
    )
    return MaterializeResult(
        metadata={
            "files": len(summary.outcomes),
            "parsed_this_run": len(summary.parsed),
            "unchanged": summary.unchanged,
            "removed": summary.removed,
            **{f"status_{k}": v for k, v in counts.items()},
            "documents": n_docs,
            "pages": n_pages,
            "languages": MetadataValue.json(
                dict(Counter(o.language for o in summary.outcomes if o.language))
            ),
            "not_cleanly_ingested": MetadataValue.md(table),
            "ingest_report": MetadataValue.path(str(settings.layout.ingest_report)),
            "seconds": round(summary.seconds, 3),
        }
    )


@asset(
    deps=[documents],
    group_name="ingestion",
    description=(
        "Sentence-aligned chunks of each page (spaCy sentencizer), tagged with taxonomy entities "
        "(ERNs, infrastructures, Joint Actions, programmes, countries, NoE domains, dimensions)."
    ),
    kinds={"spacy", "sqlite"},
)
def chunks(context: AssetExecutionContext, settings: JaneSettings) -> MaterializeResult:
    t0 = time.perf_counter()
    with settings.open_store() as store:
        made = chunk_pending(store)
        all_chunks = store.chunks()
    context.log.info(f"{made} new chunks; {len(all_chunks)} in all")
    labels = Counter(e.label for c in all_chunks for e in c.entities)
    lengths = sorted(len(c.text) for c in all_chunks) or [0]
    return MaterializeResult(
        metadata={
            "chunks": len(all_chunks),
            "chunks_made_this_run": made,
            "median_chunk_chars": lengths[len(lengths) // 2],
            "entities_by_label": MetadataValue.json(dict(sorted(labels.items()))),
            "seconds": round(time.perf_counter() - t0, 3),
        }
    )
