"""Running the whole pipeline in-process, as ``jane-synth run`` does, and what the run did.

Dagster's events are read here, and only here: the command line gets a plain :class:`RunSummary`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from dagster import DagsterInstance, ExecuteInProcessResult

from jane_synth.config import OutputLayout
from jane_synth.lock import OutputLock
from jane_synth.store import Store

from .definitions import build_definitions
from .event_log import run_databases_kept_open
from .failures import LAUNCHED_BY_TAG, report_in_process_failure
from .monitoring import fail_dead_runs
from .partitions import keys_not_in_store, range_tags, sync_partitions, wanted_keys
from .summary import AssetSummary, CheckSummary, MetadataScalar, RunSummary


def _scalars(metadata: dict[str, object]) -> dict[str, MetadataScalar]:
    """The metadata values worth a line in a terminal (not tables, JSON or paths)."""
    out: dict[str, MetadataScalar] = {}
    for key, entry in metadata.items():
        value = getattr(entry, "value", entry)
        if isinstance(value, int | float | str) and not str(value).startswith("|"):
            out[key] = value
    return out


def summarize(result: ExecuteInProcessResult) -> RunSummary:
    """Read the materializations and check evaluations of a finished run."""
    counts: dict[str, int] = {}
    first: dict[str, dict[str, MetadataScalar]] = {}
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        name = materialization.asset_key.to_user_string()
        counts[name] = counts.get(name, 0) + 1
        # A run over many file partitions reports the same metadata for each: keep it once.
        first.setdefault(name, _scalars(dict(materialization.metadata)))
    checks = []
    for evaluation in result.get_asset_check_evaluations():
        severity = evaluation.severity.value if evaluation.severity else "ERROR"
        status: Literal["passed", "warning", "failed"] = (
            "passed" if evaluation.passed else "warning" if severity == "WARN" else "failed"
        )
        checks.append(
            CheckSummary(evaluation.asset_key.to_user_string(), evaluation.check_name, status)
        )
    assets = tuple(AssetSummary(name, counts[name], first[name]) for name in first)
    return RunSummary(result.success, assets, tuple(checks))


def run_pipeline(
    corpus_dir: Path,
    output_dir: Path,
    log_level: str = "info",
    report: Callable[[str], object] = print,
    *,
    allow_empty: bool = False,
    wait: float = 0.0,
) -> RunSummary:
    """Match the file partitions to the folder, then run every asset in one in-process run.

    Partitions not yet in this output's store are ingested by the ``ingest_files`` job (one run
    over their range); when there are none, ``refresh_all`` runs without partitions. The output
    folder's lock is held throughout: when another run holds it, this one waits up to ``wait``
    seconds, then raises :class:`~jane_synth.lock.OutputLocked` naming the other.
    """
    defs = build_definitions(str(corpus_dir), str(output_dir), allow_empty=allow_empty)
    run_config = {"loggers": {"console": {"config": {"log_level": log_level.upper()}}}}
    lock = OutputLock(output_dir, "jane-synth run")
    waiting = lambda h: report(f"waiting for the output folder lock: {h.describe() if h else '?'}")  # noqa: E731
    with lock.hold(wait, waiting), DagsterInstance.get() as instance:
        for run_id in fail_dead_runs(instance):  # a killed run must not hold the queue
            report(f"marked run {run_id} failed: its process is gone")
        keys = wanted_keys(corpus_dir, OutputLayout(output_dir).corpus_hashes)
        added, removed = sync_partitions(instance, keys)
        with Store(OutputLayout(output_dir).store) as store:
            pending = keys_not_in_store(keys, store.file_hashes())
        report(
            f"{len(keys)} corpus files: {len(pending)} to ingest, {len(added)} new partition(s), "
            f"{len(removed)} removed"
        )
        if pending:
            job, tags = defs.resolve_job_def("ingest_files"), range_tags(instance, pending)
        else:
            job, tags = defs.resolve_job_def("refresh_all"), {}
        tags[LAUNCHED_BY_TAG] = "jane-synth run"
        run_id = str(uuid.uuid4())
        with run_databases_kept_open(instance, run_id, OutputLayout(output_dir).store):
            result = job.execute_in_process(
                instance=instance, raise_on_error=False, run_config=run_config, tags=tags,
                run_id=run_id,
            )  # fmt: skip
        if not result.success:
            report_in_process_failure(result, str(output_dir), report)
        return summarize(result)
