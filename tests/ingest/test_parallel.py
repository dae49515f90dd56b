"""Parallel ingest: same results as one process, in input order, and crashes cost one file."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from jane_synth.ingest import IngestLimits, ingest_file, parallel
from jane_synth.ingest.parallel import default_workers, ingest_files
from tests.ingest.test_ingest import LINES, text_pdf

NO_OCR = IngestLimits(ocr=False)


def small_corpus(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(5):
        pages = [[f"{line} File {i}, page {p}." for line in LINES] for p in range(i + 1)]
        paths.append(text_pdf(folder / f"doc-{i}.pdf", pages))
    (folder / "note.md").write_text("# Note\n\n" + " ".join(LINES), "utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nbroken")
    return sorted(folder.iterdir())


def test_pool_results_equal_serial_results_in_input_order(tmp_path):
    paths = small_corpus(tmp_path / "c")
    pooled = list(ingest_files(paths, tmp_path / "c", NO_OCR, workers=2))
    serial = [(p, *ingest_file(p, tmp_path / "c", NO_OCR)) for p in paths]
    assert [p for p, _, _ in pooled] == paths
    assert [o for _, o, _ in pooled] == [o for _, o, _ in serial]
    assert [d.pages if d else None for _, _, d in pooled] == [
        d.pages if d else None for _, _, d in serial
    ]


def test_one_file_is_ingested_in_this_process(tmp_path, monkeypatch):
    paths = [p for p in small_corpus(tmp_path / "c") if p.name == "doc-0.pdf"]

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for one file")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    ((path, outcome, _),) = ingest_files(paths, tmp_path / "c", NO_OCR, workers=2)
    assert path == paths[0] and outcome.status == "ingested"


def test_default_workers_reads_the_environment(monkeypatch):
    monkeypatch.setenv(parallel.ENV_WORKERS, "3")
    assert default_workers() == 3
    monkeypatch.delenv(parallel.ENV_WORKERS)
    assert default_workers() >= 1


def crash_on_doc_2(path, corpus_dir, limits):
    """A worker that dies like a segfaulting parser on one file."""
    if path.endswith("doc-2.pdf"):
        os._exit(1)
    return ingest_file(Path(path), Path(corpus_dir), limits)


def test_a_crashing_file_is_quarantined_and_the_others_are_ingested(tmp_path, monkeypatch):
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the patched worker reaches the pool only through fork")
    # Other tests may have left threads behind, which makes the pool prefer forkserver.
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    paths = small_corpus(tmp_path / "c")
    monkeypatch.setattr(parallel, "_work", crash_on_doc_2)
    results = {p.name: o for p, o, _ in ingest_files(paths, tmp_path / "c", NO_OCR, workers=2)}
    assert results["doc-2.pdf"].status == "quarantined"
    assert results["doc-2.pdf"].reason == (
        "corrupt or unreadable structure: the parser crashed on this file"
    )
    assert all(
        o.status == "ingested"
        for name, o in results.items()
        if name.startswith("doc-") and name != "doc-2.pdf"
    )
    assert results["broken.pdf"].status == "quarantined"
