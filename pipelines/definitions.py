"""The Dagster code location: ``dagster dev -m pipelines.definitions``."""

from __future__ import annotations

from dagster import Definitions, ExecutorDefinition

from jane_synth.config import use_offline_model

from .assets import ALL_ASSETS
from .failures import failure_report_sensor
from .jobs import corpus_change_sensor, ingest_files_job, refresh_all_job, weekly_refresh_schedule
from .monitoring import dead_run_sensor
from .resources import EmbeddingModel, JaneSettings

use_offline_model()


def build_definitions(
    corpus_dir: str | None = None,
    output_dir: str | None = None,
    *,
    allow_empty: bool = False,
    executor: ExecutorDefinition | None = None,
) -> Definitions:
    """Definitions over the given folders (defaults: ``$JANE_CORPUS_DIR`` / ``$JANE_OUTPUT_DIR``).

    ``allow_empty`` lets an empty corpus folder empty the store (see ``JaneSettings``);
    ``executor`` runs the jobs' steps (default: Dagster's, one process per step).
    """
    folders = {"corpus_dir": corpus_dir, "output_dir": output_dir}
    overrides: dict[str, str | bool] = {k: v for k, v in folders.items() if v}
    if allow_empty:
        overrides["allow_empty"] = True
    return Definitions(
        assets=ALL_ASSETS,
        jobs=[ingest_files_job, refresh_all_job],
        schedules=[weekly_refresh_schedule],
        sensors=[corpus_change_sensor, dead_run_sensor, failure_report_sensor],
        resources={"settings": JaneSettings(**overrides), "embedding_model": EmbeddingModel()},
        executor=executor,
    )


defs = build_definitions()
