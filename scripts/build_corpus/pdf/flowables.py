"""reportlab subclasses: tracked paragraphs, heading breaks, column switches, the page template."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import CondPageBreak, Paragraph
from reportlab.platypus.doctemplate import ActionFlowable, BaseDocTemplate, PageTemplate
from reportlab.platypus.frames import Frame

from .styles import Geometry

MIN_SPLIT_HEIGHT = 60  # below this, a column switch starts a new page instead


class Track:
    """Where a tracked paragraph reports its pages; shared, never copied (reportlab deep-copies
    paragraphs when it splits balanced columns)."""

    def __init__(self, registry: dict[str, list[int]], key: str):
        self.registry = registry
        self.key = key

    def __deepcopy__(self, memo: Any) -> Track:
        return self

    def __copy__(self) -> Track:
        return self


class TrackedParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that records the pages it is drawn on (for the round-trip check)."""

    def __init__(self, text: str, style: Any, *args: Any, track: Track | None = None, **kw: Any):
        super().__init__(text, style, *args, **kw)
        self._track = track

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        for part in parts:
            part._track = getattr(self, "_track", None)
        return parts

    def draw(self) -> None:
        track = getattr(self, "_track", None)
        if track is not None:
            pages = track.registry.setdefault(track.key, [])
            page = self.canv.getPageNumber()
            if page not in pages:
                pages.append(page)
        super().draw()


class HeadingBreak(CondPageBreak):  # type: ignore[misc]
    """CondPageBreak before a heading (dropped inside balanced columns)."""


class ColumnSwitch(ActionFlowable):  # type: ignore[misc]
    """Continue in ``n`` columns from the current position (rest of the page and after)."""

    def __init__(self, n: int):
        ActionFlowable.__init__(self)
        self.n = n

    def apply(self, doc: CorpusDocTemplate) -> None:
        doc.switch_columns(self.n)


def column_frames(geometry: Geometry, n: int, y: float, height: float, prefix: str) -> list[Frame]:
    """``n`` frames side by side, ``height`` tall from ``y``, without padding."""
    width = geometry.column_width(n)
    return [
        Frame(
            geometry.left + i * (width + geometry.gap),
            y,
            width,
            height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"{prefix}-{i}",
        )
        for i in range(n)
    ]


class CorpusDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """A document with page templates of 1, 2 and 3 columns that can switch mid-page."""

    def __init__(
        self, buffer: Any, geometry: Geometry, furniture_cb: Callable[..., None], **kwargs: Any
    ):
        self.geometry = geometry
        self.furniture_cb = furniture_cb
        super().__init__(
            buffer,
            pagesize=geometry.pagesize,
            leftMargin=geometry.left,
            rightMargin=geometry.right,
            topMargin=geometry.top,
            bottomMargin=geometry.bottom,
            **kwargs,
        )
        templates = []
        for n in (1, 2, 3):
            frames = column_frames(geometry, n, geometry.bottom, geometry.body_height, f"c{n}")
            template = PageTemplate(id=f"cols{n}", frames=frames, onPage=self._on_page)
            template.base_frames = list(frames)
            templates.append(template)
        self.addPageTemplates(templates)

    def _on_page(self, canv: Any, doc: Any) -> None:
        self.furniture_cb(canv, doc)

    def handle_pageBegin(self) -> None:
        for template in self.pageTemplates:
            template.frames = list(template.base_frames)
        super().handle_pageBegin()

    def switch_columns(self, n: int) -> None:
        """Go on in ``n`` columns below what the current page holds (or on the next page)."""
        self.handle_nextPageTemplate(f"cols{n}")
        frame = self.frame
        frames = self.pageTemplate.frames
        if len(frames) != 1 or frame is not frames[0]:
            # only switches out of a single full-width frame happen mid-page
            self.handle_pageBreak()
            return
        gap = 0 if frame._atTop else max(getattr(frame, "_prevASpace", 0), 4)
        top = frame._y - gap
        bottom = frame._y1 + frame._bottomPadding
        if top - bottom < MIN_SPLIT_HEIGHT:
            self.handle_pageBreak()
            return
        new = column_frames(self.geometry, n, bottom, top - bottom, f"s{self.page}-{n}")
        self.pageTemplate.frames = [frame, *new]
        self.handle_frameEnd()
