"""What one file may cost: a file over a limit is quarantined with a reason naming the limit."""

from __future__ import annotations

from dataclasses import dataclass

from .registry import ReadOptions


@dataclass(frozen=True)
class IngestLimits:
    """Files beyond these limits are quarantined as too large or too slow; OCR settings."""

    max_bytes: int = 100 * 1024 * 1024
    """Size of the file on disk."""
    max_pages: int = 2000
    ocr: bool = True
    """OCR pages without a text layer when ``tesseract`` is on the PATH."""
    max_ocr_pages: int = 50
    """At most this many pages of one document are OCR'd (Tesseract takes seconds a page)."""
    max_seconds: float = 300.0
    """Parsing one file longer than this quarantines it (a file that sends a parser into a loop
    must not stall the run); 0 for no limit."""
    max_unzipped_bytes: int = 100 * 1024 * 1024
    """Sum of the uncompressed sizes in a DOCX's zip directory, read before parsing."""
    max_zip_ratio: float = 100.0
    """Uncompressed over compressed size of a DOCX (a zip bomb is mostly repetition)."""
    max_page_chars: int = 5_000_000
    """Characters of extracted text on one page (a text, Markdown, HTML or DOCX file is one
    page). Long pages are chunked in windows, so this bounds cost, not correctness."""
    max_document_chars: int = 10_000_000
    """Characters of extracted text in one document."""

    def read_options(self) -> ReadOptions:
        """The part of the limits a reader needs."""
        return ReadOptions(
            max_pages=self.max_pages,
            ocr=self.ocr,
            max_ocr_pages=self.max_ocr_pages,
            max_unzipped_bytes=self.max_unzipped_bytes,
            max_zip_ratio=self.max_zip_ratio,
        )


def limit_reason(amount: str, name: str, limit: float) -> str:
    """``too large: <amount> (limit <name> = <limit>)``, the limit with thousands separators."""
    shown = f"{int(limit):,}" if float(limit).is_integer() else f"{limit:,}"
    return f"too large: {amount} (limit {name} = {shown})"
