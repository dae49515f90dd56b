"""The coverage map: NoE x design dimension, each cell the section's grade and quote count.

Drawn with matplotlib as SVG with fixed ids and no date, so equal briefs give equal bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..evidence.strength import Grade
from .model import Brief

# Darker is stronger; a cell of a brief built without grades is grey.
GRADE_ORDER = (Grade.NONE, Grade.THIN, Grade.MODERATE, Grade.STRONG)
GRADE_COLOURS = ("#f7f7f7", "#c6dbef", "#6baed6", "#08519c", "#bdbdbd")
_RC: Any = {"svg.hashsalt": "jane-synth-coverage", "svg.fonttype": "none", "font.size": 8}


@dataclass(frozen=True)
class CoverageCell:
    """One NoE's evidence on one design dimension."""

    noe: str
    dimension: str
    grade: Grade | None  # None: the brief was built without grades
    documents: int  # independent documents above the evidence threshold
    quotes: int

    @property
    def label(self) -> str:
        """``"moderate, 4 quotes"`` (or ``"4 quotes"`` without a grade)."""
        count = f"{self.quotes} quote" + ("" if self.quotes == 1 else "s")
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
                )
            )  # fmt: skip
        rows.append(row)
    return rows


def _level(cell: CoverageCell) -> int:
    return len(GRADE_ORDER) if cell.grade is None else GRADE_ORDER.index(cell.grade)


def _legend(ax: Any) -> None:
    from matplotlib.patches import Patch

    names = [g.value for g in GRADE_ORDER] + ["not graded"]
    handles = [Patch(facecolor=c, edgecolor="#888888", label=n)
               for c, n in zip(GRADE_COLOURS, names, strict=True)]  # fmt: skip
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7)


def coverage_svg(briefs: Sequence[Brief]) -> str:
    """The coverage map as an SVG heatmap (empty text when there is no brief)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    rows = coverage(briefs)
    if not rows or not rows[0]:
        return ""
    levels = np.array([[_level(c) for c in row] for row in rows])
    with matplotlib.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(1.0 * len(rows[0]) + 2.5, 0.55 * len(rows) + 1.8))
        cmap = ListedColormap(GRADE_COLOURS)
        ax.imshow(levels, cmap=cmap, vmin=-0.5, vmax=len(GRADE_COLOURS) - 0.5, aspect="auto")
        for (i, j), level in np.ndenumerate(levels):
            cell = rows[i][j]
            text = f"{cell.grade.value if cell.grade else ''}\n{cell.quotes}".strip()
            ax.text(j, i, text, ha="center", va="center", fontsize=7,
                    color="white" if level in (2, 3) else "black")  # fmt: skip
        names = [s.dimension.name for s in briefs[0].sections]
        ax.set_xticks(range(len(names)), names, rotation=40, ha="right")
        ax.set_yticks(range(len(briefs)), [b.noe.name for b in briefs])
        ax.set_title("Evidence grade (and quotes) per NoE and design dimension")
        _legend(ax)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
        plt.close(fig)
    return buffer.getvalue()
