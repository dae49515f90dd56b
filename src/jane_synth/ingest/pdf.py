"""PDF text extraction with pypdf, page by page.

Every page is read once with pypdf's plain ``extract_text()``. Only pages that need more are
read again with a visitor that notes where text is shown and which images are drawn: pages with
(almost) no text (scans: OCR'd when Tesseract is installed, else reported), and pages whose raw
content stream jumps between two columns on the same line (re-read in layout mode and split at
the gutter). Most pages cost exactly what the plain pypdf loop costs.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError
from pypdf.generic import DictionaryObject, IndirectObject

from .clean import split_columns, unreadable_share
from .errors import IngestError
from .titles import choose_pdf_title

# pypdf logs recoverable structure problems as warnings; we report them per file instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)

MIN_PAGE_CHARS = 20
"""A page with less text than this may be a scan: its drawn images are OCR'd when possible."""
MIN_IMAGE_SHARE = 0.05
"""Images covering less of the page than this (logos, bullets) are not OCR'd."""
UNREADABLE_SHARE = 0.3
"""Pages with more replacement glyphs than this are treated as having no readable text."""

_SHOW_TEXT = {b"Tj", b"TJ", b"'", b'"'}
_DRAW_IMAGE = {b"Do", b"INLINE IMAGE"}


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


@dataclass
class _PageScan:
    """What the visitor saw on one page: text-show positions and drawn images."""

    shows: list[tuple[float, float]] = field(default_factory=list)
    images: list[tuple[str, float]] = field(default_factory=list)

    def visit(self, op: bytes, args, cm, tm) -> None:
        if op in _SHOW_TEXT:
            # Position of the text matrix in page space: (tm x cm) applied to the origin.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            self.shows.append((x, y))
        elif op in _DRAW_IMAGE:
            name = str(args[0]) if op == b"Do" and args else ""
            self.images.append((name, abs(cm[0] * cm[3] - cm[1] * cm[2])))


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


_FAKE_TRAILER = b"\nstartxref\n0\n%%EOF\n"


def _open(path: Path, warnings: list[str]) -> PdfReader:
    try:
        reader = PdfReader(str(path), strict=False)
    except FileNotDecryptedError as exc:
        raise IngestError("encrypted: the PDF needs a password") from exc
    except Exception as exc:
        # A truncated file has no trailer: give it one, so that pypdf rebuilds the cross-reference
        # table by scanning, and the pages that did arrive can be read.
        try:
            reader = PdfReader(io.BytesIO(path.read_bytes() + _FAKE_TRAILER), strict=False)
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


_POSITION_OP = re.compile(rb"\b(?:BT|T[mdD])\b")


def _operands(data: bytes, end: int, n: int) -> list[float] | None:
    """The ``n`` numbers just before offset ``end`` of a content stream, if they are numbers."""
    parts = data[max(0, end - 24 * n) : end].split()[-n:]
    try:
        return [float(p) for p in parts] if len(parts) == n else None
    except ValueError:
        return None


def _stream_positions(page: PageObject) -> list[tuple[float, float]]:
    """Approximate text positions from the raw content stream (Tm, Td; the CTM is ignored).

    A cheap pass over the bytes, used only to decide whether a page deserves the exact (and
    slower) visitor pass.
    """
    try:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:
        return []
    positions: list[tuple[float, float]] = []
    x = y = 0.0
    scale = 1.0
    for m in _POSITION_OP.finditer(data):
        op = m.group()
        if op == b"BT":
            x = y = 0.0
            scale = 1.0
            continue
        if op == b"Tm":
            nums = _operands(data, m.start(), 6)
            if nums is None:
                continue
            scale = nums[0] or 1.0
            x, y = nums[4], nums[5]
        else:  # Td / TD: relative to the start of the current line
            nums = _operands(data, m.start(), 2)
            if nums is None:
                continue
            x += nums[0] * scale
            y += nums[1] * scale
        positions.append((x, y))
    return positions


def _interleaved_columns(shows: list[tuple[float, float]], width: float) -> bool:
    """Whether the content stream jumps between a left and a right column on the same line.

    The jumps must land on one left edge (a column), not anywhere on the line (a single-column
    line drawn in pieces, which many word processors do).
    """
    if width <= 0 or len(shows) < 12:
        return False
    targets: Counter[int] = Counter()
    lines = set()
    for (xa, ya), (xb, yb) in itertools.pairwise(shows):
        lines.add(round(ya))
        if abs(ya - yb) < 2 and xa < width * 0.5 and xb > width * 0.4 and xb - xa > width * 0.25:
            targets[round(xb / 2)] += 1
    jumps = sum(targets.values())
    if jumps < 6 or jumps < 0.3 * len(lines):
        return False
    # Neighbouring 2-pt bins count together: one column edge, slightly uneven positions.
    edge = max(targets[b - 1] + targets[b] + targets[b + 1] for b in targets)
    return edge >= 0.6 * jumps


def _page_width(page: PageObject) -> float:
    try:
        return float(page.mediabox.width)
    except Exception:
        return 0.0


def _drawn_image_share(scan: _PageScan, page: PageObject) -> float:
    try:
        area = float(page.mediabox.width) * float(page.mediabox.height)
    except Exception:
        return 1.0 if scan.images else 0.0
    if area <= 0:
        return 1.0 if scan.images else 0.0
    return max((a for _, a in scan.images), default=0.0) / area


def read_pdf(
    path: Path, max_pages: int | None = None, *, ocr: bool = False, max_ocr_pages: int = 50
) -> RawPdf:
    """Extract the raw text of every page; raise :class:`IngestError` with a reason if impossible.

    With ``ocr``, pages with (almost) no text whose images cover part of the page are OCR'd with
    Tesseract (at most ``max_ocr_pages`` per document).
    """
    warnings: list[str] = []
    reader = _open(path, warnings)
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
        try:
            text = page.extract_text() or ""
        except Exception:
            text = ""
            failed.append(number)
        if text and unreadable_share(text) > UNREADABLE_SHARE:
            text = ""
            unreadable.append(number)
        scan: _PageScan | None = None
        width = _page_width(page)
        if (
            text
            and page.rotation % 360 == 0
            and _interleaved_columns(_stream_positions(page), width)
        ):
            scan = _scan(page)
            if _interleaved_columns(scan.shows, width):
                text = _column_text(page, text, raw, number)
        if len("".join(text.split())) < MIN_PAGE_CHARS and number not in failed:
            scan = scan or _scan(page)
            images = _image_names(page)
            scan.images = [(n, a) for n, a in scan.images if not n or n in images]
            if scan.images and _drawn_image_share(scan, page) >= MIN_IMAGE_SHARE:
                text = _ocr_or_mark(page, scan, text, raw, number, ocr, max_ocr_pages)
        raw.pages.append(text)
    raw.title = choose_pdf_title(
        title, next(iter(pages), None), author=author, text="".join(raw.pages[:1])
    )
    if failed:
        warnings.append(f"text extraction failed on page(s) {page_ranges(failed)}")
    if unreadable:
        warnings.append(
            f"unreadable text (fonts without a character map) on page(s) {page_ranges(unreadable)}"
        )
    return raw


def _image_names(page: PageObject, depth: int = 3) -> set[str]:
    """Names of the image XObjects of a page and of the forms it uses (``/Im0``)."""
    names: set[str] = set()

    def walk(resources, level: int) -> None:
        try:
            xobjects = resources.get_object().get("/XObject") or {}
            for name, ref in xobjects.get_object().items():
                obj = ref.get_object()
                if obj.get("/Subtype") == "/Image":
                    names.add(str(name))
                elif obj.get("/Subtype") == "/Form" and level < depth and "/Resources" in obj:
                    walk(obj["/Resources"], level + 1)
        except Exception:
            return

    if "/Resources" in page:
        walk(page["/Resources"], 0)
    return names


def _scan(page: PageObject) -> _PageScan:
    """The exact text positions and drawn images of a page (a second, visiting pass)."""
    scan = _PageScan()
    with contextlib.suppress(Exception):
        page.extract_text(visitor_operand_before=scan.visit)
    return scan


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
    scan: _PageScan,
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
