"""The input fingerprint of each corpus-level asset, and the result of an asset that skips.

An asset computes its fingerprint (:mod:`jane_synth.stages`) before its work: when the store
recorded the same one at the end of the last run, nothing it would compute can differ, so it
returns at once with ``skipped: True`` in its metadata and leaves its outputs untouched.
"""

from __future__ import annotations

from typing import Any

from dagster import AssetExecutionContext, MaterializeResult

from jane_synth.embedding import MODEL_NAME
from jane_synth.stages import StageInputs

from ..resources import EmbeddingModel, JaneSettings

# What each asset reads from the store (see jane_synth.store.stages.DIGEST_QUERIES).
_TABLES = {
    "chunks": ("documents", "chunks"),
    "embeddings": ("chunks", "embeddings"),
    "search_index": ("documents", "chunks", "embeddings"),
    "themes": ("documents", "chunks", "embeddings", "themes"),
    "briefs": ("documents", "chunks", "embeddings", "themes"),
}


def stage_inputs(
    stage: str,
    settings: JaneSettings,
    model: EmbeddingModel | None = None,
    extra: Any = None,
) -> StageInputs:
    """The inputs of the asset ``stage``: its tables, the settings it uses, its output files."""
    run = settings.run_settings
    layout = settings.layout
    chosen: dict[str, Any] = {"extra": extra}
    if model is not None:
        chosen["embedding"] = {"model": MODEL_NAME, "backend": model.backend,
                               "query_backend": model.query_backend}  # fmt: skip
    outputs: tuple[Any, ...] = ()
    if stage == "chunks":
        chosen["chunking"] = run.chunking.model_dump(mode="json")
    elif stage == "search_index":
        chosen["search"] = repr(run.search)
        outputs = (layout.bm25_dir,)
    elif stage == "themes":
        outputs = (layout.themes, layout.themes.with_suffix(".html"))
    elif stage == "briefs":
        chosen["search"] = repr(run.search)
        chosen["briefs"] = run.briefs.model_dump(mode="json")
        outputs = (layout.briefs_dir,)
    return StageInputs(stage, _TABLES[stage], chosen, outputs)


def skipped(context: AssetExecutionContext, fingerprint: str) -> MaterializeResult:
    """The result of an asset whose inputs are those of its last run: nothing recomputed."""
    context.log.info(f"inputs unchanged since the last run ({fingerprint[:12]}): nothing to do")
    return MaterializeResult(
        metadata={
            "skipped": True,
            "reason": "inputs unchanged since the last run",
            "input_fingerprint": fingerprint[:12],
        }
    )


def ran(fingerprint: str) -> dict[str, Any]:
    """The metadata entries of an asset that did its work."""
    return {"skipped": False, "input_fingerprint": fingerprint[:12]}
