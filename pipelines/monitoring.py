"""Runs whose process died: marked failed, so that the one-at-a-time run queue moves on.

Dagster's run monitoring (enabled in ``.dagster_home/dagster.yaml``) fails runs that never start
and runs over the maximum run time, but the default run launcher cannot tell that a run worker
was killed: its run stays ``STARTED`` and, with ``max_concurrent_runs: 1``, every later run stays
queued. Each run's events carry the id of the process that wrote them; a ``STARTED`` run whose
run process is gone (or whose id now belongs to a process started later) is marked failed here,
by the ``dead_run_sensor`` in the daemon and by ``jane-synth run`` before it starts.
"""

from __future__ import annotations

from dagster import (
    DagsterEventType,
    DagsterInstance,
    DagsterRunStatus,
    DefaultSensorStatus,
    RunsFilter,
    SensorEvaluationContext,
    SkipReason,
    sensor,
)

from jane_synth.processes import process_alive


def run_process_id(instance: DagsterInstance, run_id: str) -> int | None:
    """The id of the process that started run ``run_id`` (its ``RUN_START`` event's)."""
    records = instance.get_records_for_run(
        run_id, of_type=DagsterEventType.RUN_START, limit=1
    ).records
    for record in records:
        event = record.event_log_entry.dagster_event
        if event is not None and event.pid is not None:
            return int(event.pid)
    return None


def fail_dead_runs(instance: DagsterInstance) -> list[str]:
    """Mark failed every ``STARTED`` run whose run process is gone; return their run ids.

    Runs on this machine only: the project's instance and store are local SQLite files.
    """
    failed = []
    started = instance.get_run_records(filters=RunsFilter(statuses=[DagsterRunStatus.STARTED]))
    for record in started:
        run = record.dagster_run
        pid = run_process_id(instance, run.run_id)
        if pid is None or process_alive(pid, record.start_time):
            continue
        instance.report_run_failed(
            run,
            f"The process that ran this run (pid {pid}) is gone: it was killed or crashed. "
            "Marked failed so that queued runs can start; run it again to finish the work.",
        )
        failed.append(run.run_id)
    return failed


@sensor(
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.RUNNING,
    description=(
        "Marks failed each started run whose process is gone (killed or crashed), so that a "
        "dead run never holds the one-at-a-time run queue. Requests no run."
    ),
)
def dead_run_sensor(context: SensorEvaluationContext) -> SkipReason:
    failed = fail_dead_runs(context.instance)
    if failed:
        context.log.warning(f"marked {len(failed)} dead run(s) failed: {', '.join(failed)}")
        return SkipReason(f"marked failed: {', '.join(failed)}")
    return SkipReason("no dead run")
