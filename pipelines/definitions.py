"""The Dagster code location: ``dagster dev -m pipelines.definitions``."""

from __future__ import annotations

import os

from dagster import Definitions

from .assets import ALL_ASSETS
from .checks import ALL_CHECKS
from .jobs import corpus_change_sensor, ingest_files_job, refresh_all_job, weekly_refresh_schedule
from .resources import EmbeddingModel, JaneSettings

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def build_definitions(corpus_dir: str | None = None, output_dir: str | None = None) -> Definitions:
    """Definitions over the given folders (defaults: ``$JANE_CORPUS_DIR`` / ``$JANE_OUTPUT_DIR``)."""
    overrides = {k: v for k, v in {"corpus_dir": corpus_dir, "output_dir": output_dir}.items() if v}
    return Definitions(
        assets=ALL_ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=[ingest_files_job, refresh_all_job],
        schedules=[weekly_refresh_schedule],
        sensors=[corpus_change_sensor],
        resources={"settings": JaneSettings(**overrides), "embedding_model": EmbeddingModel()},
    )


defs = build_definitions()
