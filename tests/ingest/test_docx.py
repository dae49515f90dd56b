"""DOCX: the zip directory is checked before parsing; errors name no absolute path."""

from __future__ import annotations

import zipfile

import pytest

from jane_synth.ingest import IngestLimits, ingest_file
from jane_synth.ingest.docx import check_zip_directory
from jane_synth.ingest.errors import IngestError
from jane_synth.ingest.registry import ReadOptions
from tests.hostile_corpus import docx_bomb

NO_OCR = IngestLimits(ocr=False)


def test_a_bomb_over_the_size_limit_is_refused_before_parsing(tmp_path):
    path = docx_bomb(tmp_path / "bomb.docx", 8)
    with pytest.raises(IngestError) as caught:
        check_zip_directory(path.read_bytes(), ReadOptions(max_unzipped_bytes=4 * 1024 * 1024))
    assert caught.value.reason.startswith("too large: 8,3")
    assert caught.value.reason.endswith("bytes unzipped (limit max_unzipped_bytes = 4,194,304)")


def test_a_bomb_under_the_size_limit_is_refused_by_its_ratio(tmp_path):
    path = docx_bomb(tmp_path / "bomb.docx", 8)
    outcome, doc = ingest_file(path, tmp_path, NO_OCR)
    assert doc is None and outcome.status == "quarantined"
    assert outcome.reason.startswith("too large: compressed ")
    assert outcome.reason.endswith(" times (limit max_zip_ratio = 100)")


def test_the_same_bomb_parses_when_the_limits_allow_it(tmp_path):
    path = docx_bomb(tmp_path / "bomb.docx", 1)
    outcome, doc = ingest_file(path, tmp_path, IngestLimits(ocr=False, max_zip_ratio=1e6))
    assert outcome.status == "ingested", outcome.reason
    assert doc.pages[0].text.startswith("Networks of Expertise share patient data.")


@pytest.mark.parametrize(
    "content", [b"plain text renamed", b"PK\x03\x04 not a zip", b""], ids=["text", "pk", "empty"]
)
def test_a_file_that_is_no_docx_is_quarantined_without_absolute_paths(tmp_path, content):
    folder = tmp_path / "deep" / "corpus"
    folder.mkdir(parents=True)
    path = folder / "letter.docx"
    path.write_bytes(content or b"\n")
    outcome, _ = ingest_file(path, folder, NO_OCR)
    assert outcome.status == "quarantined"
    assert outcome.reason.startswith(("corrupt or unreadable", "empty"))
    assert str(tmp_path) not in outcome.reason


def test_a_zip_that_is_no_word_document_names_no_absolute_path(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    outcome, _ = ingest_file(path, tmp_path, NO_OCR)
    assert outcome.status == "quarantined"
    assert outcome.reason.startswith("corrupt or unreadable")
    assert str(tmp_path) not in outcome.reason
