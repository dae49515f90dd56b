"""A killed run must not block the queue: the instance config, and dead-run detection."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dagster import (
    DagsterInstance,
    DagsterRunStatus,
    RunsFilter,
    build_sensor_context,
)
from dagster._core.remote_origin import (
    InProcessCodeLocationOrigin,
    RemoteJobOrigin,
    RemoteRepositoryOrigin,
)
from dagster._core.storage.dagster_run import IN_PROGRESS_RUN_STATUSES, DagsterRun
from dagster._core.types.loadable_target_origin import LoadableTargetOrigin
from dagster._core.utils import make_new_run_id
from dagster._daemon.run_coordinator.queued_run_coordinator_daemon import (
    QueuedRunCoordinatorDaemon,
)

from jane_synth.config import PROJECT_ROOT
from jane_synth.processes import process_alive
from pipelines.monitoring import dead_run_sensor, fail_dead_runs, run_process_id

QUEUED = DagsterRunStatus.QUEUED

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A Dagster home with the committed instance settings."""
    folder = tmp_path / "dagster_home"
    folder.mkdir()
    shutil.copy(PROJECT_ROOT / ".dagster_home" / "dagster.yaml", folder / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(folder))
    return folder


def test_the_committed_config_validates_and_enables_run_monitoring(home):
    with DagsterInstance.get() as instance:  # validates dagster.yaml against Dagster's schema
        assert instance.run_monitoring_enabled
        assert instance.run_monitoring_max_resume_run_attempts == 0  # no resume: launcher can't
        assert instance.run_monitoring_start_timeout_seconds == 180
        assert instance.run_monitoring_max_runtime_seconds == 12 * 3600
        queue = instance.get_concurrency_config().run_queue_config
        assert queue is not None and queue.max_concurrent_runs == 1


def _started_run(instance: DagsterInstance, proc: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        runs = instance.get_runs(filters=RunsFilter(statuses=[DagsterRunStatus.STARTED]))
        if runs:
            return runs[0].run_id
        assert proc.poll() is None, "the sleepy run ended early"
        time.sleep(0.5)
    raise AssertionError("the sleepy run never started")


def _origin() -> RemoteJobOrigin:
    target = LoadableTargetOrigin(python_file=str(ROOT / "tests" / "safety" / "sleepy_run.py"))
    location = InProcessCodeLocationOrigin(target)
    return RemoteJobOrigin(RemoteRepositoryOrigin(location, "__repository__"), "sleepy")


def _dequeued(instance: DagsterInstance) -> list[str]:
    """The queued runs the daemon's queue would launch now (its own selection, not launched)."""
    daemon = QueuedRunCoordinatorDaemon(interval_seconds=1)
    config = instance.get_concurrency_config()
    return [r.run_id for r in daemon._get_runs_to_dequeue(instance, config, None)]


def test_a_killed_run_is_marked_failed_and_frees_the_queue(home):
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.safety.sleepy_run"], cwd=ROOT, start_new_session=True
    )
    try:
        with DagsterInstance.get() as instance:
            run_id = _started_run(instance, proc)
            assert run_process_id(instance, run_id) == proc.pid
            assert fail_dead_runs(instance) == []  # alive: left alone
            os.killpg(proc.pid, signal.SIGKILL)  # the whole process group, as an OOM or kill -9
            proc.wait()
            run = instance.get_run_by_id(run_id)
            assert run is not None and run.status == DagsterRunStatus.STARTED  # Dagster can't tell
            queued = instance.run_storage.add_run(
                DagsterRun(
                    job_name="sleepy",
                    run_id=make_new_run_id(),
                    status=QUEUED,
                    remote_job_origin=_origin(),
                )
            )
            assert _dequeued(instance) == []  # the dead run holds the only slot
            context = build_sensor_context(instance=instance)
            reason = dead_run_sensor(context)
            assert run_id in str(reason.skip_message)
            run = instance.get_run_by_id(run_id)
            assert run is not None and run.status == DagsterRunStatus.FAILURE
            assert instance.get_runs_count(RunsFilter(statuses=IN_PROGRESS_RUN_STATUSES)) == 0
            assert _dequeued(instance) == [queued.run_id]  # the queue launches the next run
            assert fail_dead_runs(instance) == []
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_a_reused_process_id_does_not_count_as_the_run_process():
    now = time.time()
    assert process_alive(os.getpid(), now)
    assert not process_alive(os.getpid(), now - 3600)  # this process started after that
    assert not process_alive(0) and not process_alive(2**22 + 1)
