"""Where text and images sit on a PDF page: the two-column test and the scan of drawn images.

A cheap pass over the raw content stream decides whether a page deserves the exact (and slower)
visitor pass of pypdf, which notes where text is shown and which images are drawn.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pypdf import PageObject

_SHOW_TEXT = {b"Tj", b"TJ", b"'", b'"'}
_DRAW_IMAGE = {b"Do", b"INLINE IMAGE"}


@dataclass
class PageScan:
    """What the visitor saw on one page: text-show positions and drawn images."""

    shows: list[tuple[float, float]] = field(default_factory=list)
    images: list[tuple[str, float]] = field(default_factory=list)

    def visit(self, op: bytes, args: Any, cm: Any, tm: Any) -> None:
        if op in _SHOW_TEXT:
            # Position of the text matrix in page space: (tm x cm) applied to the origin.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            self.shows.append((x, y))
        elif op in _DRAW_IMAGE:
            name = str(args[0]) if op == b"Do" and args else ""
            self.images.append((name, abs(cm[0] * cm[3] - cm[1] * cm[2])))


_POSITION_OP = re.compile(rb"\b(?:BT|T[mdD])\b")


def _operands(data: bytes, end: int, n: int) -> list[float] | None:
    """The ``n`` numbers just before offset ``end`` of a content stream, if they are numbers."""
    parts = data[max(0, end - 24 * n) : end].split()[-n:]
    try:
        return [float(p) for p in parts] if len(parts) == n else None
    except ValueError:
        return None


def stream_positions(page: PageObject) -> list[tuple[float, float]]:
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


def interleaved_columns(shows: list[tuple[float, float]], width: float) -> bool:
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


def page_width(page: PageObject) -> float:
    try:
        return float(page.mediabox.width)
    except Exception:
        return 0.0


def drawn_image_share(scan: PageScan, page: PageObject) -> float:
    try:
        area = float(page.mediabox.width) * float(page.mediabox.height)
    except Exception:
        return 1.0 if scan.images else 0.0
    if area <= 0:
        return 1.0 if scan.images else 0.0
    return max((a for _, a in scan.images), default=0.0) / area


def image_names(page: PageObject, depth: int = 3) -> set[str]:
    """Names of the image XObjects of a page and of the forms it uses (``/Im0``)."""
    names: set[str] = set()

    def walk(resources: Any, level: int) -> None:
        try:
            xobjects: Any = resources.get_object().get("/XObject") or {}
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


def scan_page(page: PageObject) -> PageScan:
    """The exact text positions and drawn images of a page (a second, visiting pass)."""
    scan = PageScan()
    with contextlib.suppress(Exception):
        page.extract_text(visitor_operand_before=scan.visit)
    return scan
