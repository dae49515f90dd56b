"""The shared edge-case PDFs (py-pdf sample files) and real PDFs: every file gets an outcome.

Read in place from ``../shared/data`` next to the repository; skipped when it is absent.
"""

from __future__ import annotations

import json
import re

import pytest

from jane_synth.config import OutputLayout
from jane_synth.ingest import IngestLimits, discover
from jane_synth.ingest.parallel import ingest_files
from jane_synth.pipeline import sync_documents
from jane_synth.store import Store
from tests.conftest import SHARED_DATA

SHARED = SHARED_DATA
EDGE = SHARED / "edge_pdfs"
REAL = SHARED / "real_pdfs"

needs_edge = pytest.mark.skipif(not EDGE.is_dir(), reason="shared edge PDFs not available")
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="shared real PDFs not available")

IMAGE_ONLY = [
    "007-imagemagick-images__imagemagick-CCITTFaxDecode.pdf",
    "007-imagemagick-images__imagemagick-images.pdf",
    "019-grayscale-image__grayscale-image.pdf",
]


@pytest.fixture(scope="module")
def edge_outcomes():
    """Outcomes of every PDF in the edge folder, through the parallel ingest path."""
    paths = [p for p in discover(EDGE) if p.suffix == ".pdf"]
    return {o.path: (o, doc) for _, o, doc in ingest_files(paths, EDGE, IngestLimits())}


@needs_edge
def test_every_edge_pdf_gets_an_outcome(edge_outcomes):
    assert len(edge_outcomes) == 13
    for outcome, doc in edge_outcomes.values():
        assert outcome.status in {"ingested", "ingested_with_warnings", "quarantined"}
        assert (doc is None) == (outcome.status == "quarantined")
        if outcome.status != "ingested":
            assert outcome.reason


@needs_edge
def test_password_protected_edge_pdf_says_encrypted(edge_outcomes):
    outcome, _ = edge_outcomes["005-libreoffice-writer-password__libreoffice-writer-password.pdf"]
    assert outcome.status == "quarantined"
    assert outcome.reason == "encrypted: the empty password failed"


@needs_edge
@pytest.mark.parametrize("name", IMAGE_ONLY)
def test_image_only_edge_pdfs_say_no_text_layer_or_are_ocrd(edge_outcomes, name):
    outcome, _ = edge_outcomes[name]
    ocrd = outcome.status != "quarantined" and "OCR on page" in outcome.reason
    assert ocrd or outcome.reason.startswith("no text layer"), outcome.reason


@needs_edge
def test_edge_pdf_with_unreadable_metadata_and_page_tree_is_recovered(edge_outcomes):
    # The page tree points at an object that does not exist, and so does the info dictionary:
    # pages are recovered by scanning the file's objects (strict=False alone is not enough).
    outcome, doc = edge_outcomes["017-unreadable-meta-data__unreadablemetadata.pdf"]
    assert outcome.status == "ingested_with_warnings"
    assert "broken page tree" in outcome.reason
    assert "unreadable document metadata" in outcome.reason
    assert "Wirewound" in doc.pages[0].text
    assert outcome.language == "en"


@needs_edge
def test_edge_pdfs_with_little_text_are_labelled_honestly(edge_outcomes):
    forms, _ = edge_outcomes["010-pdflatex-forms__pdflatex-forms.pdf"]
    assert forms.status == "quarantined" and forms.reason.startswith("empty: only")
    arabic, doc = edge_outcomes["015-arabic__habibi-rotated.pdf"]
    assert arabic.status == "ingested" and arabic.language == "ar"
    assert all("habibi" in p.text for p in doc.pages)


@needs_edge
def test_edge_long_german_document_is_ingested_in_german(edge_outcomes):
    outcome, doc = edge_outcomes["009-pdflatex-geotopo__GeoTopo-komprimiert.pdf"]
    assert outcome.status == "ingested" and outcome.pages == 117
    assert outcome.language == "de"
    # Running heads such as "8 1.2. METRISCHE RÄUME" are gone from the pages.
    first_lines = [p.text.split("\n")[0] for p in doc.pages[10:40]]
    assert not [line for line in first_lines if re.match(r"^\d+ \d+\.\d+\. [A-ZÄÖÜ ]+$", line)]


@needs_edge
def test_sync_over_the_edge_folder_reports_every_file(tmp_path):
    layout = OutputLayout(tmp_path / "out")
    with Store(layout.database) as store:
        sync_documents(store, EDGE, layout, IngestLimits(ocr=False))
    rows = json.loads(layout.ingest_report.read_text())
    on_disk = sorted(p.relative_to(EDGE).as_posix() for p in discover(EDGE))
    assert [r["path"] for r in rows] == on_disk
    assert sum(r["path"].endswith(".pdf") for r in rows) == 13


@needs_real
def test_real_pdfs_are_all_ingested_and_the_french_toolkit_is_french():
    paths = [p for p in discover(REAL) if p.suffix == ".pdf"]
    results = {o.path: o for _, o, _ in ingest_files(paths, REAL, IngestLimits(ocr=False))}
    assert len(results) == 19
    assert all(o.status != "quarantined" for o in results.values())
    assert results["by_covid_elixir/By-COVID_Educational_Toolkit_FR-PDF.pdf"].language == "fr"
    assert results["by_covid_elixir/By-COVID_Educational_Toolkit_EN-PDF.pdf"].language == "en"
