"""Running the whole pipeline in-process, as `jane-synth run` does."""

from pathlib import Path

from dagster import DagsterInstance, ExecuteInProcessResult

from jane_synth.config import OutputLayout
from jane_synth.store import Store

from .definitions import build_definitions
from .partitions import keys_not_in_store, range_tags, sync_partitions, wanted_keys


def run_pipeline(
    corpus_dir: Path, output_dir: Path, log_level: str = "info", report=print
) -> ExecuteInProcessResult:
    """Match the file partitions to the folder, then run every asset in one in-process run.

    Partitions not yet in this output's store are ingested by the ``ingest_files`` job (one run
    over their range); when there are none, ``refresh_all`` runs without partitions.
    """
    defs = build_definitions(str(corpus_dir), str(output_dir))
    run_config = {"loggers": {"console": {"config": {"log_level": log_level.upper()}}}}
    with DagsterInstance.get() as instance:
        keys = wanted_keys(corpus_dir)
        added, removed = sync_partitions(instance, keys)
        with Store(OutputLayout(output_dir).database) as store:
            pending = keys_not_in_store(keys, store.file_hashes())
        report(
            f"{len(keys)} corpus files: {len(pending)} to ingest, {len(added)} new partition(s), "
            f"{len(removed)} removed"
        )
        if pending:
            job, tags = defs.resolve_job_def("ingest_files"), range_tags(instance, pending)
        else:
            job, tags = defs.resolve_job_def("refresh_all"), {}
        return job.execute_in_process(
            instance=instance, raise_on_error=False, run_config=run_config, tags=tags
        )
