"""Build and check (scripts/build_corpus/build.py)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from scripts.build_corpus.build import build, check, zip_members
from tests.build_corpus.helpers import all_kinds, build_ok, long_body, write_source

pytest.importorskip("pypdf")
pytest.importorskip("reportlab")
pytest.importorskip("docx")


def digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "README.md"
    }


def test_deterministic_build(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    all_kinds(one)
    all_kinds(two)
    build_ok(one)
    build_ok(two, only=["e-doc", "d-flyer"])  # a different order of rendering in this process
    build_ok(two)
    first = digests(one)
    assert len(first) == 10
    assert first == digests(two)


def test_check_mode(tmp_path):
    write_source(tmp_path, "doc", long_body(2))
    write_source(tmp_path, "word", long_body(2), fmt="docx", layout=None)
    (tmp_path / "README.md").write_text("# Corpus\n\nIntro.\n", encoding="utf-8")
    assert check(tmp_path)  # nothing built yet
    assert not (tmp_path / "doc.pdf").exists()  # check never writes
    build_ok(tmp_path)
    assert check(tmp_path) == []
    source = tmp_path / "_sources" / "doc.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8"
    )
    problems = check(tmp_path)
    assert problems == ["doc.pdf: differs from its source", "README.md: document table out of date"]
    build_ok(tmp_path)
    sidecar = tmp_path / "doc.pdf.meta.yaml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert check(tmp_path) == ["doc.pdf.meta.yaml: differs from its source"]
    sidecar.unlink()
    assert check(tmp_path) == ["doc.pdf.meta.yaml: missing"]
    build_ok(tmp_path)
    (tmp_path / "_sources" / "word.md").unlink()
    assert "word.docx: generated output without a source" in check(tmp_path)


def test_broken_source_is_reported(tmp_path):
    write_source(tmp_path, "ok", long_body(1))
    bad = tmp_path / "_sources" / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\n\n# T\n", encoding="utf-8")
    report = build(tmp_path)
    assert len(report.errors) == 1 and report.errors[0].startswith("bad.md")
    assert (tmp_path / "ok.pdf").exists()


def test_metadata_problems_are_warnings(tmp_path):
    write_source(tmp_path, "doc", long_body(2), doc_type="memo")
    report = build_ok(tmp_path)
    assert any(w.startswith("metadata: doc_type 'memo'") for w in report.built[0].warnings)


def test_docx_check_ignores_the_deflate_bytes(tmp_path):
    write_source(tmp_path, "word", long_body(2), fmt="docx", layout=None)
    build_ok(tmp_path)
    path = tmp_path / "word.docx"
    members = zip_members(path.read_bytes())
    buffer = io.BytesIO()  # the same members, deflated differently (as another zlib would)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, stamp, data in members:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data, compresslevel=1)
    assert buffer.getvalue() != path.read_bytes()
    path.write_bytes(buffer.getvalue())
    assert check(tmp_path) == []
    path.write_bytes(b"not a zip")
    assert check(tmp_path) == ["word.docx: differs from its source"]
