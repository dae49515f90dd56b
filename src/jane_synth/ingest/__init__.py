"""Ingestion: discover corpus files and turn each into clean, page-cited text, or say why not.

Public API: :func:`discover`, :func:`ingest_file`, :class:`IngestLimits`, :class:`IngestError`;
:func:`jane_synth.ingest.parallel.ingest_files` runs :func:`ingest_file` on every core.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..records import DocumentMeta, IngestOutcome, Page, ParsedDocument
from .clean import clean_page_texts
from .errors import IngestError
from .language import detect_language
from .metadata import (
    SIDECAR_SUFFIX,
    build_meta,
    read_sidecar,
    split_front_matter,
    year_from_text,
)
from .timeout import ParseTimeout, time_limit

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "IngestLimits",
    "discover",
    "file_sha256",
    "ingest_file",
]

SUPPORTED_SUFFIXES = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}
_DEFAULT_DOC_TYPE = {"html": "webpage"}
MIN_DOCUMENT_CHARS = 20
MIN_PAGE_CHARS = 20


@dataclass(frozen=True)
class IngestLimits:
    """Files beyond these limits are quarantined as too large; OCR settings for scanned pages."""

    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 2000
    ocr: bool = True
    """OCR pages without a text layer when ``tesseract`` is on the PATH."""
    max_ocr_pages: int = 50
    """At most this many pages of one document are OCR'd (Tesseract takes seconds a page)."""
    max_seconds: float = 300.0
    """Parsing one file longer than this quarantines it (a file that sends a parser into a loop
    must not stall the run); 0 for no limit."""


def discover(corpus_dir: Path) -> list[Path]:
    """Every candidate document below ``corpus_dir``, sorted.

    Skipped: hidden files, anything under a folder starting with ``_`` or ``.``, metadata
    sidecars, and the corpus's own ``README.md``.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    found = []
    for path in corpus_dir.rglob("*"):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith((".", "_")) for part in rel.parts):
            continue
        if not path.is_file() or path.name.endswith(SIDECAR_SUFFIX):
            continue
        if rel.as_posix().lower() in {"readme.md", "readme"}:
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(corpus_dir).as_posix())


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _extract(path: Path, fmt: str, data: bytes, limits: IngestLimits):
    """Raw page texts, declared metadata, inferred metadata and the PDF details for one file."""
    warnings: list[str] = []
    inferred: dict = {}
    if fmt == "pdf":
        from .ocr import tesseract_path
        from .pdf import read_pdf

        ocr = limits.ocr and tesseract_path() is not None
        raw = read_pdf(
            path, max_pages=limits.max_pages, ocr=ocr, max_ocr_pages=limits.max_ocr_pages
        )
        warnings += raw.warnings
        inferred = {"title": raw.title, "publisher": raw.author, "year": raw.creation_year}
        return raw.pages, read_sidecar(path), inferred, warnings, raw

    if fmt == "docx":
        from .docx import read_docx

        text, title, author = read_docx(path)
        inferred = {"title": title, "publisher": author}
        return [text], read_sidecar(path), inferred, warnings, None

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        warnings.append("not valid UTF-8; decoded as Latin-1")

    if fmt == "html":
        from .html import extract_html, html_title

        inferred = {"title": html_title(text)}
        return [extract_html(text)], read_sidecar(path), inferred, warnings, None

    from .text import first_heading, markdown_to_text

    declared, body, _ = split_front_matter(text)
    declared = {**read_sidecar(path), **declared}
    inferred = {"title": first_heading(body) if fmt == "markdown" else ""}
    page = markdown_to_text(body) if fmt == "markdown" else body
    return [page], declared, inferred, warnings, None


def _pdf_page_warnings(raw, pages_text: list[str]) -> list[str]:
    """Warnings about OCR'd pages and pages left without a text layer."""
    from .pdf import page_ranges

    warnings = []
    if raw.ocr_pages:
        warnings.append(f"OCR on page(s) {page_ranges(raw.ocr_pages)}")
    blank = [n for n in raw.image_pages if len(pages_text[n - 1]) < MIN_PAGE_CHARS]
    if blank:
        warnings.append(f"no text layer on page(s) {page_ranges(blank)}")
    return warnings


def _no_text_layer_reason(raw, n_pages: int, limits: IngestLimits) -> str:
    from .ocr import tesseract_path

    if not limits.ocr:
        how = "OCR turned off"
    elif tesseract_path() is None:
        how = "OCR not available: install tesseract-ocr"
    elif raw.ocr_tried < len(raw.image_pages):
        how = f"OCR stopped at the limit of {limits.max_ocr_pages} page(s)"
    else:
        how = "OCR found no text"
    return f"no text layer ({n_pages} page(s) of images without text; {how})"


def ingest_file(
    path: Path, corpus_dir: Path | None, limits: IngestLimits | None = None
) -> tuple[IngestOutcome, ParsedDocument | None]:
    """Ingest one file. Never raises for bad input: the outcome says what happened and why."""
    limits = limits or IngestLimits()
    path = Path(path)
    rel = path.relative_to(corpus_dir).as_posix() if corpus_dir else path.name

    def quarantine(reason: str, doc_id: str = "", pages: int = 0) -> tuple[IngestOutcome, None]:
        return IngestOutcome(rel, "quarantined", reason, pages, 0, "", doc_id), None

    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        return quarantine(f"unsupported type: {path.suffix or 'no extension'}")
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return quarantine(f"too large: {size} bytes (limit {limits.max_bytes})")
        data = path.read_bytes()
    except OSError as exc:
        return quarantine(f"unreadable file: {exc.strerror or exc}")
    doc_id = file_sha256(data)
    if not data.strip():
        return quarantine("empty: the file has no content", doc_id)

    try:
        with time_limit(limits.max_seconds):
            raw_pages, declared, inferred, warnings, raw_pdf = _extract(path, fmt, data, limits)
            pages_text = clean_page_texts(raw_pages)
        meta, meta_warnings = build_meta(
            declared,
            path=path,
            inferred_title=inferred.get("title", ""),
            inferred_year=inferred.get("year") or year_from_text(inferred.get("title", "")),
            inferred_publisher=inferred.get("publisher", ""),
            default_doc_type=_DEFAULT_DOC_TYPE.get(fmt, "report"),
        )
    except IngestError as exc:
        return quarantine(exc.reason, doc_id)
    except ParseTimeout:
        return quarantine(f"too slow: parsing took more than {limits.max_seconds:g} s", doc_id)
    except Exception as exc:  # a loader bug or an exotic file must not stop the run
        return quarantine(f"corrupt or unreadable structure: {type(exc).__name__}: {exc}", doc_id)
    warnings += meta_warnings

    total_chars = sum(len(t) for t in pages_text)
    image_only = raw_pdf is not None and bool(raw_pdf.image_pages)
    if image_only and all(len(t) < MIN_PAGE_CHARS for t in pages_text):
        reason = _no_text_layer_reason(raw_pdf, len(pages_text), limits)
        return quarantine(reason, doc_id, len(pages_text))
    if total_chars < MIN_DOCUMENT_CHARS and raw_pdf is not None and raw_pdf.damaged:
        reason = f"corrupt or unreadable structure: {raw_pdf.damaged}; no text could be recovered"
        return quarantine(reason, doc_id, len(pages_text))
    if total_chars < MIN_DOCUMENT_CHARS:
        where = f" ({len(pages_text)} page(s))" if fmt == "pdf" else ""
        detail = f"only {total_chars} characters of text" if total_chars else "no text"
        return quarantine(f"empty: {detail}{where}", doc_id, len(pages_text))
    if raw_pdf is not None:
        warnings += _pdf_page_warnings(raw_pdf, pages_text)

    full_text = "\n".join(pages_text)
    language = meta.language or detect_language(full_text)
    if not meta.language:
        meta = DocumentMeta(**{**meta.__dict__, "language": language})
    pages = [Page(i, t) for i, t in enumerate(pages_text, start=1)]
    parsed = ParsedDocument(doc_id, rel, fmt, meta, pages, warnings)
    status = "ingested_with_warnings" if warnings else "ingested"
    outcome = IngestOutcome(
        rel, status, "; ".join(warnings), len(pages), total_chars, language, doc_id
    )
    return outcome, parsed
