"""The coverage map: NoE x design dimension, each cell the section's grade and quote count.

Written as SVG by :mod:`jane_synth.svg`, with no ids and no date, so equal briefs give equal
bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..evidence.strength import Grade
from ..svg import Canvas, text_width
from .model import Brief

# Darker is stronger; a cell of a brief built without grades is grey.
GRADE_ORDER = (Grade.NONE, Grade.THIN, Grade.MODERATE, Grade.STRONG)
GRADE_COLOURS = ("#f7f7f7", "#c6dbef", "#6baed6", "#08519c", "#bdbdbd")
SLANT = math.sin(math.radians(40))  # the dimension names are written at 40 degrees


@dataclass(frozen=True)
class CoverageCell:
    """One NoE's evidence on one design dimension."""

    noe: str
    dimension: str
    grade: Grade | None  # None: the brief was built without grades
    documents: int  # independent documents above the evidence threshold
    quotes: int
    quoted_elsewhere: bool = False  # a strand's statements are quoted under other dimensions

    @property
    def label(self) -> str:
        """``"moderate, 4 quotes"`` (or ``"4 quotes"`` without a grade; ``"thin, 0 quotes
        (quoted elsewhere)"`` when what answers it is quoted under another dimension)."""
        count = f"{self.quotes} quote" + ("" if self.quotes == 1 else "s")
        count += " (quoted elsewhere)" if self.quoted_elsewhere and not self.quotes else ""
        return count if self.grade is None else f"{self.grade.value}, {count}"


def coverage(briefs: Sequence[Brief]) -> list[list[CoverageCell]]:
    """One row per brief, one cell per section, in brief and section order."""
    rows = []
    for brief in briefs:
        row = []
        for section in brief.sections:
            whole = section.grade_of("section")
            row.append(
                CoverageCell(
                    brief.noe.slug, section.dimension.slug,
                    None if whole is None else whole.grade,
                    0 if whole is None else whole.documents, len(section.evidence),
                    bool(section.quoted_elsewhere),
                )
            )  # fmt: skip
        rows.append(row)
    return rows


def _level(cell: CoverageCell) -> int:
    return len(GRADE_ORDER) if cell.grade is None else GRADE_ORDER.index(cell.grade)


def coverage_svg(briefs: Sequence[Brief]) -> str:
    """The coverage map as an SVG heatmap (empty text when there is no brief)."""
    rows = coverage(briefs)
    if not rows or not rows[0]:
        return ""
    names = [s.dimension.name for s in briefs[0].sections]
    noes = [b.noe.name for b in briefs]
    cell_w, cell_h, top_y = 92.0, 36.0, 44.0
    left = 12 + max(text_width(n, 10) for n in noes)
    grid_w, grid_h = cell_w * len(names), cell_h * len(noes)
    labels_h = 12 + SLANT * max(text_width(n, 10) for n in names)
    legend_x = left + grid_w + 24
    legend = [g.value for g in GRADE_ORDER] + ["not graded"]
    width = legend_x + 12 + max(text_width(n, 10) for n in legend) + 20
    canvas = Canvas(width, top_y + grid_h + labels_h + 10,
                    "Evidence grade (and quotes) per NoE and design dimension")  # fmt: skip
    canvas.text(left + grid_w / 2, 24, canvas.title, size=13, anchor="middle")
    for i, (noe, row) in enumerate(zip(noes, rows, strict=True)):
        y = top_y + i * cell_h
        canvas.text(left - 6, y + cell_h / 2 + 4, noe, size=10, anchor="end")
        for j, cell in enumerate(row):
            x = left + j * cell_w
            level = _level(cell)
            canvas.rect(x, y, cell_w, cell_h, GRADE_COLOURS[level], stroke="#ffffff",
                        tooltip=f"{noe} x {names[j]}: {cell.label}")  # fmt: skip
            text = [cell.grade.value, str(cell.quotes)] if cell.grade else [str(cell.quotes)]
            canvas.text(x + cell_w / 2, y + cell_h / 2 + 4 - 6 * (len(text) - 1), text, size=9,
                        anchor="middle", fill="#ffffff" if level in (2, 3) else "#000000")  # fmt: skip
    for j, name in enumerate(names):
        x = left + (j + 0.5) * cell_w
        canvas.text(x, top_y + grid_h + 14, name, size=10, anchor="end", rotate=-40)
    for k, (name, colour) in enumerate(zip(legend, GRADE_COLOURS, strict=True)):
        y = top_y + 16 * k
        canvas.rect(legend_x, y, 12, 12, colour, stroke="#888888")
        canvas.text(legend_x + 18, y + 10, name, size=10)
    return canvas.render()
