"""Issue 13's acceptance end to end: the hostile corpus through ``jane-synth run``, twice.

Both runs exit 0, every file has its outcome, nothing from outside the corpus reaches the
store, the index or a brief, no brief carries a raw HTML tag from a document, and the two runs'
outputs (briefs, manifest, themes, the ingest report and the BM25 index files) are byte-identical
but for the run date.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from tests.hostile_corpus import EXPECTED, OUTSIDE_MARKER, build_hostile_corpus
from tests.outputs import output_files

pytestmark = pytest.mark.slow


def _run(corpus: Path, out: Path, home: Path) -> None:
    env = {"DAGSTER_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    result = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)], env=env)
    assert result.exit_code == 0, result.output[-3000:]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-e2e")
    corpus = build_hostile_corpus(root)
    for name in ("out1", "out2"):
        _run(corpus, root / name, root / f"home-{name}")
    return root


def test_every_file_has_its_outcome(two_runs):
    rows = json.loads((two_runs / "out1" / "ingest_report.json").read_text("utf-8"))
    got = {row["path"]: (row["status"], row["reason"]) for row in rows}
    assert sorted(got) == sorted(EXPECTED)
    for path, (status, reason_part) in EXPECTED.items():
        assert got[path][0] == status, (path, got[path])
        assert reason_part in got[path][1], (path, got[path])
        assert str(two_runs) not in got[path][1], "reasons hold paths relative to the corpus"


def test_nothing_from_outside_the_corpus_is_stored_indexed_or_quoted(two_runs):
    out = two_runs / "out1"
    with sqlite3.connect(out / "index" / "jane.sqlite") as db:
        texts = [row[0] for row in db.execute("SELECT text FROM pages")]
    assert texts and not any("OUTSIDE-THE-CORPUS" in t for t in texts)
    for path in out.rglob("*"):
        if path.is_file() and path.suffix != ".sqlite":
            assert OUTSIDE_MARKER.encode() not in path.read_bytes(), path


def test_no_brief_carries_a_raw_tag_from_a_document(two_runs):
    for path in (two_runs / "out1" / "briefs").glob("*"):
        if path.suffix in {".md", ".html"}:
            text = path.read_text("utf-8")
            assert "<script>alert" not in text and "<img src=x" not in text, path.name


def test_two_runs_write_byte_identical_outputs(two_runs):
    first, second = output_files(two_runs / "out1"), output_files(two_runs / "out2")
    assert any(name.startswith("index/bm25/") for name in first)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []
