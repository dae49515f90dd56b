"""Two writers of one output folder: ``jane-synth run`` stops, a Dagster step waits."""

from __future__ import annotations

from dagster import DagsterInstance, asset, materialize
from typer.testing import CliRunner

from jane_synth.lock import OutputLock
from pipelines.cli import app
from pipelines.resources import JaneSettings
from tests.conftest import ERN_NOTE, make_text_corpus

from .lock_holder import start_holder


def test_jane_synth_run_stops_with_exit_3_naming_the_other_run(tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    corpus = make_text_corpus(tmp_path / "corpus", {"a.md": ERN_NOTE})
    out = tmp_path / "out"
    holder = start_holder(out, 60)
    try:
        result = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 3, result.output
    text = " ".join(result.output.split())
    assert f"pid {holder.pid}" in text and "in use by another jane-synth run" in text
    assert not (out / "briefs").exists()


held_during_step: list[bool] = []


@asset
def writes_outputs(settings: JaneSettings) -> None:
    held_during_step.append(OutputLock(settings.output_dir).held_here())


def test_a_dagster_step_waits_for_the_other_writer_then_runs_holding_the_lock(tmp_path):
    out = tmp_path / "out"
    instance = DagsterInstance.ephemeral()
    holder = start_holder(out, 8)  # outlives Dagster's start-up, even on a loaded machine
    settings = JaneSettings(corpus_dir=str(tmp_path), output_dir=str(out))
    result = materialize([writes_outputs], resources={"settings": settings}, instance=instance)
    holder.wait()
    assert result.success and held_during_step == [True]
    logs = [e.user_message for e in instance.all_logs(result.run_id)]
    assert any("waiting for the output folder lock held by pid" in m for m in logs)
    assert not OutputLock(out).held_here()  # released when the step ended
