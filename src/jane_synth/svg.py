"""A small SVG writer for the product's charts (theme map, theme sizes, coverage map).

Plain shapes and text with coordinates rounded to 0.1 px, no ids, no date: the same chart data
gives the same bytes. Text width is estimated (``text_width``) rather than measured, which is
enough to lay out labels; viewers draw the text in their own sans-serif font.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"

# Colour cycles of categorical data (the "tab10" and "tab20" palettes of matplotlib and d3).
TAB10 = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")  # fmt: skip
TAB20 = ("#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896",
         "#9467bd", "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f", "#c7c7c7",
         "#bcbd22", "#dbdb8d", "#17becf", "#9edae5")  # fmt: skip


def text_width(text: str, size: float) -> float:
    """An estimate of ``text``'s width in a sans-serif font of ``size`` px (0.58 em a letter)."""
    return 0.58 * size * len(text)


def _n(value: float) -> str:
    """A coordinate as short, stable text (0.1 px)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass
class Canvas:
    """An SVG picture of ``width`` x ``height`` px, built shape by shape."""

    width: float
    height: float
    title: str
    _parts: list[str] = field(default_factory=list, init=False, repr=False)

    def rect(
        self, x: float, y: float, w: float, h: float, fill: str, stroke: str | None = None,
        tooltip: str | None = None,
    ) -> None:  # fmt: skip
        """A rectangle (``tooltip``: a ``<title>`` a viewer shows on hover)."""
        edge = f' stroke="{stroke}" stroke-width="0.8"' if stroke else ""
        self._shape(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
                    f'fill="{fill}"{edge}', tooltip)  # fmt: skip

    def circle(
        self, cx: float, cy: float, r: float, fill: str, opacity: float = 1.0,
        tooltip: str | None = None,
    ) -> None:  # fmt: skip
        """A disc."""
        alpha = f' fill-opacity="{opacity:g}"' if opacity < 1 else ""
        self._shape(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="{fill}"{alpha}',
                    tooltip)  # fmt: skip

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = "#333333") -> None:
        """A thin line."""
        self._parts.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
                           f'stroke="{stroke}" stroke-width="0.8"/>')  # fmt: skip

    def text(
        self, x: float, y: float, lines: str | Sequence[str], size: float = 10,
        anchor: str = "start", fill: str = "#000000", rotate: float = 0, bold: bool = False,
    ) -> None:  # fmt: skip
        """Text whose first baseline is at ``y``; several ``lines`` stack downwards."""
        rows = [lines] if isinstance(lines, str) else list(lines)
        attrs = f'x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if fill != "#000000":
            attrs += f' fill="{fill}"'
        if bold:
            attrs += ' font-weight="bold"'
        if rotate:
            attrs += f' transform="rotate({_n(rotate)} {_n(x)} {_n(y)})"'
        if len(rows) == 1:
            body = escape(rows[0])
        else:
            body = "".join(
                f'<tspan x="{_n(x)}" dy="{_n(0 if i == 0 else 1.2 * size)}">{escape(r)}</tspan>'
                for i, r in enumerate(rows)
            )
        self._parts.append(f"<text {attrs}>{body}</text>")

    def _shape(self, opening: str, tooltip: str | None) -> None:
        if tooltip:
            self._parts.append(
                f"{opening}><title>{escape(tooltip)}</title></{opening[1:].split()[0]}>"
            )
        else:
            self._parts.append(f"{opening}/>")

    def render(self) -> str:
        """The SVG document."""
        w, h = _n(self.width), _n(self.height)
        head = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}" role="img" aria-label={quoteattr(self.title)} '
            f'font-family="{FONT}">\n<title>{escape(self.title)}</title>\n'
            f'<rect width="{w}" height="{h}" fill="#ffffff"/>\n'
        )
        return head + "\n".join(self._parts) + "\n</svg>\n"


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round axis ticks from 0 to at least ``top``: steps of 1, 2 or 5 times a power of ten."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10.0 ** int(f"{raw:e}".split("e")[1])
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    n = int(-(-top // step))
    return [round(i * step, 12) for i in range(n + 1)]
