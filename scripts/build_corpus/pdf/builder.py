"""Flowables of one source: paragraphs that track their pages, title blocks, lists, bands."""

from __future__ import annotations

import html
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import (
    HRFlowable,
    Indenter,
    ListFlowable,
    ListItem,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import FrameBG

from ..markup import ListEntry
from ..source import Source
from .flowables import HeadingBreak, Track, TrackedParagraph
from .fonts import FONT, register_fonts
from .styles import ACCENT, FLYER_BOX_PAD, NAVY, TINT, geometry_for, styles_for


def escape(text: str) -> str:
    """Text as reportlab paragraph markup (``&``, ``<`` and ``>`` escaped)."""
    return html.escape(text, quote=False)


def _padded(background: str, horizontal: float, top: float, bottom: float) -> TableStyle:
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(background)),
            ("LEFTPADDING", (0, 0), (-1, -1), horizontal),
            ("RIGHTPADDING", (0, 0), (-1, -1), horizontal),
            ("TOPPADDING", (0, 0), (-1, -1), top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ]
    )


class PdfBuilder:
    """Turns a parsed source into reportlab flowables; records what each one should show."""

    def __init__(self, src: Source):
        register_fonts()
        self.src = src
        self.layout = src.layout
        self.geometry = geometry_for(self.layout)
        self.styles = styles_for(self.layout)
        self.placements: dict[str, list[int]] = {}
        self.texts: dict[str, str] = {}

    def track(self, key: str, shown: str) -> Track:
        """Register ``shown`` under ``key`` for the round-trip check."""
        self.texts[key] = shown
        return Track(self.placements, key)

    def para(
        self, text: str, style_name: str, key: str | None = None, label: str | None = None
    ) -> TrackedParagraph:
        """A paragraph of ``label`` (or ``text``), tracked under ``key`` when given."""
        shown = label if label is not None else text
        track = self.track(key, shown) if key is not None else None
        return TrackedParagraph(escape(shown), self.styles[style_name], track=track)

    def title_block(self) -> list[Any]:
        """The title and subtitle at the top of the first page (a banner on flyers)."""
        src = self.src
        if self.layout == "flyer":
            cell = [
                self.para(src.title, "banner_title", key="title"),
                self.para(src.subtitle, "banner_sub"),
            ]
            banner = Table([[cell]], colWidths=[self.geometry.body_width])
            banner.setStyle(_padded(NAVY, 16, 16, 14))
            return [banner, Spacer(1, 8)]
        if self.layout == "slides":
            return [
                Spacer(1, self.geometry.body_height * 0.22),
                self.para(src.title, "title", key="title"),
                HRFlowable(width="40%", thickness=2, color=colors.HexColor(ACCENT), hAlign="LEFT"),
                Spacer(1, 14),
                self.para(src.subtitle, "subtitle"),
            ]
        return [
            self.para(src.title, "title", key="title"),
            self.para(src.subtitle, "subtitle"),
            HRFlowable(
                width="100%",
                thickness=1.2,
                color=colors.HexColor(ACCENT),
                spaceBefore=0,
                spaceAfter=12,
            ),
        ]

    def list_flowable(self, items: list[ListEntry], key_prefix: str) -> ListFlowable:
        """A bulleted or numbered list, nested items inside their parent."""
        return self._list(list(enumerate(items)), 0, key_prefix)

    def _list(self, entries: list[tuple[int, ListEntry]], depth: int, prefix: str) -> ListFlowable:
        flow_items = []
        k = 0
        while k < len(entries):
            idx, entry = entries[k]
            j = k + 1
            while j < len(entries) and entries[j][1].depth > depth:
                j += 1
            content: list[Any] = [self.para(entry.text, "item", key=f"{prefix}.{idx}")]
            if j > k + 1:
                content.append(self._list(entries[k + 1 : j], depth + 1, prefix))
            flow_items.append(ListItem(content if len(content) > 1 else content[0]))
            k = j
        size = self.styles["item"].fontSize
        kwargs = {
            "bulletFontName": FONT,
            "bulletFontSize": size,
            "leftIndent": size * 1.6,
            "bulletDedent": size * 1.2,
            "spaceBefore": 0,
            "spaceAfter": size * 0.5,
        }
        first = entries[0][1]
        if first.ordered:
            return ListFlowable(
                flow_items, bulletType="1", start=first.number or 1, bulletFormat="%s.", **kwargs
            )
        bullet = "\u2022" if depth == 0 else "\u2013"
        return ListFlowable(flow_items, bulletType="bullet", start=bullet, **kwargs)

    def heading_break(self, style_name: str) -> HeadingBreak:
        """Start a new frame when a heading would sit at the foot of one without its text."""
        style, body = self.styles[style_name], self.styles["body"]
        return HeadingBreak(style.spaceBefore + style.leading * 2 + body.leading * 3)

    def band(self, paragraph: TrackedParagraph) -> Table:
        """A flyer section heading on a coloured band."""
        table = Table([[paragraph]], colWidths=[None], hAlign="LEFT")
        table.setStyle(_padded(ACCENT, FLYER_BOX_PAD, 5, 7))
        table.spaceBefore = 8
        return table

    def open_box(self) -> list[Any]:
        """Start the tinted box that holds a flyer section."""
        return [
            FrameBG(color=colors.HexColor(TINT), left=0, right=0),
            Indenter(FLYER_BOX_PAD, FLYER_BOX_PAD),
            Spacer(1, FLYER_BOX_PAD),
        ]

    def close_box(self) -> list[Any]:
        """End the tinted box of a flyer section."""
        return [
            Spacer(1, FLYER_BOX_PAD * 0.5),
            FrameBG(start=False),
            Indenter(-FLYER_BOX_PAD, -FLYER_BOX_PAD),
            Spacer(1, 10),
        ]
