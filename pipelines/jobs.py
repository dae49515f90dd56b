"""The job over all assets, its weekly schedule, and a sensor on the corpus folder."""

import hashlib

from dagster import (
    AssetSelection,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    define_asset_job,
    sensor,
)

from jane_synth.ingest import discover

from .resources import JaneSettings

refresh_all_job = define_asset_job(
    "refresh_all",
    selection=AssetSelection.all(),
    description="Ingest the corpus folder, rebuild chunks, vectors, index, themes and briefs.",
)

weekly_refresh_schedule = ScheduleDefinition(
    name="weekly_refresh",
    job=refresh_all_job,
    cron_schedule="0 6 * * 1",
    execution_timezone="Europe/Brussels",
    default_status=DefaultScheduleStatus.STOPPED,
    description="Every Monday at 06:00 Brussels time.",
)


def corpus_fingerprint(settings: JaneSettings) -> str:
    """A digest of every corpus file's path, size and modification time (and sidecars)."""
    digest = hashlib.sha256()
    root = settings.corpus_path
    for path in discover(root):
        for p in (path, path.with_name(path.name + ".meta.yaml")):
            if p.is_file():
                st = p.stat()
                digest.update(
                    f"{p.relative_to(root).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode()
                )
    return digest.hexdigest()


@sensor(
    job=refresh_all_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.STOPPED,
    description="Starts a refresh when a file in the corpus folder is added, changed or removed.",
)
def corpus_change_sensor(context: SensorEvaluationContext, settings: JaneSettings):
    if not settings.corpus_path.is_dir():
        return SkipReason(f"corpus folder {settings.corpus_path} does not exist")
    fingerprint = corpus_fingerprint(settings)
    if fingerprint == context.cursor:
        return SkipReason("no file in the corpus folder changed")
    context.update_cursor(fingerprint)
    return RunRequest(run_key=fingerprint, tags={"jane/trigger": "corpus-change"})
