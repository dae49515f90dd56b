"""Page geometry, colours and paragraph styles of the four PDF layouts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle

from .fonts import FONT, FONT_BOLD

NAVY = "#1f3a5f"
ACCENT = "#2e6da4"
TINT = "#eaf1f8"
GREY = "#555555"
RULE = "#b0b8c4"
FLYER_BOX_PAD = 10.0

# layout -> (body font size, leading, alignment) and (title, h2, h3 font sizes)
_BODY = {
    "report": (10.0, 14.2, TA_JUSTIFY),
    "two-column": (9.3, 12.8, TA_JUSTIFY),
    "slides": (19.0, 25.0, TA_LEFT),
    "flyer": (11.0, 15.0, TA_LEFT),
}
_HEADING_SIZES = {
    "report": (20, 13.5, 11),
    "two-column": (19, 12.5, 10.5),
    "slides": (34, 28, 22),
    "flyer": (26, 15, 12.5),
}


@dataclass(frozen=True)
class Geometry:
    """Page size, margins, column gap and the baselines of the header and footer."""

    pagesize: tuple[float, float]
    left: float
    right: float
    top: float
    bottom: float
    gap: float
    header_y: float  # baseline of the running header, from the top edge
    footer_y: float  # baseline of the footer, from the bottom edge
    furniture_size: float

    @property
    def body_width(self) -> float:
        return self.pagesize[0] - self.left - self.right

    @property
    def body_height(self) -> float:
        return self.pagesize[1] - self.top - self.bottom

    def column_width(self, ncols: int) -> float:
        """Width of one of ``ncols`` columns."""
        return (self.body_width - self.gap * (ncols - 1)) / ncols


def geometry_for(layout: str) -> Geometry:
    """The page geometry of a layout (slides are 16:9, the others A4)."""
    if layout == "slides":
        return Geometry((960.0, 540.0), 56, 56, 78, 64, 28, 36, 30, 12)
    if layout == "flyer":
        return Geometry(A4, 48, 48, 62, 56, 20, 34, 30, 8)
    if layout == "two-column":
        return Geometry(A4, 54, 54, 64, 58, 20, 36, 32, 8)
    return Geometry(A4, 62, 62, 66, 60, 20, 38, 32, 8)


def _body_style(layout: str) -> ParagraphStyle:
    size, leading, align = _BODY[layout]
    return ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=size,
        leading=leading,
        alignment=align,
        spaceAfter=size * 0.6,
        textColor=colors.HexColor("#1a1a1a"),
        hyphenationLang="",
        embeddedHyphenation=0,
        uriWasteReduce=0,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )


def _bold_heading(
    name: str, parent: ParagraphStyle, size: float, leading: float, **kwargs: Any
) -> ParagraphStyle:
    """A left-aligned bold navy heading style."""
    kwargs.setdefault("textColor", colors.HexColor(NAVY))
    return ParagraphStyle(
        name,
        parent=parent,
        fontName=FONT_BOLD,
        fontSize=size,
        leading=leading,
        alignment=TA_LEFT,
        **kwargs,
    )


def _heading_styles(layout: str, body: ParagraphStyle) -> dict[str, ParagraphStyle]:
    sizes = _HEADING_SIZES[layout]
    title = _bold_heading("title", body, sizes[0], sizes[0] * 1.22, spaceAfter=sizes[0] * 0.45)
    h2 = _bold_heading(
        "h2",
        body,
        sizes[1],
        sizes[1] * 1.25,
        spaceBefore=sizes[1] * 0.9,
        spaceAfter=sizes[1] * 0.45,
        keepWithNext=0,
    )
    h3 = ParagraphStyle(
        "h3",
        parent=h2,
        fontSize=sizes[2],
        leading=sizes[2] * 1.25,
        textColor=colors.HexColor(ACCENT),
        spaceBefore=sizes[2] * 0.7,
        spaceAfter=sizes[2] * 0.35,
    )
    return {"title": title, "h2": h2, "h3": h3}


def _text_styles(layout: str, body: ParagraphStyle) -> dict[str, ParagraphStyle]:
    size = body.fontSize
    subtitle = ParagraphStyle(
        "subtitle",
        parent=body,
        fontSize=size + (3 if layout == "slides" else 1),
        leading=(size + 1) * 1.35,
        alignment=TA_LEFT,
        textColor=colors.HexColor(GREY),
        spaceAfter=size,
    )
    item = ParagraphStyle(
        "item",
        parent=body,
        alignment=TA_LEFT,
        spaceAfter=size * (0.45 if layout == "slides" else 0.25),
    )
    cell_size = max(size - 1.2, 7.5) if layout != "slides" else 15.0
    cell = ParagraphStyle(
        "cell",
        parent=body,
        fontSize=cell_size,
        leading=cell_size * 1.25,
        alignment=TA_LEFT,
        spaceAfter=0,
    )
    cell_head = ParagraphStyle(
        "cell_head", parent=cell, fontName=FONT_BOLD, textColor=colors.HexColor(NAVY)
    )
    return {"subtitle": subtitle, "item": item, "cell": cell, "cell_head": cell_head}


def _layout_styles(layout: str, styles: dict[str, ParagraphStyle]) -> dict[str, ParagraphStyle]:
    """The styles a flyer (white banner and bands) or slides (large titles) replace."""
    title, h2, subtitle = styles["title"], styles["h2"], styles["subtitle"]
    if layout == "flyer":
        return {
            "banner_title": ParagraphStyle(
                "banner_title", parent=title, textColor=colors.white, spaceAfter=4
            ),
            "banner_sub": ParagraphStyle(
                "banner_sub", parent=subtitle, textColor=colors.HexColor("#dce6f2"), spaceAfter=0
            ),
            "h2": ParagraphStyle(
                "h2_band", parent=h2, textColor=colors.white, spaceBefore=0, spaceAfter=0
            ),
        }
    if layout == "slides":
        return {
            "title": ParagraphStyle(
                "slide_title", parent=title, fontSize=36, leading=44, spaceAfter=18
            ),
            "h2": ParagraphStyle("slide_h2", parent=h2, spaceBefore=0, spaceAfter=18),
        }
    return {}


def styles_for(layout: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles of a layout, by name (body, title, h2, h3, item, cell, ...)."""
    body = _body_style(layout)
    styles = {"body": body, **_heading_styles(layout, body), **_text_styles(layout, body)}
    styles.update(_layout_styles(layout, styles))
    return styles
