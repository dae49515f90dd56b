"""The command line (scripts/build_corpus/cli.py and __main__.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from scripts.build_corpus.cli import main
from tests.build_corpus.helpers import REPO, all_kinds, long_body, write_source
from tests.build_corpus.test_build import digests

pytest.importorskip("pypdf")
pytest.importorskip("reportlab")
pytest.importorskip("docx")


def test_check_and_build_exit_codes(tmp_path, capsys):
    write_source(tmp_path, "doc", long_body(2))
    assert main(["--check", "--corpus", str(tmp_path)]) == 1
    assert "out of date: doc.pdf: missing" in capsys.readouterr().err
    assert main(["--corpus", str(tmp_path), "-q"]) == 0
    assert "built 1 documents, 0 problem(s)" in capsys.readouterr().out
    assert main(["--check", "--corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out  # a check prints only sources with something to say
    assert out == "doc.pdf: rendered\n  warning: report layout has a single page\n" + (
        "1 generated documents up to date\n"
    )


def test_only(tmp_path):
    write_source(tmp_path, "a", long_body(1))
    write_source(tmp_path, "b", long_body(1))
    assert main(["--corpus", str(tmp_path), "--only", "b", "-q"]) == 0
    assert (tmp_path / "b.pdf").exists() and not (tmp_path / "a.pdf").exists()
    assert main(["--corpus", str(tmp_path), "--only", "nope", "-q"]) == 2


@pytest.mark.parametrize(
    "command",
    [["scripts/build_corpus"], ["-m", "scripts.build_corpus"]],
    ids=["folder", "module"],
)
def test_deterministic_across_processes(tmp_path, command):
    """Both ways of running the package give the bytes of an in-process build."""
    all_kinds(tmp_path)
    assert main(["--corpus", str(tmp_path), "-q"]) == 0
    before = digests(tmp_path)
    for p in tmp_path.iterdir():
        if p.is_file():
            p.unlink()
    run = subprocess.run(
        [sys.executable, *command, "--corpus", str(tmp_path), "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert digests(tmp_path) == before
