"""OCR of pages without a text layer, when the ``tesseract`` command is installed."""

from __future__ import annotations

import pytest

from jane_synth.ingest import IngestLimits, ingest_file
from jane_synth.ingest.ocr import ocr_languages, tesseract_path
from tests.conftest import SHARED_DATA
from tests.ingest.test_ingest import LINES, image_pdf, picture

needs_tesseract = pytest.mark.skipif(
    tesseract_path() is None, reason="tesseract is not installed (apt-get install tesseract-ocr)"
)
EDGE = SHARED_DATA / "edge_pdfs"


@needs_tesseract
def test_scanned_page_is_ocrd_and_marked(tmp_path):
    path = image_pdf(tmp_path / "scan.pdf", [picture("Reference Networks share care")])
    outcome, doc = ingest_file(path, tmp_path, IngestLimits())
    assert outcome.status == "ingested_with_warnings"
    assert outcome.reason == "OCR on page(s) 1"
    assert "Reference Networks" in doc.pages[0].text


@needs_tesseract
def test_only_pages_without_text_are_ocrd(tmp_path):
    images = [None, picture("Scanned annex about funding"), picture()]
    path = image_pdf(tmp_path / "mixed.pdf", images, text_pages={1: LINES})
    outcome, doc = ingest_file(path, tmp_path, IngestLimits())
    assert outcome.reason == "OCR on page(s) 2; no text layer on page(s) 3"
    assert doc.pages[0].text.startswith(LINES[0])
    assert "annex" in doc.pages[1].text


@needs_tesseract
def test_ocr_page_limit_leaves_further_pages_without_text(tmp_path):
    images = [picture("First scanned page text"), picture("Second scanned page text")]
    path = image_pdf(tmp_path / "scan.pdf", images)
    outcome, _ = ingest_file(path, tmp_path, IngestLimits(max_ocr_pages=1))
    assert outcome.reason == "OCR on page(s) 1; no text layer on page(s) 2"


@needs_tesseract
@pytest.mark.skipif(not EDGE.is_dir(), reason="shared edge PDFs not available")
def test_picture_without_words_still_says_no_text_layer():
    path = EDGE / "019-grayscale-image__grayscale-image.pdf"
    outcome, _ = ingest_file(path, EDGE, IngestLimits())
    assert outcome.status == "quarantined"
    assert outcome.reason == "no text layer (1 page(s) of images without text; OCR found no text)"


@needs_tesseract
def test_ocr_languages_fall_back_to_installed_ones(monkeypatch):
    monkeypatch.setenv("JANE_OCR_LANGS", "xxx+eng")
    assert ocr_languages(tesseract_path()) == "eng"


def test_without_tesseract_the_reason_stays_no_text_layer(tmp_path, monkeypatch):
    from jane_synth.ingest import ocr

    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)
    path = image_pdf(tmp_path / "scan.pdf", [picture("Reference Networks share care")])
    outcome, doc = ingest_file(path, tmp_path, IngestLimits())
    assert doc is None
    assert outcome.reason == (
        "no text layer (1 page(s) of images without text; OCR not available: install tesseract-ocr)"
    )
