"""A second ``jane-synth run`` with nothing changed recomputes nothing and changes no output."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jane_synth.settings import load_settings
from jane_synth.stages import nothing_changed
from pipelines.cli import app
from pipelines.instance import dagster_home
from pipelines.run import run_pipeline
from tests.conftest import build_fixture_corpus

pytestmark = pytest.mark.slow

CORPUS_LEVEL = ("chunks", "embeddings", "search_index", "themes", "briefs")


def output_digests(out: Path) -> dict[str, str]:
    """sha256 of every output file but the database (whose pages SQLite may rewrite), the lock
    file (which names its last holder) and the corpus hash cache (which takes in files once they
    are older than its racy window)."""
    skip = ("jane-synth.lock", "corpus_hashes.json")
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith("jane.sqlite") and p.name not in skip
    }


def test_a_rerun_with_nothing_changed_skips_every_corpus_level_asset(tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    dagster_home()
    corpus = build_fixture_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    out.mkdir()
    first = run_pipeline(corpus, out, "warning", report=lambda _: None)
    assert first.success
    assert all(not a.metadata.get("skipped") for a in first.assets if a.name in CORPUS_LEVEL)
    why = {a.name: a.metadata.get("recomputed_because") for a in first.assets}
    assert why["chunks"] == "it has not run on this store before"
    before = output_digests(out)

    second = run_pipeline(corpus, out, "warning", report=lambda _: None)
    assert second.success and not second.failed_checks
    skipped = {a.name: a.metadata.get("skipped") for a in second.assets}
    assert {name: skipped.get(name) for name in CORPUS_LEVEL} == dict.fromkeys(CORPUS_LEVEL, True)
    assert output_digests(out) == before
    assert (out / "briefs").is_dir() and before

    # The command line sees that nothing changed and does not start Dagster at all.
    assert nothing_changed(load_settings(corpus_dir=corpus, output_dir=out))
    result = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "nothing changed" in result.output
    assert output_digests(out) == before

    # A changed file is a change: the next run goes through Dagster.
    path = next(p for p in sorted(corpus.iterdir()) if p.suffix == ".md")
    path.write_text(path.read_text() + "\nOne more sentence about network governance.\n")
    assert not nothing_changed(load_settings(corpus_dir=corpus, output_dir=out))
    third = run_pipeline(corpus, out, "warning", report=lambda _: None)
    why = {a.name: a.metadata.get("recomputed_because") for a in third.assets}
    assert why["chunks"] == "the documents table changed; the chunks table changed"
    assert "the embeddings table changed" in why["search_index"]
    briefs = next(a for a in third.assets if a.name == "briefs")
    assert (
        briefs.metadata["cells_reused"] == 0 and "BM25" in briefs.metadata["why_no_cell_is_reused"]
    )
