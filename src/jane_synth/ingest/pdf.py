"""The PDF reader: text per page (``pdf_extract``), scans OCR'd or reported, repairs noted.

This module stays light (pypdf is imported when the first PDF is read), so that listing the
formats costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .metadata import read_sidecar
from .registry import Extracted, Inferred, ReadOptions, Review, register

MIN_PAGE_CHARS = 20
"""A page with less text than this may be a scan: its drawn images are OCR'd when possible."""
MIN_DOCUMENT_CHARS = 20

_GENERIC_TITLES = {
    "powerpoint presentation",
    "presentation",
    "untitled",
    "document",
    "title",
    "slide 1",
    "microsoft word",
}
_APP_PREFIXES = ("microsoft word - ", "microsoft powerpoint - ", "microsoft excel - ")
_FILE_SUFFIXES = (".docx", ".doc", ".pptx", ".ppt", ".indd", ".pdf", ".odt", ".tex")


def clean_pdf_title(title: str) -> str:
    """The title from PDF metadata without tool noise; empty when it is a placeholder."""
    title = " ".join(title.split())
    lower = title.lower()
    for prefix in _APP_PREFIXES:
        if lower.startswith(prefix):
            title, lower = title[len(prefix) :], lower[len(prefix) :]
    for suffix in _FILE_SUFFIXES:
        if lower.endswith(suffix):
            title, lower = title[: -len(suffix)], lower[: -len(suffix)]
    if lower.strip() in _GENERIC_TITLES or len(title.strip()) < 3:
        return ""
    return title.strip()


def page_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``"1-3, 7"``."""
    if not numbers:
        return ""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def _no_text_layer_how(details: PdfDetails, options: ReadOptions) -> str:
    from .ocr import tesseract_path

    if not options.ocr:
        return "OCR turned off"
    if tesseract_path() is None:
        return "OCR not available: install tesseract-ocr"
    if details.ocr_tried < len(details.image_pages):
        return f"OCR stopped at the limit of {options.max_ocr_pages} page(s)"
    return "OCR found no text"


@dataclass(frozen=True)
class PdfDetails:
    """What PDF extraction noticed: scanned pages, OCR'd pages, a repaired structure."""

    image_pages: tuple[int, ...] = ()
    """Pages with (almost) no text that draw images: scans, unless OCR gave them text."""
    ocr_pages: tuple[int, ...] = ()
    ocr_tried: int = 0
    damaged: str = ""
    """Why the file's structure had to be repaired (truncated, broken page tree), if it had."""

    def review(self, pages: Sequence[str], options: ReadOptions) -> Review:
        """Quarantine a PDF of scans or of nothing; warn about OCR'd and text-less pages."""
        total = sum(len(t) for t in pages)
        if self.image_pages and all(len(t) < MIN_PAGE_CHARS for t in pages):
            how = _no_text_layer_how(self, options)
            return Review(f"no text layer ({len(pages)} page(s) of images without text; {how})")
        if total < MIN_DOCUMENT_CHARS and self.damaged:
            return Review(
                f"corrupt or unreadable structure: {self.damaged}; no text could be recovered"
            )
        if total < MIN_DOCUMENT_CHARS:
            detail = f"only {total} characters of text" if total else "no text"
            return Review(f"empty: {detail} ({len(pages)} page(s))")
        warnings = []
        if self.ocr_pages:
            warnings.append(f"OCR on page(s) {page_ranges(list(self.ocr_pages))}")
        blank = [n for n in self.image_pages if len(pages[n - 1]) < MIN_PAGE_CHARS]
        if blank:
            warnings.append(f"no text layer on page(s) {page_ranges(blank)}")
        return Review("", tuple(warnings))


class PdfFormat:
    """PDF files, read with pypdf; image-only pages OCR'd when Tesseract is installed."""

    name: str = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Extracted:
        """Raw page texts, PDF info metadata and what the extraction noticed."""
        from .ocr import tesseract_path
        from .pdf_extract import read_pdf

        ocr = options.ocr and tesseract_path() is not None
        raw = read_pdf(
            path, options.max_pages, ocr=ocr, max_ocr_pages=options.max_ocr_pages, data=data
        )
        details = PdfDetails(
            tuple(raw.image_pages), tuple(raw.ocr_pages), raw.ocr_tried, raw.damaged
        )
        inferred = Inferred(raw.title, raw.author, raw.creation_year)
        return Extracted(
            tuple(raw.pages), read_sidecar(path), inferred, tuple(raw.warnings), details=details
        )

    def warm_up(self) -> None:
        """Import pypdf and the extraction code before worker processes are forked."""
        from . import pdf_extract  # noqa: F401


register(PdfFormat())
