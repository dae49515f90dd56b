"""AES-encrypted PDFs: readable with an empty user password, quarantined as encrypted otherwise.

The files are written in the test by pypdf (AES needs ``pypdf[crypto]``, a project dependency).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from jane_synth.ingest import IngestLimits, ingest_file

LINES = [
    "European Reference Networks connect expert centres across Member States.",
    "Virtual expert panels discuss complex cases without moving the patient.",
]


def _encrypted(path: Path, algorithm: str, user_password: str) -> Path:
    plain = path.with_suffix(".plain.pdf")
    c = canvas.Canvas(str(plain), pagesize=A4, invariant=1)
    for i, line in enumerate(LINES):
        c.drawString(72, A4[1] - 90 - 16 * i, line)
    c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=user_password, owner_password="x", algorithm=algorithm)
    with path.open("wb") as fh:
        writer.write(fh)
    plain.unlink()
    return path


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-256-R5", "AES-128"])
def test_aes_pdf_with_an_empty_user_password_is_decrypted_and_ingested(
    tmp_path: Path, algorithm: str
) -> None:
    path = _encrypted(tmp_path / "open.pdf", algorithm, user_password="")
    assert PdfReader(path).is_encrypted
    outcome, doc = ingest_file(path, tmp_path, IngestLimits(ocr=False))
    assert doc is not None, outcome.reason
    assert outcome.status == "ingested_with_warnings"
    assert "encrypted with an empty user password; decrypted" in outcome.reason
    assert "Virtual expert panels" in doc.pages[0].text


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128"])
def test_aes_pdf_that_needs_a_password_is_quarantined_as_encrypted(
    tmp_path: Path, algorithm: str
) -> None:
    path = _encrypted(tmp_path / "secret.pdf", algorithm, user_password="secret")
    outcome, doc = ingest_file(path, tmp_path, IngestLimits(ocr=False))
    assert doc is None
    assert outcome.status == "quarantined"
    assert outcome.reason.startswith("encrypted"), outcome.reason
    assert "cryptography" not in outcome.reason
    assert outcome.doc_id
