"""The input fingerprint of each corpus-level asset, and the result of an asset that skips.

An asset computes its fingerprint (:mod:`jane_synth.stages`) before its work: when the store
recorded the same one at the end of the last run, nothing it would compute can differ, so it
returns at once with ``skipped: True`` in its metadata and leaves its outputs untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dagster import AssetExecutionContext, MaterializeResult

from jane_synth.settings import ThemeStageSettings
from jane_synth.stages import StageInputs
from jane_synth.stages import stage_inputs as library_stage_inputs

from ..resources import EmbeddingModel, JaneSettings


def stage_inputs(
    stage: str,
    settings: JaneSettings,
    model: EmbeddingModel | None = None,
    themes: Any = None,
) -> StageInputs:
    """The inputs of the asset ``stage`` with the run's resources (and the themes asset's
    config): the same fingerprint ``jane-synth run`` computes before it starts Dagster."""
    run = settings.run_settings
    if model is not None:
        run = run.model_copy(update={"embedding": model.settings()})
    chosen = None
    if themes is not None:
        fields = {name: getattr(themes, name) for name in ThemeStageSettings.model_fields}
        chosen = ThemeStageSettings(**fields).model_dump(mode="json")
    return library_stage_inputs(stage, run, chosen)


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


def ran(fingerprint: str, reasons: Sequence[str] = ()) -> dict[str, Any]:
    """The metadata entries of an asset that did its work, and why it had to."""
    return {
        "skipped": False,
        "input_fingerprint": fingerprint[:12],
        "recomputed_because": "; ".join(reasons) or "asked to",
    }
