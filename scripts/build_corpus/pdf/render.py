"""Render a source to PDF bytes: two passes (the footer needs the page count), fixed dates."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..metadata import CorpusError
from ..properties import GENERATOR, keywords, page_template, subject
from ..source import Source
from ..words import block_texts
from .builder import PdfBuilder
from .flowables import CorpusDocTemplate
from .fonts import FONT, font_missing_chars
from .layouts import story
from .styles import GREY, NAVY, RULE

# PDF streams are written uncompressed: deflate output differs between zlib builds (zlib, zlib-ng,
# Apple's) and the committed bytes must match on every machine. DOCX files stay deflated (the
# python-docx template alone is 800 kB of XML); ``--check`` compares their members' contents.
PDF_COMPRESS = False
MIN_HEADER_SIZE = 5  # the running header shrinks to fit the width, down to this size


@dataclass
class PdfResult:
    """A rendered PDF and what the round-trip check needs to know about it."""

    data: bytes
    pages: int
    placements: dict[str, list[int]]  # tracking key -> pages it was drawn on
    texts: dict[str, str]  # tracking key -> source text
    furniture: list[list[str]]  # per page: the furniture strings in drawing order
    warnings: list[str]


def page_label(language: str, n: int, total: int, layout: str) -> str:
    """The footer's page number ("Page 2 of 5"; just "2" on slides)."""
    if layout == "slides":
        return str(n)
    return page_template(language).format(n=n, total=total)


class _Furniture:
    """Draws the running header, the footer and the rules of each page; remembers their text."""

    def __init__(self, builder: PdfBuilder):
        self.builder = builder
        self.total = 0  # the page count of the previous pass
        self.drawn: dict[int, list[str]] = {}

    def __call__(self, canv: Any, doc: Any) -> None:
        src, g, layout = self.builder.src, self.builder.geometry, self.builder.layout
        width, height = g.pagesize
        n = canv.getPageNumber()
        header = src.running_header
        label = page_label(src.language, n, self.total, layout)
        size = g.furniture_size
        header_size = size
        while header_size > MIN_HEADER_SIZE and stringWidth(header, FONT, header_size) > (
            width - g.left - g.right
        ):
            header_size -= 0.5
        canv.saveState()
        canv.setFillColor(colors.HexColor(GREY))
        canv.setFont(FONT, header_size)
        canv.drawString(g.left, height - g.header_y, header)
        canv.setFont(FONT, size)
        canv.drawString(g.left, g.footer_y, src.publisher)
        canv.drawRightString(width - g.right, g.footer_y, label)
        canv.setStrokeColor(colors.HexColor(RULE))
        canv.setLineWidth(0.5)
        canv.line(g.left, height - g.header_y - 5, width - g.right, height - g.header_y - 5)
        canv.line(g.left, g.footer_y + size + 3, width - g.right, g.footer_y + size + 3)
        if layout == "slides":
            canv.setFillColor(colors.HexColor(NAVY))
            canv.rect(0, height - 8, width, 8, stroke=0, fill=1)
        canv.restoreState()
        self.drawn[n] = [header, src.publisher, label]


def _canvas_maker(year: int) -> Callable[..., Canvas]:
    stamp = f"D:{year:04d}0101120000+00'00'"

    def make(*args: Any, **kwargs: Any) -> Canvas:
        canv = Canvas(*args, **kwargs)
        canv.setDateFormatter(lambda *_: stamp)
        return canv

    return make


def _one_pass(builder: PdfBuilder, furniture: _Furniture) -> tuple[bytes, int, int]:
    """Build the document once: (bytes, pages, explicit page breaks)."""
    src, meta = builder.src, builder.src.meta
    builder.placements.clear()
    builder.texts.clear()
    furniture.drawn.clear()
    buffer = io.BytesIO()
    doc = CorpusDocTemplate(
        buffer,
        builder.geometry,
        furniture,
        title=str(meta.get("title", src.title)),
        author=src.publisher,
        subject=subject(meta),
        keywords=keywords(meta),
        creator=f"jane-synth {GENERATOR}",
        invariant=1,
        pageCompression=1 if PDF_COMPRESS else 0,
        lang=src.language,
        displayDocTitle=1,
    )
    flowables, page_breaks = story(builder)
    doc.build(flowables, canvasmaker=_canvas_maker(src.year))
    return buffer.getvalue(), doc.page, page_breaks


def _layout_warnings(layout: str, pages: int, page_breaks: int) -> list[str]:
    if layout in ("report", "two-column") and pages < 2:
        return [f"{layout} layout has a single page"]
    if layout == "flyer" and pages > 2:
        return [f"flyer runs to {pages} pages (aim for 1-2)"]
    if layout == "slides" and pages > 1 + page_breaks:
        return [f"{pages - 1 - page_breaks} slide(s) overflow onto an extra page"]
    return []


def render_pdf(src: Source) -> PdfResult:
    """Render a PDF source; warnings cover page counts and characters without a glyph."""
    builder = PdfBuilder(src)
    furniture = _Furniture(builder)
    _, furniture.total, _ = _one_pass(builder, furniture)
    data, pages, page_breaks = _one_pass(builder, furniture)
    if pages != furniture.total:  # cannot happen: the footer does not take part in the flow
        raise CorpusError(f"{src.name}: page count changed between passes")
    warnings = _layout_warnings(builder.layout, pages, page_breaks)
    missing = font_missing_chars("\n".join(block_texts(src.blocks)))
    if missing:
        names = ", ".join(f"U+{ord(c):04X}" for c in sorted(missing))
        warnings.append(f"characters without a glyph in the PDF font: {names}")
    return PdfResult(
        data,
        pages,
        {k: list(v) for k, v in builder.placements.items()},
        dict(builder.texts),
        [furniture.drawn[n] for n in range(1, pages + 1)],
        warnings,
    )
