"""Jobs, the weekly schedule, and the sensor that turns corpus files into partitions."""

import hashlib

from dagster import (
    AddDynamicPartitionsRequest,
    AssetSelection,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    DeleteDynamicPartitionsRequest,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    define_asset_job,
    sensor,
)

from .assets import documents
from .partitions import corpus_files, partition_changes, wanted_keys
from .resources import JaneSettings

RUN_TAGS = {"jane/pipeline": "refresh"}

ingest_files_job = define_asset_job(
    "ingest_files",
    selection=AssetSelection.all(),
    tags=RUN_TAGS,
    description=(
        "Ingest the given corpus-file partitions (one run for a range of them), then refresh "
        "everything downstream: corpus, chunks, vectors, index, themes and briefs."
    ),
)

refresh_all_job = define_asset_job(
    "refresh_all",
    selection=AssetSelection.all() - AssetSelection.assets(documents),
    tags=RUN_TAGS,
    description=(
        "Reconcile the store with the corpus folder (the corpus asset ingests whatever changed) "
        "and rebuild chunks, vectors, index, themes and briefs. Needs no partition."
    ),
)

weekly_refresh_schedule = ScheduleDefinition(
    name="weekly_refresh",
    job=refresh_all_job,
    cron_schedule="0 6 * * 1",
    execution_timezone="Europe/Brussels",
    default_status=DefaultScheduleStatus.STOPPED,
    description="Every Monday at 06:00 Brussels time.",
)


def _digest(keys: list[str]) -> str:
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


@sensor(
    jobs=[ingest_files_job, refresh_all_job],
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.STOPPED,
    description=(
        "Watches the corpus folder: adds a partition for each new or changed file, deletes those of "
        "removed files, and starts one run for the new ones (or a refresh when files were only "
        "removed). Its cursor is a digest of the current partition keys; only files whose size "
        "or times changed are hashed (a cache in the output folder's index/)."
    ),
)
def corpus_change_sensor(context: SensorEvaluationContext, settings: JaneSettings):
    if not settings.corpus_path.is_dir():
        return SkipReason(f"corpus folder {settings.corpus_path} does not exist")
    keys = wanted_keys(settings.corpus_path, settings.layout.corpus_hashes)
    digest = _digest(keys)
    if digest == context.cursor:
        return SkipReason("no file in the corpus folder changed")
    added, removed = partition_changes(
        context.instance.get_dynamic_partitions(corpus_files.name), keys
    )
    if added:
        run = RunRequest(
            run_key=digest,
            job_name=ingest_files_job.name,
            tags={
                "dagster/asset_partition_range_start": added[0],
                "dagster/asset_partition_range_end": added[-1],
                "jane/trigger": "corpus-change",
            },
        )
    else:
        run = RunRequest(
            run_key=digest, job_name=refresh_all_job.name, tags={"jane/trigger": "corpus-change"}
        )
    return SensorResult(
        run_requests=[run],
        dynamic_partitions_requests=[
            AddDynamicPartitionsRequest(corpus_files.name, added),
            DeleteDynamicPartitionsRequest(corpus_files.name, removed),
        ],
        cursor=digest,
    )
