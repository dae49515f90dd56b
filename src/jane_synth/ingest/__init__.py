"""Ingestion: discover corpus files and turn each into clean, page-cited text, or say why not.

Public API: :func:`discover` and :func:`scan_corpus` (discovery that never leaves the corpus),
:func:`ingest_file`, :class:`IngestLimits`, :class:`IngestError`; the format readers live in
:mod:`jane_synth.ingest.registry`; :func:`jane_synth.ingest.parallel.ingest_files` runs
:func:`ingest_file` on every core.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..records import DocumentMeta, IngestOutcome, IngestStatus, Page, ParsedDocument
from . import docx, html, markdown, pdf, text  # noqa: F401  (each registers its reader)
from .clean import clean_page_texts
from .discovery import (
    CorpusEntry,
    discover,
    entry_sha256,
    file_sha256,
    link_refusal,
    scan_corpus,
)
from .errors import IngestError
from .language import detect_language
from .limits import IngestLimits, limit_reason
from .metadata import build_meta, publisher_from_author, year_from_text
from .registry import Extracted, Review, reader_for, supported_suffixes
from .timeout import ParseTimeout, time_limit

__all__ = [
    "CorpusEntry",
    "IngestError",
    "IngestLimits",
    "discover",
    "entry_sha256",
    "file_sha256",
    "ingest_file",
    "quarantined",
    "scan_corpus",
    "supported_suffixes",
]

MIN_DOCUMENT_CHARS = 20

Result = tuple[IngestOutcome, ParsedDocument | None]


def quarantined(rel: str, reason: str, doc_id: str = "", pages: int = 0) -> IngestOutcome:
    """The outcome of a file that did not become a document."""
    return IngestOutcome(rel, "quarantined", reason, pages, 0, "", doc_id)


def _relative_reason(reason: str, path: Path, corpus_dir: Path | None, rel: str) -> str:
    """``reason`` with absolute paths of the file and its folder written relative to the corpus
    (parsers put them in their messages), so the report does not depend on where the corpus is."""
    folder = corpus_dir if corpus_dir is not None else path.parent
    swaps = {os.path.realpath(path): rel, os.path.abspath(path): rel, str(path): rel}
    for form in {os.path.realpath(folder), os.path.abspath(folder)}:
        swaps[form + os.sep] = ""
        swaps[form] = "."
    for absolute in sorted(swaps, key=len, reverse=True):
        reason = reason.replace(absolute, swaps[absolute])
    return reason


def _read(path: Path, limits: IngestLimits) -> bytes | str:
    """The file's bytes, or the reason they cannot be had."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return f"too large: {size} bytes (limit {limits.max_bytes})"
        return path.read_bytes()
    except OSError as exc:
        return f"unreadable file: {exc.strerror or exc}"


def _char_limits(pages: Sequence[str], limits: IngestLimits) -> None:
    """Raise :class:`IngestError` when a page or the document has more text than allowed."""
    for number, page in enumerate(pages, start=1):
        if len(page) > limits.max_page_chars:
            amount = f"page {number} has {len(page):,} characters"
            raise IngestError(limit_reason(amount, "max_page_chars", limits.max_page_chars))
    total = sum(map(len, pages))
    if total > limits.max_document_chars:
        amount = f"{total:,} characters of text"
        raise IngestError(limit_reason(amount, "max_document_chars", limits.max_document_chars))


def _meta(extracted: Extracted, path: Path) -> tuple[DocumentMeta, list[str]]:
    inferred = extracted.inferred
    return build_meta(
        dict(extracted.declared),
        path=path,
        inferred_title=inferred.title,
        inferred_year=inferred.year or year_from_text(inferred.title),
        inferred_publisher=publisher_from_author(inferred.publisher),
        default_doc_type=extracted.default_doc_type,
    )


def _document(
    doc_id: str, rel: str, fmt: str, meta: DocumentMeta, pages_text: list[str], warnings: list[str]
) -> Result:
    """The outcome and document of a file that was ingested."""
    total_chars = sum(len(t) for t in pages_text)
    language = meta.language or detect_language("\n".join(pages_text))
    if not meta.language:
        meta = DocumentMeta(**{**meta.__dict__, "language": language})
    pages = [Page(i, t) for i, t in enumerate(pages_text, start=1)]
    parsed = ParsedDocument(doc_id, rel, fmt, meta, pages, warnings)
    status: IngestStatus = "ingested_with_warnings" if warnings else "ingested"
    reason = "; ".join(warnings)
    return IngestOutcome(rel, status, reason, len(pages), total_chars, language, doc_id), parsed


def ingest_file(path: Path, corpus_dir: Path | None, limits: IngestLimits | None = None) -> Result:
    """Ingest one file. Never raises for bad input: the outcome says what happened and why.

    With ``corpus_dir``, a link whose target is outside that folder is quarantined unread.
    """
    limits = limits or IngestLimits()
    path = Path(path)
    rel = path.relative_to(corpus_dir).as_posix() if corpus_dir else path.name

    def quarantine(reason: str, doc_id: str = "", pages: int = 0) -> Result:
        return quarantined(
            rel, _relative_reason(reason, path, corpus_dir, rel), doc_id, pages
        ), None

    refused = link_refusal(path, corpus_dir) if corpus_dir is not None else ""
    reader = reader_for(path)
    if refused or reader is None:
        return quarantine(refused or f"unsupported type: {path.suffix or 'no extension'}")
    data = _read(path, limits)
    if isinstance(data, str):
        return quarantine(data)
    doc_id = file_sha256(data)
    if not data.strip():
        return quarantine("empty: the file has no content", doc_id)
    options = limits.read_options()
    try:
        with time_limit(limits.max_seconds):
            extracted = reader.read(path, data, options)
            _char_limits(extracted.pages, limits)
            pages_text = clean_page_texts(list(extracted.pages))
        meta, meta_warnings = _meta(extracted, path)
    except IngestError as exc:
        return quarantine(exc.reason, doc_id)
    except ParseTimeout:
        return quarantine(f"too slow: parsing took more than {limits.max_seconds:g} s", doc_id)
    except Exception as exc:  # a loader bug or an exotic file must not stop the run
        return quarantine(f"corrupt or unreadable structure: {type(exc).__name__}: {exc}", doc_id)
    details = extracted.details
    review = details.review(pages_text, options) if details is not None else Review()
    total_chars = sum(len(t) for t in pages_text)
    if not review.reason and total_chars < MIN_DOCUMENT_CHARS:
        detail = f"only {total_chars} characters of text" if total_chars else "no text"
        review = Review(f"empty: {detail}")
    if review.reason:
        return quarantine(review.reason, doc_id, len(pages_text))
    warnings = [*extracted.warnings, *meta_warnings, *review.warnings]
    return _document(doc_id, rel, reader.name, meta, pages_text, warnings)
