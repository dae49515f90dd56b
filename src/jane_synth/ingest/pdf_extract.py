"""PDF text extraction with pypdf, page by page.

Every page is read once with pypdf's plain ``extract_text()``. Only pages that need more are
read again with a visitor that notes where text is shown and which images are drawn: pages with
(almost) no text (scans: OCR'd when Tesseract is installed, else reported), and pages whose raw
content stream jumps between two columns on the same line (re-read in layout mode and split at
the gutter). Most pages cost exactly what the plain pypdf loop costs.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError
from pypdf.generic import DictionaryObject, IndirectObject

from .clean import split_columns, unreadable_share
from .errors import IngestError
from .pdf import MIN_PAGE_CHARS, clean_pdf_title, page_ranges
from .pdf_layout import (
    PageScan,
    drawn_image_share,
    image_names,
    interleaved_columns,
    page_width,
    scan_page,
    stream_positions,
)
from .titles import choose_pdf_title

# pypdf logs recoverable structure problems as warnings; we report them per file instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)
MIN_IMAGE_SHARE = 0.05
"""Images covering less of the page than this (logos, bullets) are not OCR'd."""
UNREADABLE_SHARE = 0.3
"""Pages with more replacement glyphs than this are treated as having no readable text."""


@dataclass
class RawPdf:
    """Raw page texts of a PDF and what the extraction noticed on the way."""

    pages: list[str]
    title: str = ""
    author: str = ""
    creation_year: int | None = None
    warnings: list[str] = field(default_factory=list)
    image_pages: list[int] = field(default_factory=list)
    """Pages with (almost) no text that draw images: scans, unless OCR gave them text."""
    ocr_pages: list[int] = field(default_factory=list)
    column_pages: list[int] = field(default_factory=list)
    """Two-column pages re-ordered column by column."""
    ocr_tried: int = 0
    damaged: str = ""
    """Why the file's structure had to be repaired (truncated, broken page tree), if it had."""


def _info(reader: PdfReader, warnings: list[str]) -> tuple[str, str, int | None]:
    try:
        info = reader.metadata
        if info is None:
            if reader.trailer.get("/Info") is not None:
                warnings.append("unreadable document metadata (the info dictionary is missing)")
            return "", "", None
        title = clean_pdf_title(str(info.title or ""))
        author = str(info.author or "").strip()
        created = info.creation_date
        return title, author, created.year if created else None
    except Exception as exc:  # pypdf raises many types on broken info dictionaries
        warnings.append(f"unreadable document metadata ({type(exc).__name__})")
        return "", "", None


_FAKE_TRAILER = b"\nstartxref\n0\n%%EOF\n"


def _open(data: bytes, warnings: list[str]) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except FileNotDecryptedError as exc:
        raise IngestError("encrypted: the PDF needs a password") from exc
    except Exception as exc:
        # A truncated file has no trailer: give it one, so that pypdf rebuilds the cross-reference
        # table by scanning, and the pages that did arrive can be read.
        try:
            reader = PdfReader(io.BytesIO(data + _FAKE_TRAILER), strict=False)
            _pages(reader, [])
        except Exception:
            raise IngestError(f"corrupt or unreadable PDF structure: {exc}") from exc
        warnings.append(f"damaged or truncated file ({exc}); read what could be recovered")
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except DependencyError as exc:
            raise IngestError(
                "encrypted with AES: the empty password could not be tried "
                "(the 'cryptography' package is not installed)"
            ) from exc
        except Exception as exc:
            raise IngestError(f"encrypted: decryption failed ({exc})") from exc
        if not ok:
            raise IngestError("encrypted: the empty password failed")
        warnings.append("encrypted with an empty user password; decrypted")
    return reader


def _scan_for_pages(reader: PdfReader) -> list[PageObject]:
    """Page objects found by scanning every object, in file order, for a broken page tree."""
    found: list[tuple[int, int, PageObject]] = []
    candidates = [
        (off, num, gen) for gen, table in reader.xref.items() for num, off in table.items()
    ]
    candidates += [(stm, num, 0) for num, (stm, _idx) in reader.xref_objStm.items()]
    for offset, num, gen in candidates:
        ref = IndirectObject(num, gen, reader)
        try:
            obj = ref.get_object()
        except Exception:
            continue
        if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/Page":
            page = PageObject(reader, ref)
            page.update(obj)
            found.append((offset, num, page))
    return [page for _, _, page in sorted(found, key=lambda item: item[:2])]


def _pages(reader: PdfReader, warnings: list[str]) -> list[PageObject]:
    try:
        return list(reader.pages)
    except Exception as exc:
        pages = _scan_for_pages(reader)
        if not pages:
            raise IngestError(f"corrupt or unreadable PDF structure: {exc}") from exc
        warnings.append(
            f"broken page tree ({exc}); recovered {len(pages)} page(s) by scanning the file, "
            "page order may differ"
        )
        return pages


def read_pdf(
    path: Path,
    max_pages: int | None = None,
    *,
    ocr: bool = False,
    max_ocr_pages: int = 50,
    data: bytes | None = None,
) -> RawPdf:
    """Extract the raw text of every page; raise :class:`IngestError` with a reason if impossible.

    With ``ocr``, pages with (almost) no text whose images cover part of the page are OCR'd with
    Tesseract (at most ``max_ocr_pages`` per document). ``data``: the file's bytes, if read.
    """
    warnings: list[str] = []
    reader = _open(Path(path).read_bytes() if data is None else data, warnings)
    pages = _pages(reader, warnings)
    damaged = "; ".join(w for w in warnings if w.startswith(("damaged", "broken page tree")))
    if max_pages is not None and len(pages) > max_pages:
        raise IngestError(f"too large: {len(pages)} pages (limit {max_pages})")
    title, author, year = _info(reader, warnings)

    raw = RawPdf(pages=[], title=title, author=author, creation_year=year, warnings=warnings)
    raw.damaged = damaged
    failed: list[int] = []
    unreadable: list[int] = []
    for number, page in enumerate(pages, start=1):
        text = _plain_text(page, number, failed, unreadable)
        scan: PageScan | None = None
        width = page_width(page)
        if text and page.rotation % 360 == 0 and interleaved_columns(stream_positions(page), width):
            scan = scan_page(page)
            if interleaved_columns(scan.shows, width):
                text = _column_text(page, text, raw, number)
        if len("".join(text.split())) < MIN_PAGE_CHARS and number not in failed:
            scan = scan or scan_page(page)
            images = image_names(page)
            scan.images = [(n, a) for n, a in scan.images if not n or n in images]
            if scan.images and drawn_image_share(scan, page) >= MIN_IMAGE_SHARE:
                text = _ocr_or_mark(page, scan, text, raw, number, ocr, max_ocr_pages)
        raw.pages.append(text)
    raw.title = choose_pdf_title(title, next(iter(pages), None), author=author,
                                 text="".join(raw.pages[:1]))  # fmt: skip
    if failed:
        warnings.append(f"text extraction failed on page(s) {page_ranges(failed)}")
    if unreadable:
        warnings.append(
            f"unreadable text (fonts without a character map) on page(s) {page_ranges(unreadable)}"
        )
    return raw


def _plain_text(page: PageObject, number: int, failed: list[int], unreadable: list[int]) -> str:
    """pypdf's plain text of a page; "" (and the page noted) when it fails or is unreadable."""
    try:
        text = page.extract_text() or ""
    except Exception:
        failed.append(number)
        return ""
    if text and unreadable_share(text) > UNREADABLE_SHARE:
        unreadable.append(number)
        return ""
    return text


def _column_text(page: PageObject, text: str, raw: RawPdf, number: int) -> str:
    try:
        split = split_columns(page.extract_text(extraction_mode="layout"))
    except Exception:
        split = None
    if split is None:
        return text
    raw.column_pages.append(number)
    return split


def _ocr_or_mark(
    page: PageObject,
    scan: PageScan,
    text: str,
    raw: RawPdf,
    number: int,
    ocr: bool,
    max_ocr_pages: int,
) -> str:
    """OCR the images of a page without a text layer, or note it as such."""
    if ocr and raw.ocr_tried < max_ocr_pages:
        from .ocr import ocr_page_images

        raw.ocr_tried += 1
        found = ocr_page_images(page, [name for name, _ in scan.images])
        if len("".join(found.split())) >= MIN_PAGE_CHARS:
            raw.ocr_pages.append(number)
            return f"{text}\n{found}" if text.strip() else found
    raw.image_pages.append(number)
    return text
