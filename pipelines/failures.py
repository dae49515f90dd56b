"""Failed runs reported to ``failures.jsonl`` in the output folder, and to a webhook if set.

Runs launched by the daemon (sensor, schedule, UI) are reported by ``failure_report_sensor``;
``jane-synth run`` reports its own in-process runs (tagged ``jane/launched-by``), since no daemon
need be running then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from dagster import (
    DagsterEvent,
    DefaultSensorStatus,
    ExecuteInProcessResult,
    RunFailureSensorContext,
    run_failure_sensor,
)
from dagster._utils.error import SerializableErrorInfo

from jane_synth.config import OutputLayout
from jane_synth.failures import FailureRecord, error_summary, report_failure, utc_timestamp

from .resources import JaneSettings

LAUNCHED_BY_TAG = "jane/launched-by"
"""Set on the runs of ``jane-synth run``, which report their own failures."""


def _innermost(error: SerializableErrorInfo) -> SerializableErrorInfo:
    """The root cause: a step's error wraps the user's exception as its cause."""
    while error.cause is not None:
        error = error.cause
    return error


def _step_error(event: DagsterEvent) -> str:
    data = event.step_failure_data
    if data is None or data.error is None:
        return event.message or "step failed"
    return _innermost(data.error).to_string()


def failure_record(
    run_id: str,
    job: str,
    run_failure: DagsterEvent | None,
    step_failures: Sequence[DagsterEvent],
) -> FailureRecord:
    """The record of one failed run: its failed steps (the asset each computes) and the first
    one's error, else the run's own failure message."""
    steps = sorted({e.step_key for e in step_failures if e.step_key})
    if step_failures:
        error = _step_error(step_failures[0])
    else:
        error = (run_failure.message if run_failure else None) or "run failed"
    return FailureRecord(
        run_id, job, ", ".join(steps) or None, error_summary(error), utc_timestamp()
    )


def report_in_process_failure(
    result: ExecuteInProcessResult, output_dir: str, report: Callable[[str], object]
) -> None:
    """Record a failed ``jane-synth run`` run (and post it to the webhook, if one is set)."""
    run = result.dagster_run
    record = failure_record(
        run.run_id, run.job_name, result.get_run_failure_event(), result.get_step_failure_events()
    )
    failures = OutputLayout(Path(output_dir)).failures
    problem = report_failure(failures, record)
    report(f"failure recorded in {failures}" + (f"; {problem}" if problem else ""))


@run_failure_sensor(
    default_status=DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=30,
    description=(
        "Writes a record of each failed run (run id, job, failed asset, error, time) to "
        "failures.jsonl in the output folder, and posts it to $JANE_FAILURE_WEBHOOK if set."
    ),
)
def failure_report_sensor(context: RunFailureSensorContext, settings: JaneSettings) -> None:
    run = context.dagster_run
    if run.tags.get(LAUNCHED_BY_TAG):
        return  # jane-synth run recorded it already
    record = failure_record(
        run.run_id, run.job_name, context.failure_event, context.get_step_failure_events()
    )
    problem = report_failure(settings.layout.failures, record)
    if problem:
        context.log.warning(problem)
