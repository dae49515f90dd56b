"""The run's SQLite event log kept open: same events, one checkpoint at the end."""

from __future__ import annotations

import os
import uuid

from dagster import DagsterInstance, Definitions, asset, define_asset_job, instance_for_test

from pipelines.event_log import INDEX_SHARD, run_databases_kept_open


@asset
def counted() -> int:
    return 1


JOB = Definitions(assets=[counted], jobs=[define_asset_job("counting")]).resolve_job_def("counting")


def run(instance: DagsterInstance, run_id: str | None = None):  # type: ignore[no-untyped-def]
    return JOB.execute_in_process(instance=instance, run_id=run_id)


def test_a_run_with_its_event_log_kept_open_stores_every_event_and_checkpoints_once():
    with instance_for_test() as instance:
        baseline = run(instance)
        run_id = str(uuid.uuid4())
        storage = instance.event_log_storage
        wal = storage.path_for_shard(run_id) + "-wal"  # type: ignore[attr-defined]
        with run_databases_kept_open(instance, run_id):
            result = run(instance, run_id)
            # Dagster's own connections closed without folding the WAL into the database.
            assert os.path.exists(wal)
        assert result.success and not os.path.exists(wal)  # checkpointed when the keeper closed
        assert os.path.exists(storage.path_for_shard(INDEX_SHARD))  # type: ignore[attr-defined]
        types = [e.dagster_event_type for e in instance.all_logs(run_id) if e.is_dagster_event]
        before = [
            e.dagster_event_type for e in instance.all_logs(baseline.run_id) if e.is_dagster_event
        ]
        assert types == before
        assert instance.get_latest_materialization_event(counted.key).run_id == run_id


def test_other_storages_are_left_alone():
    instance = DagsterInstance.ephemeral()  # in-memory event log
    run_id = str(uuid.uuid4())
    with run_databases_kept_open(instance, run_id):
        assert run(instance, run_id).success


def test_the_store_file_is_kept_open_and_a_url_or_a_missing_file_is_not(tmp_path):
    from jane_synth.store import Store

    path = tmp_path / "jane.sqlite"
    instance = DagsterInstance.ephemeral()
    with run_databases_kept_open(instance, "r", path):  # no file yet: nothing to keep
        assert not path.exists()
    with Store(path) as store:
        store.set_stage_fingerprint("briefs", "before")
    with run_databases_kept_open(instance, "r", path):
        for value in ("during", "again"):  # closes that would each checkpoint
            with Store(path) as store:
                store.set_stage_fingerprint("briefs", value)
            assert path.with_name("jane.sqlite-wal").exists()
    assert not path.with_name("jane.sqlite-wal").exists()
    with Store(path) as store:
        assert store.stage_fingerprint("briefs") == "again"
    with run_databases_kept_open(instance, "r", "postgresql://h/db"):
        pass
