"""The theme report's pictures, written as SVG by :mod:`jane_synth.svg` (no timestamps, no ids,
so the same themes give the same bytes)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from ..records import Theme
from ..svg import TAB10, TAB20, Canvas, nice_ticks, text_width


def map_coordinates(centroids: np.ndarray) -> np.ndarray:
    """Two coordinates per centroid: its first two principal components, signs fixed so that
    the largest loading of each axis is positive."""
    if len(centroids) < 3:
        return np.column_stack([np.arange(len(centroids), dtype=float), np.zeros(len(centroids))])
    centred = centroids - centroids.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    axes = vt[:2] * np.sign(vt[:2][np.arange(2), np.abs(vt[:2]).argmax(axis=1)])[:, None]
    coords: np.ndarray = centred @ axes.T
    return coords


def theme_map_svg(themes: Sequence[Theme], centroids: Mapping[int, np.ndarray]) -> str:
    """A 2-D map of the sub-themes: one bubble each (area by size, colour by broad theme),
    numbered by theme id."""
    leaves = [t for t in themes if t.theme_id in centroids and not _is_parent(t, themes)]
    if not leaves:
        return ""
    xy = map_coordinates(np.stack([centroids[t.theme_id] for t in leaves]))
    tops = sorted({t.parent if t.parent is not None else t.theme_id for t in leaves})
    colour = {top: TAB20[i % len(TAB20)] for i, top in enumerate(tops)}
    width, height, left, top_y, plot_w, plot_h = 720.0, 520.0, 40.0, 50.0, 640.0, 440.0
    canvas = Canvas(width, height, "Themes by similarity (colour: broad theme; area: chunks)")
    canvas.text(width / 2, 24, canvas.title, size=13, anchor="middle")
    canvas.rect(left - 10, top_y - 10, plot_w + 20, plot_h + 20, "none", stroke="#bbbbbb")
    low, span = xy.min(axis=0), np.maximum(np.ptp(xy, axis=0), 1e-9)
    points = [(left + (x - low[0]) / span[0] * plot_w,
               top_y + (1 - (y - low[1]) / span[1]) * plot_h) for x, y in xy]  # fmt: skip
    # Large bubbles first, so that small ones stay visible on top of them.
    order = sorted(range(len(leaves)), key=lambda i: (-leaves[i].size, leaves[i].theme_id))
    for i in order:
        t, (x, y) = leaves[i], points[i]
        top = t.parent if t.parent is not None else t.theme_id
        radius = 1.33 * math.sqrt((30 + 6 * t.size) / math.pi)  # area grows with the chunks
        canvas.circle(x, y, radius, colour[top], 0.6, f"{t.theme_id}: {t.label} ({t.size} chunks)")
    for i in order:
        t, (x, y) = leaves[i], points[i]
        name = f"{t.theme_id}: {t.label}"
        half = text_width(name, 8) / 2
        canvas.text(min(max(x, half + 4), width - half - 4), y + 3, name, size=8, anchor="middle")
    return canvas.render()


def _is_parent(theme: Theme, themes: Sequence[Theme]) -> bool:
    return any(t.parent == theme.theme_id for t in themes)


def domain_bars_svg(rows: Sequence[tuple[str, Mapping[str, int]]], domains: Sequence[str]) -> str:
    """Horizontal bars, one per theme (``(name, chunks per NoE domain)``), stacked by domain."""
    if not rows or not domains:
        return ""
    row_h, plot_w, top_y = 18.0, 420.0, 44.0
    left = 12 + max(text_width(name, 9) for name, _ in rows)
    totals = [sum(counts.get(d, 0) for d in domains) for _, counts in rows]
    ticks = nice_ticks(max(totals))
    scale = plot_w / ticks[-1]
    axis_y = top_y + row_h * len(rows) + 4
    column_w = 24 + max(text_width(d, 9) for d in domains)
    per_line = max(1, int((plot_w + 20) // column_w))
    legend_y = axis_y + 50
    height = legend_y + 16 * -(-len(domains) // per_line) + 8
    canvas = Canvas(left + plot_w + 30, height, "Theme sizes by NoE domain")
    canvas.text(canvas.width / 2, 22, canvas.title, size=13, anchor="middle")
    for r, (name, counts) in enumerate(rows):
        y = top_y + r * row_h
        canvas.text(left - 6, y + row_h * 0.65, name, size=9, anchor="end")
        x = left
        for i, domain in enumerate(domains):
            n = counts.get(domain, 0)
            if n:
                canvas.rect(x, y + 3, n * scale, row_h - 6, TAB10[i % len(TAB10)],
                            tooltip=f"{name}: {n} chunks about {domain}")  # fmt: skip
                x += n * scale
    canvas.line(left, axis_y, left + plot_w, axis_y)
    for tick in ticks:
        x = left + tick * scale
        canvas.line(x, axis_y, x, axis_y + 4)
        canvas.text(x, axis_y + 15, f"{tick:g}", size=9, anchor="middle")
    canvas.text(left + plot_w / 2, axis_y + 32, "chunks (a chunk counts for each NoE domain its "
                "document is about)", size=9, anchor="middle")  # fmt: skip
    for i, domain in enumerate(domains):
        x = left + (i % per_line) * column_w
        y = legend_y + 16 * (i // per_line)
        canvas.rect(x, y - 9, 10, 10, TAB10[i % len(TAB10)])
        canvas.text(x + 14, y, domain, size=9)
    return canvas.render()
