"""``jane-synth run`` refuses bad folders and an empty corpus before Dagster starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from jane_synth.config import OutputLayout
from jane_synth.pipeline import sync_documents
from jane_synth.store import Store
from pipelines import run as run_module
from pipelines.cli import app
from pipelines.summary import AssetSummary, RunSummary
from tests.conftest import ERN_NOTE, make_text_corpus

OTHER = "# Other\n\nECRIN supports multinational clinical trials across Europe through hubs.\n"


def invoke(*args: str):
    return CliRunner().invoke(app, ["run", *args])


@pytest.fixture
def stored(tmp_path) -> tuple[Path, Path]:
    """A corpus of three files synced into an output folder's store."""
    corpus = make_text_corpus(
        tmp_path / "corpus", {"a.md": ERN_NOTE, "b.md": OTHER, "c.md": OTHER + "\nMore.\n"}
    )
    out = tmp_path / "out"
    with Store(OutputLayout(out).database) as store:
        sync_documents(store, corpus, OutputLayout(out), workers=1)
    return corpus, out


@pytest.fixture
def fake_run(monkeypatch, tmp_path) -> list[dict]:
    """Replace the Dagster run with a recorder that succeeds."""
    calls: list[dict] = []

    def run_pipeline(corpus_dir, output_dir, log_level, report, *, allow_empty=False, wait=0.0):
        calls.append({"corpus": corpus_dir, "out": output_dir, "allow_empty": allow_empty})
        return RunSummary(True, (AssetSummary("corpus", 1, {"removed": 2}),), ())

    monkeypatch.setattr(run_module, "run_pipeline", run_pipeline)
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    return calls


def test_help_lists_every_command():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "search", "serve", "ui"):
        assert command in result.output


def test_a_missing_corpus_folder_fails_clearly(tmp_path):
    result = invoke("--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "corpus folder not found" in result.output


def test_ui_refuses_a_missing_corpus_folder_before_starting_dagster(tmp_path, monkeypatch):
    import os

    started = []
    monkeypatch.setattr(os, "execve", lambda *args: started.append(args))
    result = CliRunner().invoke(app, ["ui", "--corpus", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "corpus folder not found" in result.output
    assert started == []


def test_a_corpus_that_is_a_file_is_not_a_folder(tmp_path):
    (tmp_path / "c.md").write_text("# Not a folder\n")
    result = invoke("--corpus", str(tmp_path / "c.md"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "not a folder" in result.output and "c.md" in result.output


def test_an_output_that_is_a_file_or_cannot_be_made_is_named(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "taken").write_text("x")
    for out, said in (
        (tmp_path / "taken", "not a folder"),
        (tmp_path / "taken" / "sub", "cannot be created"),
    ):
        result = invoke("--corpus", str(tmp_path / "corpus"), "--out", str(out))
        assert result.exit_code == 2, result.output
        assert said in result.output and str(out) in result.output.replace("\n", "")
        assert "Traceback" not in result.output


def test_an_empty_corpus_folder_never_empties_the_store(stored, tmp_path, fake_run):
    _, out = stored
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("--corpus", str(empty), "--out", str(out))
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert str(empty) in said and "3 document(s)" in said and "--allow-empty" in said
    assert fake_run == []  # Dagster never started
    with Store(OutputLayout(out).database) as store:
        assert store.count("documents") == 3


def test_allow_empty_lets_the_run_go_on_and_says_so_to_dagster(stored, tmp_path, fake_run):
    _, out = stored
    (tmp_path / "empty").mkdir()
    result = invoke("--corpus", str(tmp_path / "empty"), "--out", str(out), "--allow-empty")
    assert result.exit_code == 0, result.output
    assert fake_run[0]["allow_empty"] is True
    assert "removes 3 of the 3 stored files" in " ".join(result.output.split())


def test_a_run_removing_most_files_warns_in_the_summary(stored, fake_run):
    corpus, out = stored
    (corpus / "b.md").unlink()
    (corpus / "c.md").unlink()
    result = invoke("--corpus", str(corpus), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "warning: this run removes 2 of the 3 stored files" in " ".join(result.output.split())
    assert fake_run[0]["allow_empty"] is False


def test_a_run_removing_few_files_does_not_warn(stored, fake_run):
    corpus, out = stored
    (corpus / "c.md").unlink()
    result = invoke("--corpus", str(corpus), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_an_invalid_settings_file_is_refused_with_the_key(tmp_path, monkeypatch):
    (tmp_path / "corpus").mkdir()
    bad = tmp_path / "jane-synth.toml"
    bad.write_text("[search]\ncolour = 'blue'\n")
    monkeypatch.setenv("JANE_SETTINGS", str(bad))
    result = invoke("--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2 and "colour" in result.output


def test_allow_empty_may_come_from_the_settings_file(stored, tmp_path, fake_run, monkeypatch):
    _, out = stored
    (tmp_path / "empty").mkdir()
    (tmp_path / "jane-synth.toml").write_text("allow_empty = true\n")
    monkeypatch.setenv("JANE_SETTINGS", str(tmp_path / "jane-synth.toml"))
    result = invoke("--corpus", str(tmp_path / "empty"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert fake_run[0]["allow_empty"] is True
