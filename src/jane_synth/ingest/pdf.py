"""PDF text extraction with pypdf, page by page."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from .errors import IngestError

# pypdf logs recoverable structure problems as warnings; we report them per file instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass
class RawPdf:
    pages: list[str]
    title: str = ""
    author: str = ""
    creation_year: int | None = None
    warnings: list[str] = field(default_factory=list)


def _info(reader: PdfReader, warnings: list[str]) -> tuple[str, str, int | None]:
    try:
        info = reader.metadata
        if info is None:
            return "", "", None
        title = str(info.title or "").strip()
        author = str(info.author or "").strip()
        created = info.creation_date
        return title, author, created.year if created else None
    except Exception as exc:  # pypdf raises many types on broken info dictionaries
        warnings.append(f"unreadable document metadata ({type(exc).__name__})")
        return "", "", None


def read_pdf(path: Path, max_pages: int | None = None) -> RawPdf:
    """Extract the raw text of every page; raise :class:`IngestError` with a reason if impossible."""
    warnings: list[str] = []
    try:
        reader = PdfReader(str(path), strict=False)
    except FileNotDecryptedError as exc:
        raise IngestError("encrypted: the PDF needs a password") from exc
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise IngestError(f"corrupt or unreadable PDF structure: {exc}") from exc

    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception as exc:
            raise IngestError(f"encrypted: decryption failed ({exc})") from exc
        if not ok:
            raise IngestError("encrypted: the empty password failed")
        warnings.append("encrypted with an empty user password; decrypted")

    try:
        n_pages = len(reader.pages)
    except Exception as exc:
        raise IngestError(f"corrupt or unreadable PDF structure: {exc}") from exc
    if max_pages is not None and n_pages > max_pages:
        raise IngestError(f"too large: {n_pages} pages (limit {max_pages})")

    title, author, year = _info(reader, warnings)
    pages: list[str] = []
    failed: list[int] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(page.extract_text() or "")
        except Exception:
            pages.append("")
            failed.append(number)
    if failed:
        warnings.append(f"text extraction failed on pages {_ranges(failed)}")
    return RawPdf(pages=pages, title=title, author=author, creation_year=year, warnings=warnings)


def _ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``"1-3, 7"``."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


page_ranges = _ranges
