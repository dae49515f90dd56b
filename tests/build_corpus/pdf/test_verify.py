"""The pypdf round trip (scripts/build_corpus/pdf/verify.py)."""

from __future__ import annotations

import pytest

from tests.build_corpus.helpers import long_body, write_source

pytest.importorskip("pypdf")
pytest.importorskip("reportlab")

from scripts.build_corpus.pdf.render import render_pdf
from scripts.build_corpus.pdf.verify import split_sentences, verify_pdf
from scripts.build_corpus.source import read_source


def test_verify_pdf_detects_missing_text(tmp_path):
    write_source(tmp_path, "doc", long_body(2))
    result = render_pdf(read_source(tmp_path / "_sources" / "doc.md"))
    assert verify_pdf(result) == []
    key = next(iter(result.texts))
    result.texts[key] = "A sentence that was never rendered."
    assert verify_pdf(result) == [
        f"{key} (page 1): not extracted verbatim: 'A sentence that was never rendered.'"
    ]
    result.placements.pop(key)
    assert verify_pdf(result) == [f"{key}: never drawn: 'A sentence that was never rendered.'"]
    result.furniture[0] = ["Another header", "", "Page 1 of 2"]
    assert "page 1: header/footer text not found" in verify_pdf(result)[0]


def test_split_sentences():
    assert split_sentences("One. Two? (Three) 4 items: € 5.") == [
        "One.",
        "Two?",
        "(Three) 4 items:",
        "€ 5.",
    ]
