"""The story of a PDF: blocks placed by layout (report, two-column, slides, flyer) in columns."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak
from reportlab.platypus.flowables import BalancedColumns

from ..markup import Block
from .builder import PdfBuilder
from .flowables import ColumnSwitch, HeadingBreak
from .headings import heading_labels
from .styles import FLYER_BOX_PAD
from .tables import table_flowable

Segment = tuple[int, list[Any]]  # (number of columns, flowables)


class _Segmenter:
    """Walks the blocks of a source and groups their flowables by column count."""

    def __init__(self, builder: PdfBuilder):
        self.builder = builder
        self.layout = builder.layout
        self.labels = heading_labels(
            builder.src.blocks, numbered=self.layout in ("report", "two-column")
        )
        self.segments: list[Segment] = [(2 if self.layout == "two-column" else 1, [])]
        self.slide_has_content = True  # the title slide
        self.box_open = False

    @property
    def flows(self) -> list[Any]:
        return self.segments[-1][1]

    def run(self) -> list[Segment]:
        for i, block in enumerate(self.builder.src.blocks):
            if block.kind == "title":
                continue
            if block.kind in ("h2", "columns", "pagebreak"):
                self._close_box()
                self._section(i, block)
            else:
                self.slide_has_content = True
                self._content(i, block)
        self._close_box()
        return self.segments

    def _close_box(self) -> None:
        if self.box_open:
            self.flows.extend(self.builder.close_box())
            self.box_open = False

    def _section(self, i: int, block: Block) -> None:
        """Blocks that start something: a column count, a page, a section."""
        if block.kind == "columns":
            if block.value != self.segments[-1][0]:
                self.segments.append((block.value, []))
        elif block.kind == "pagebreak":
            self.flows.append(PageBreak())
            self.slide_has_content = False
        else:
            self._h2(i, block)
            self.slide_has_content = True

    def _h2(self, i: int, block: Block) -> None:
        builder, flows = self.builder, self.flows
        if self.layout == "slides":
            if self.slide_has_content:
                flows.append(PageBreak())
            flows.append(builder.para(block.text, "h2", key=f"b{i}", label=self.labels[i]))
        elif self.layout == "flyer":
            flows.append(builder.heading_break("h2"))
            flows.append(builder.band(builder.para(block.text, "h2", key=f"b{i}")))
            flows.extend(builder.open_box())
            self.box_open = True
        else:
            flows.append(builder.heading_break("h2"))
            flows.append(builder.para(block.text, "h2", key=f"b{i}", label=self.labels[i]))

    def _content(self, i: int, block: Block) -> None:
        builder, flows, key = self.builder, self.flows, f"b{i}"
        if block.kind == "h3":
            if self.layout != "slides":
                flows.append(builder.heading_break("h3"))
            flows.append(builder.para(block.text, "h3", key=key, label=self.labels[i]))
        elif block.kind == "para":
            flows.append(builder.para(block.text, "body", key=key))
        elif block.kind == "list":
            flows.append(builder.list_flowable(block.items, key))
        elif block.kind == "table":
            width = builder.geometry.column_width(self.segments[-1][0])
            inset = 2 * FLYER_BOX_PAD if self.box_open else 0
            flows.append(table_flowable(builder, block, width - inset, key))


def segments(builder: PdfBuilder) -> list[Segment]:
    """Flowables of the body grouped by column count: [(ncols, flowables), ...]."""
    return _Segmenter(builder).run()


def _merged(parts: list[Segment]) -> list[Segment]:
    """Non-empty segments, neighbours with the same column count joined."""
    merged: list[Segment] = []
    for ncols, flows in parts:
        if not flows:
            continue
        if merged and merged[-1][0] == ncols:
            merged[-1][1].extend(flows)
        else:
            merged.append((ncols, flows))
    return merged


def _balanced(flows: list[Any], ncols: int, gap: float, name: str) -> list[Any]:
    """Columns balanced on the page, one set per stretch between page breaks."""
    story: list[Any] = []
    chunk: list[Any] = []
    for flow in [*flows, None]:
        if flow is not None and not isinstance(flow, PageBreak):
            if not isinstance(flow, HeadingBreak):
                chunk.append(flow)
            continue
        if chunk:
            story.append(
                BalancedColumns(
                    chunk,
                    nCols=ncols,
                    innerPadding=gap,
                    leftPadding=0,
                    rightPadding=0,
                    topPadding=0,
                    bottomPadding=0,
                    spaceAfter=6,
                    name=name,
                )
            )
        if flow is not None:
            story.append(flow)
        chunk = []
    return story


def story(builder: PdfBuilder) -> tuple[list[Any], int]:
    """The flowables of the whole document and the number of explicit page breaks.

    Multi-column stretches before the last are balanced; the last one switches the page
    template so that it can flow over many pages.
    """
    flowables = builder.title_block()
    parts = _merged(segments(builder))
    page_breaks = sum(isinstance(f, PageBreak) for _, flows in parts for f in flows)
    for k, (ncols, flows) in enumerate(parts):
        if ncols == 1:
            flowables.extend(flows)
        elif k < len(parts) - 1:
            flowables.extend(_balanced(flows, ncols, builder.geometry.gap, f"bc{k}"))
        else:
            flowables.append(ColumnSwitch(ncols))
            flowables.extend(flows)
    return flowables, page_breaks
