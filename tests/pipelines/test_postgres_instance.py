"""The production set-up: Dagster's instance on PostgreSQL (``deploy/dagster.yaml``), runs
launched through the queue by the daemon, and the product's store on PostgreSQL too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from dagster import DagsterEventType, DagsterInstance, DagsterRunStatus, EventRecordsFilter

from jane_synth.store import Store
from jane_synth.taxonomy import load_taxonomy
from tests.outputs import output_files
from tests.postgres import fresh_database
from tests.processes import stop_group

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("postgres_instance")]

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "corpus"
DONE = {DagsterRunStatus.SUCCESS, DagsterRunStatus.FAILURE, DagsterRunStatus.CANCELED}


def _dagster_env(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    return {
        "DAGSTER_PG_HOST": parts.hostname or "127.0.0.1",
        "DAGSTER_PG_PORT": str(parts.port or 5432),
        "DAGSTER_PG_USERNAME": parts.username or "postgres",
        "DAGSTER_PG_PASSWORD": parts.password or "unused-with-trust-auth",
        "DAGSTER_PG_DB": parts.path.lstrip("/"),
    }


@pytest.fixture
def production(tmp_path, monkeypatch):
    """A Dagster home with the committed production config, on fresh PostgreSQL databases."""
    with fresh_database("dagster") as dagster_url, fresh_database("store") as store_url:
        home = tmp_path / "home"
        home.mkdir()
        shutil.copy(ROOT / "deploy" / "dagster.yaml", home / "dagster.yaml")
        workspace = tmp_path / "workspace.yaml"
        workspace.write_text(
            yaml.safe_dump(
                {
                    "load_from": [
                        {
                            "python_module": {
                                "module_name": "pipelines.definitions",
                                "working_directory": str(ROOT),
                            }
                        }
                    ]
                }
            )
        )
        corpus = tmp_path / "corpus"
        shutil.copytree(FIXTURE_CORPUS, corpus)
        env = {
            **_dagster_env(dagster_url),
            "DAGSTER_HOME": str(home),
            "JANE_CORPUS_DIR": str(corpus),
            "JANE_OUTPUT_DIR": str(tmp_path / "out"),
            "JANE_STORE_URL": store_url,
        }
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        yield workspace, tmp_path / "out", store_url


def _wait_for_end(
    instance: DagsterInstance, run_id: str, daemon: subprocess.Popen
) -> DagsterRunStatus:
    deadline = time.monotonic() + 480
    while time.monotonic() < deadline:
        run = instance.get_run_by_id(run_id)
        if run is not None and run.status in DONE:
            return run.status
        assert daemon.poll() is None, "the daemon stopped"
        time.sleep(1)
    raise AssertionError(f"run {run_id} did not finish")


def test_the_whole_pipeline_runs_through_the_queue_on_postgresql(production):
    workspace, out, store_url = production
    # One process for the run's steps: this test is about the instance and the queue (the
    # multiprocess executor would start a Python with torch for each of the ten steps).
    run_config = workspace.with_name("run_config.yaml")
    run_config.write_text(yaml.safe_dump({"execution": {"config": {"in_process": {}}}}))
    daemon = subprocess.Popen(
        [sys.executable, "-m", "dagster._daemon", "run", "-w", str(workspace)],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        launched = subprocess.run(
            [sys.executable, "-m", "dagster", "job", "launch", "-w", str(workspace), "-j",
             "refresh_all", "-c", str(run_config)],
            cwd=ROOT, capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert launched.returncode == 0, launched.stdout + launched.stderr
        with DagsterInstance.get() as instance:
            assert type(instance.run_storage).__name__ == "PostgresRunStorage"
            assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
            (run,) = instance.get_runs()
            status = _wait_for_end(instance, run.run_id, daemon)
            assert status == DagsterRunStatus.SUCCESS, launched.stdout + launched.stderr
            enqueued = instance.get_event_records(
                EventRecordsFilter(event_type=DagsterEventType.RUN_ENQUEUED)
            )
            assert [r.run_id for r in enqueued] == [run.run_id]  # through the queue
    finally:
        stop_group(daemon)
    noes = load_taxonomy().slugs("noe_domains")
    assert {p.stem for p in (out / "briefs").glob("*.md")} - {"index"} == noes
    assert not (out / "index" / "jane.sqlite").exists()  # the store is on PostgreSQL
    with Store(store_url) as store:
        assert store.count("documents") == 6  # four Markdown, one HTML, one text file
        assert store.count("chunks") > 0
        assert store.orphan_vector_count() == 0
        assert store.match_chunks("palliative care")
    # The same corpus with the store in a SQLite file: the same outputs, apart from the date.
    env = {k: v for k, v in os.environ.items() if k != "JANE_STORE_URL"}
    sqlite_out = out.with_name("out_sqlite")
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "run", "--corpus", os.environ["JANE_CORPUS_DIR"],
         "--out", str(sqlite_out), "--log-level", "warning"],
        cwd=ROOT, env={**env, "DAGSTER_HOME": str(out.with_name("sqlite_home"))},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (sqlite_out / "index" / "jane.sqlite").is_file()
    assert output_files(sqlite_out) == output_files(out)
