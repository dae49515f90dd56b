"""Limits on characters: a file over a limit is quarantined with a reason naming the limit."""

from __future__ import annotations

from jane_synth.ingest import IngestLimits, ingest_file
from jane_synth.ingest.__init__ import _relative_reason
from jane_synth.ingest.limits import limit_reason
from tests.ingest.test_ingest import LINES, text_pdf


def test_a_page_over_the_characters_limit_is_quarantined(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(" ".join(LINES) * 3, "utf-8")
    n = len(path.read_text("utf-8"))
    outcome, doc = ingest_file(path, tmp_path, IngestLimits(ocr=False, max_page_chars=100))
    assert doc is None and outcome.status == "quarantined"
    assert outcome.reason == f"too large: page 1 has {n:,} characters (limit max_page_chars = 100)"


def test_a_document_over_the_characters_limit_is_quarantined(tmp_path):
    path = text_pdf(tmp_path / "three.pdf", [LINES, LINES, LINES])
    limits = IngestLimits(ocr=False, max_document_chars=300)
    outcome, doc = ingest_file(path, tmp_path, limits)
    assert doc is None and outcome.status == "quarantined"
    assert outcome.reason.startswith("too large: ")
    assert outcome.reason.endswith(" characters of text (limit max_document_chars = 300)")
    outcome, _ = ingest_file(path, tmp_path, IngestLimits(ocr=False))
    assert outcome.status == "ingested"


def test_limit_reasons_show_the_limit_by_name_and_value():
    assert limit_reason("5 things", "max_things", 1_000_000) == (
        "too large: 5 things (limit max_things = 1,000,000)"
    )
    assert (
        limit_reason("ratio 3.5", "max_ratio", 2.5)
        == "too large: ratio 3.5 (limit max_ratio = 2.5)"
    )


def test_reasons_name_files_relative_to_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    path = corpus / "sub" / "a.docx"
    reason = f"Package not found at '{path}'; see {corpus}/other.docx and {corpus}"
    assert _relative_reason(reason, path, corpus, "sub/a.docx") == (
        "Package not found at 'sub/a.docx'; see other.docx and ."
    )
