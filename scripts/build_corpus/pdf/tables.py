"""PDF tables: column widths from the text they hold, aligned cells, a light grid."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from ..markup import Block
from .builder import PdfBuilder, escape
from .flowables import TrackedParagraph
from .fonts import FONT, FONT_BOLD, register_fonts
from .styles import RULE, TINT

CELL_PAD = 4.0
MAX_WORD_SHARE = 0.45  # a single long word claims at most this share of the width


def column_widths(rows: list[list[str]], font_size: float, avail_width: float) -> list[float]:
    """Widths that give each column its natural width when they fit, else share the rest."""
    register_fonts()  # measured in the fonts the table is set in, whoever calls first
    ncols = len(rows[0])
    natural = [0.0] * ncols
    minimum = [0.0] * ncols
    for r, row in enumerate(rows):
        font = FONT_BOLD if r == 0 else FONT
        for c, text in enumerate(row):
            natural[c] = max(natural[c], stringWidth(text, font, font_size) + 2 * CELL_PAD + 1)
            longest = max((stringWidth(w, font, font_size) for w in text.split()), default=0)
            minimum[c] = max(
                minimum[c], min(longest, avail_width * MAX_WORD_SHARE) + 2 * CELL_PAD + 1
            )
    if sum(natural) <= avail_width:
        extra = avail_width - sum(natural)
        return [w + extra * w / sum(natural) for w in natural]
    if sum(minimum) >= avail_width:
        return [avail_width * w / sum(minimum) for w in minimum]
    spare = avail_width - sum(minimum)
    wants = [n - m for n, m in zip(natural, minimum, strict=True)]
    return [m + spare * w / sum(wants) for m, w in zip(minimum, wants, strict=True)]


def _cell_styles(builder: PdfBuilder) -> dict[str, tuple[ParagraphStyle, ParagraphStyle]]:
    """align -> (body cell style, header cell style)."""
    cell, head = builder.styles["cell"], builder.styles["cell_head"]
    styles = {"left": (cell, head)}
    for align, enum in (("right", TA_RIGHT), ("center", TA_CENTER)):
        styles[align] = (
            ParagraphStyle(f"cell_{align}", parent=cell, alignment=enum),
            ParagraphStyle(f"cell_head_{align}", parent=head, alignment=enum),
        )
    return styles


def _cells(builder: PdfBuilder, block: Block, key_prefix: str) -> list[list[Any]]:
    styles = _cell_styles(builder)
    data = []
    for r, row in enumerate([block.header, *block.rows]):
        cells = []
        for c, text in enumerate(row):
            style = styles.get(block.aligns[c], styles["left"])[1 if r == 0 else 0]
            track = builder.track(f"{key_prefix}.r{r}c{c}", text) if text.strip() else None
            cells.append(TrackedParagraph(escape(text), style, track=track))
        data.append(cells)
    return data


def table_flowable(builder: PdfBuilder, block: Block, avail_width: float, key_prefix: str) -> Table:
    """A table of a block, ``avail_width`` wide, its header repeated on each page."""
    cell = builder.styles["cell"]
    widths = column_widths([block.header, *block.rows], cell.fontSize, avail_width)
    table = Table(_cells(builder, block, key_prefix), colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(TINT)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    table.spaceBefore = 4
    table.spaceAfter = cell.fontSize
    return table
