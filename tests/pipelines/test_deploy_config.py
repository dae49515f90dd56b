"""The committed production configuration validates against Dagster's own schemas: the
instance on PostgreSQL (deploy/dagster.yaml) and the Celery executor (run and worker files)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from dagster import DagsterInvalidConfigError, validate_run_config
from dagster._core.instance.config import dagster_instance_config
from dagster_celery.cli import get_validated_config

from pipelines.distributed import defs as distributed_defs

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
PG_VARIABLES = {
    "DAGSTER_PG_HOST": "db.internal",
    "DAGSTER_PG_PORT": "5432",
    "DAGSTER_PG_USERNAME": "dagster",
    "DAGSTER_PG_PASSWORD": "secret",
    "DAGSTER_PG_DB": "dagster",
}


@pytest.fixture
def pg_variables(monkeypatch):
    for name, value in PG_VARIABLES.items():
        monkeypatch.setenv(name, value)


def _instance_config(tmp_path: Path, text: str) -> dict:
    (tmp_path / "dagster.yaml").write_text(text)
    config, _ = dagster_instance_config(str(tmp_path))
    return dict(config)


def test_the_instance_config_puts_runs_events_and_schedules_on_postgresql(tmp_path, pg_variables):
    config = _instance_config(tmp_path, (DEPLOY / "dagster.yaml").read_text())
    db = config["storage"]["postgres"]["postgres_db"]
    assert {k: db[k] for k in ("hostname", "username", "db_name")} == {
        "hostname": {"env": "DAGSTER_PG_HOST"},
        "username": {"env": "DAGSTER_PG_USERNAME"},
        "db_name": {"env": "DAGSTER_PG_DB"},
    }
    assert db["scheme"] == "postgresql+psycopg2"
    assert config["telemetry"] == {"enabled": False}
    assert config["run_monitoring"]["enabled"] is True
    assert config["concurrency"]["runs"]["max_concurrent_runs"] == 1


def test_a_misspelt_instance_key_is_refused(tmp_path, pg_variables):
    text = (DEPLOY / "dagster.yaml").read_text().replace("db_name:", "database:")
    with pytest.raises(DagsterInvalidConfigError):
        _instance_config(tmp_path, text)


def test_the_celery_run_config_validates_for_every_job(monkeypatch):
    monkeypatch.setenv("JANE_CELERY_BROKER", "pyamqp://jane@broker.internal//")
    monkeypatch.setenv("JANE_CELERY_BACKEND", "redis://broker.internal:6379/1")
    run_config = yaml.safe_load((DEPLOY / "celery_run_config.yaml").read_text())
    for name in ("ingest_files", "refresh_all"):
        job = distributed_defs.resolve_job_def(name)
        assert job.executor_def.name == "celery"
        executor = validate_run_config(job, run_config)["execution"]["celery"]
        assert executor["broker"] == "pyamqp://jane@broker.internal//"  # from the environment
        assert executor["config_source"]["worker_prefetch_multiplier"] == 1


def test_a_celery_run_config_with_an_unknown_key_is_refused(monkeypatch):
    run_config = yaml.safe_load((DEPLOY / "celery_run_config.yaml").read_text())
    run_config["execution"]["config"]["brokers"] = run_config["execution"]["config"].pop("broker")
    monkeypatch.setenv("JANE_CELERY_BACKEND", "redis://broker.internal:6379/1")
    with pytest.raises(DagsterInvalidConfigError):
        validate_run_config(distributed_defs.resolve_job_def("refresh_all"), run_config)


def test_the_worker_config_validates_and_matches_the_run_config(tmp_path):
    worker = get_validated_config(str(DEPLOY / "celery.yaml"))
    assert worker["broker"].startswith("pyamqp://")
    assert worker["include"] == ["pipelines.distributed"]
    run = yaml.safe_load((DEPLOY / "celery_run_config.yaml").read_text())["execution"]["config"]
    assert worker["config_source"] == run["config_source"]  # workers take tasks as runs send them
    broken = tmp_path / "celery.yaml"
    shutil.copy(DEPLOY / "celery.yaml", broken)
    broken.write_text(broken.read_text().replace("include:", "includes:"))
    with pytest.raises(DagsterInvalidConfigError):
        get_validated_config(str(broken))
