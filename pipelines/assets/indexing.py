"""Indexing assets: chunk embeddings (cached by text hash) and the BM25 + dense search index."""

import time

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from jane_synth.embedding import MODEL_NAME
from jane_synth.pipeline import embed_pending
from jane_synth.search import build_search_index
from jane_synth.stages import check, record
from jane_synth.store import redacted

from ..checks import check_specs, checked
from ..resources import EmbeddingModel, JaneSettings
from .ingestion import chunks
from .skipping import ran, skipped, stage_inputs


@asset(
    deps=[chunks],
    check_specs=check_specs("embeddings"),
    group_name="indexing",
    description=(
        f"Normalised {MODEL_NAME} vectors of every chunk text, read from the store when the same "
        "text was embedded before (keyed by its sha256), so unchanged text is never embedded twice."
    ),
    kinds={"pytorch", "sqlite"},
)
def embeddings(
    context: AssetExecutionContext, settings: JaneSettings, embedding_model: EmbeddingModel
) -> MaterializeResult:
    t0 = time.perf_counter()
    inputs = stage_inputs("embeddings", settings, embedding_model)
    with settings.open_store() as store:
        if (status := check(store, inputs)).unchanged:
            return checked(
                skipped(context, status.fingerprint),
                "embeddings",
                settings=settings,
                embedding_model=embedding_model,
            )
        embedded, reused, pruned = embed_pending(store, embedding_model.embedder)
        n_vectors = store.count("embeddings")
        fingerprint = record(store, inputs)
    seconds = time.perf_counter() - t0
    context.log.info(f"embedded {embedded} new texts, reused {reused} cached vectors")
    result = MaterializeResult(
        metadata={
            "model": MODEL_NAME,
            "embedded_this_run": embedded,
            "reused_from_cache": reused,
            "pruned": pruned,
            "vectors": n_vectors,
            "seconds": round(seconds, 3),
            "texts_per_second": round(embedded / seconds, 1) if embedded and seconds else 0.0,
            **ran(fingerprint, status.reasons),
        }
    )
    return checked(result, "embeddings", settings=settings, embedding_model=embedding_model)


@asset(
    deps=[embeddings],
    check_specs=check_specs("search_index"),
    group_name="indexing",
    description=(
        "BM25 (bm25s, Snowball stems, English stop words) over all chunks, saved next to the "
        "SQLite database that holds the dense vectors and an FTS5 table for SQL users."
    ),
    kinds={"sqlite"},
)
def search_index(context: AssetExecutionContext, settings: JaneSettings) -> MaterializeResult:
    t0 = time.perf_counter()
    layout = settings.layout
    inputs = stage_inputs("search_index", settings)
    with settings.open_store() as store:
        if (status := check(store, inputs)).unchanged:
            return checked(skipped(context, status.fingerprint), "search_index", settings=settings)
        index = build_search_index(store, layout, settings.run_settings.search)
        fingerprint = record(store, inputs)
    context.log.info(f"search index over {index.chunks} chunks")
    result = MaterializeResult(
        metadata={
            **index.metadata(),
            "database": MetadataValue.path(redacted(layout.store)),
            "seconds": round(time.perf_counter() - t0, 3),
            **ran(fingerprint, status.reasons),
        }
    )
    return checked(result, "search_index", settings=settings)
