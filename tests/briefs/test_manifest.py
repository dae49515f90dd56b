"""The run manifest: its fields, ``manifest.json``, and briefs that differ only by the date."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from importlib import metadata

from jane_synth.briefs.manifest import (
    files_by_status,
    make_manifest,
    package_versions,
    run_date,
    write_manifest,
)
from jane_synth.briefs.renderers import get_renderer, renderers
from jane_synth.records import IngestOutcome
from tests.briefs.renderers.text_of import docx_lines, markdown_lines
from tests.briefs.sample import graded_brief, sample_manifest

FIELDS = [
    "corpus_fingerprint", "documents", "files_by_status", "embedding_model",
    "embedding_weights_sha256", "embedding_backend", "packages", "selector", "run_date",
]  # fmt: skip


def _outcome(path: str, status: str) -> IngestOutcome:
    return IngestOutcome(path, status, "", 1, 10, "en", path)  # type: ignore[arg-type]


def test_files_are_counted_by_every_status():
    outcomes = [_outcome("a", "ingested"), _outcome("b", "quarantined"), _outcome("c", "ingested")]
    assert files_by_status(outcomes) == (
        ("ingested", 2), ("ingested_with_warnings", 0), ("quarantined", 1)
    )  # fmt: skip


def test_versions_and_date():
    versions = dict(package_versions(("numpy", "no-such-package-here")))
    assert versions == {"numpy": metadata.version("numpy"), "no-such-package-here": "not installed"}
    when = dt.datetime(2026, 3, 4, 5, 6, 7, 890, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert run_date(when) == "2026-03-04T04:06:07Z"


def test_make_manifest_has_every_field_and_writes_json(tmp_path):
    manifest = make_manifest(
        corpus_fingerprint="abc", documents=3, outcomes=[_outcome("a", "ingested")],
        embedding=("all-MiniLM-L6-v2", "9" * 64), selector={"threshold": 0.5, "cap": None},
        now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    data = json.loads(write_manifest(manifest, tmp_path / "manifest.json").read_text())
    assert list(data) == FIELDS
    assert data["selector"] == {"threshold": "0.5", "cap": "None"}
    assert data["files_by_status"]["ingested"] == 1 and data["run_date"] == "2026-01-01T00:00:00Z"
    assert {"torch", "numpy", "sentence-transformers", "python-docx"} <= set(data["packages"])


def test_every_format_shows_the_manifest():
    brief = replace(graded_brief(), manifest=sample_manifest())
    md = markdown_lines(get_renderer("markdown").render(brief))
    assert "Run manifest" in md and "Run date: 2026-01-02T03:04:05Z" in md
    assert "Files by status: ingested 11, ingested_with_warnings 0, quarantined 1" in md
    assert docx_lines(get_renderer("docx").render(brief)) == md
    page = get_renderer("html").render(brief).decode()
    assert "<li>Run date: 2026-01-02T03:04:05Z</li>" in page and "<script>" not in page
    data = json.loads(get_renderer("json").render(brief))
    assert list(data["manifest"]) == FIELDS and data["manifest"]["documents"] == 12


def test_two_runs_differ_only_by_the_date():
    first = replace(graded_brief(), manifest=sample_manifest("2026-01-02T03:04:05Z"))
    second = replace(graded_brief(), manifest=sample_manifest("2027-11-12T13:14:15Z"))
    for r in renderers():
        a, b = r.render(first), r.render(second)
        assert a != b and r.render(first) == a, r.name
        if r.name == "docx":
            a_lines, b_lines = docx_lines(a), docx_lines(b)
            assert [x.replace("2026-01-02T03:04:05Z", "D") for x in a_lines] == [
                x.replace("2027-11-12T13:14:15Z", "D") for x in b_lines
            ]
        else:
            assert a.replace(b"2026-01-02T03:04:05Z", b"D") == b.replace(
                b"2027-11-12T13:14:15Z", b"D"
            )
