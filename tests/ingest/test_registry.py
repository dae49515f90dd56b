"""Readers as registered parts: a new format is its own module plus one registration line, and
every registered reader passes the same contract on a small real file of its format."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jane_synth.ingest import IngestLimits, ingest_file, parallel
from jane_synth.ingest.parallel import ingest_files
from jane_synth.ingest.registry import (
    Extracted,
    Inferred,
    ReadOptions,
    reader_for,
    readers,
    register,
    supported_suffixes,
    unregister,
)
from tests.ingest.test_ingest import LINES, text_pdf

NO_OCR = IngestLimits(ocr=False)
SENTENCE = "Virtual expert panels discuss complex cases without moving the patient."


class CsvFormat:
    """A tiny reader, as a new format module would define it: each row becomes a line."""

    name = "csv"
    suffixes = (".csv",)
    warmed = 0

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Extracted:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        text = "\n".join(" | ".join(cell.strip() for cell in row) for row in rows)
        return Extracted((text,), inferred=Inferred(title=" ".join(rows[0])))

    def warm_up(self) -> None:
        type(self).warmed += 1


@pytest.fixture
def csv_format() -> Iterator[CsvFormat]:
    reader = CsvFormat()
    register(reader)  # the one registration line
    yield reader
    unregister("csv")


def write_csv(path: Path) -> Path:
    path.write_text("network,members\nERN EURACAN,66 centres in 18 countries\n", "utf-8")
    return path


def test_a_registered_reader_ingests_its_files(tmp_path, csv_format):
    path = write_csv(tmp_path / "members.csv")
    assert supported_suffixes()[".csv"] == "csv"
    assert reader_for(tmp_path / "MEMBERS.CSV") is csv_format
    outcome, doc = ingest_file(path, tmp_path, NO_OCR)
    assert outcome.status == "ingested", outcome.reason
    assert doc.source_format == "csv" and doc.meta.title == "network members"
    assert doc.pages[0].text == "network | members\nERN EURACAN | 66 centres in 18 countries"


def test_a_registered_reader_works_in_the_worker_pool_and_is_warmed_up(tmp_path, csv_format):
    paths = [write_csv(tmp_path / f"m{i}.csv") for i in range(3)]
    before = CsvFormat.warmed
    parallel.warm_up(paths)
    assert CsvFormat.warmed == before + 1  # once per format, not per file
    results = list(ingest_files(paths, tmp_path, NO_OCR, workers=2))
    assert [o.status for _, o, _ in results] == ["ingested"] * 3


def test_without_its_reader_a_format_is_unsupported(tmp_path):
    path = write_csv(tmp_path / "members.csv")
    assert ".csv" not in supported_suffixes()
    outcome, _ = ingest_file(path, tmp_path, NO_OCR)
    assert outcome.reason == "unsupported type: .csv"


def test_a_suffix_belongs_to_one_reader(csv_format):
    class Other(CsvFormat):
        name = "other"

    with pytest.raises(ValueError, match=r"\.csv already read by 'csv'"):
        register(Other())
    assert "other" not in readers()


def test_the_built_in_formats_and_their_suffixes():
    assert supported_suffixes() == {
        ".docx": "docx",
        ".htm": "html",
        ".html": "html",
        ".markdown": "markdown",
        ".md": "markdown",
        ".pdf": "pdf",
        ".txt": "text",
    }


# -- the contract every registered reader keeps -------------------------------------------------


def _pdf(path: Path) -> None:
    text_pdf(path, [LINES])


def _html(path: Path) -> None:
    path.write_text(
        "<html><head><title>Panels</title></head><body><nav>Home</nav><main><article>"
        f"<h1>Panels</h1><p>{SENTENCE} {LINES[0]}</p></article></main></body></html>",
        "utf-8",
    )


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Panels"
    document.add_paragraph(SENTENCE)
    document.add_paragraph(LINES[2])
    document.save(str(path))


def _markdown(path: Path) -> None:
    path.write_text(f"# Panels\n\n{SENTENCE} *{LINES[2]}*\n", "utf-8")


def _text(path: Path) -> None:
    path.write_text(f"{SENTENCE}\n{LINES[2]}\n", "utf-8")


SAMPLES: dict[str, Callable[[Path], None]] = {
    "pdf": _pdf,
    "html": _html,
    "docx": _docx,
    "markdown": _markdown,
    "text": _text,
}


def test_every_registered_reader_has_a_sample_here():
    assert set(readers()) == set(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_reader_contract(tmp_path, name):
    reader = readers()[name]
    assert reader.suffixes and all(s.startswith(".") and s == s.lower() for s in reader.suffixes)
    path = tmp_path / f"sample{reader.suffixes[0]}"
    SAMPLES[name](path)
    assert reader_for(path) is reader

    extracted = reader.read(path, path.read_bytes(), NO_OCR.read_options())
    assert isinstance(extracted, Extracted)
    assert extracted.pages and all(isinstance(p, str) for p in extracted.pages)
    assert "expert panels" in " ".join(" ".join(p.split()) for p in extracted.pages)
    assert isinstance(extracted.warnings, tuple)

    outcome, doc = ingest_file(path, tmp_path, NO_OCR)
    assert outcome.status == "ingested", outcome.reason
    assert doc.source_format == name and outcome.pages == len(extracted.pages)
    assert outcome.language == "en"
    warm_up = getattr(reader, "warm_up", None)
    assert warm_up is None or warm_up() is None


def test_listing_the_formats_loads_no_parser():
    """The build script asks for the suffixes: that must not import pypdf, docx or trafilatura."""
    import subprocess
    import sys

    code = (
        "import sys; from jane_synth.ingest.registry import supported_suffixes; "
        "assert supported_suffixes()['.pdf'] == 'pdf'; "
        "print(sorted(m for m in ('pypdf', 'docx', 'trafilatura') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_spawned_workers_know_readers_registered_at_run_time(tmp_path, csv_format, monkeypatch):
    """A spawned worker imports the library afresh: readers registered outside it (a plug-in,
    this test) reach it through the pool's initializer."""
    import multiprocessing

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    paths = [write_csv(tmp_path / f"s{i}.csv") for i in range(2)]
    results = list(ingest_files(paths, tmp_path, NO_OCR, workers=2))
    assert [o.status for _, o, _ in results] == ["ingested"] * 2
