"""The theme report's pictures, drawn with matplotlib as SVG (no timestamps, fixed ids, so the
same themes give the same bytes)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..records import Theme

_RC: Any = {"svg.hashsalt": "jane-synth", "svg.fonttype": "none", "font.size": 8}


def _svg(fig: object) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")  # type: ignore[attr-defined]
    plt.close(fig)  # type: ignore[arg-type]
    return buffer.getvalue()


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
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    leaves = [t for t in themes if t.theme_id in centroids and not _is_parent(t, themes)]
    if not leaves:
        return ""
    xy = map_coordinates(np.stack([centroids[t.theme_id] for t in leaves]))
    tops = sorted({t.parent if t.parent is not None else t.theme_id for t in leaves})
    colour = {top: plt.get_cmap("tab20")(i % 20) for i, top in enumerate(tops)}
    with matplotlib.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7, 5))
        for (x, y), t in zip(xy, leaves, strict=True):
            top = t.parent if t.parent is not None else t.theme_id
            ax.scatter([x], [y], s=30 + 6 * t.size, color=colour[top], alpha=0.6)
            ax.annotate(f"{t.theme_id}: {t.label}", (x, y), fontsize=6, ha="center")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title("Themes by similarity (colour: broad theme; area: chunks)")
        return _svg(fig)


def _is_parent(theme: Theme, themes: Sequence[Theme]) -> bool:
    return any(t.parent == theme.theme_id for t in themes)


def domain_bars_svg(rows: Sequence[tuple[str, Mapping[str, int]]], domains: Sequence[str]) -> str:
    """Horizontal bars, one per theme (``(name, chunks per NoE domain)``), stacked by domain."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if not rows or not domains:
        return ""
    with matplotlib.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7, 0.3 * len(rows) + 1.5))
        left = np.zeros(len(rows))
        y = np.arange(len(rows))[::-1]
        for i, domain in enumerate(domains):
            widths = np.array([counts.get(domain, 0) for _, counts in rows], dtype=float)
            ax.barh(y, widths, left=left, color=plt.get_cmap("tab10")(i % 10), label=domain)
            left += widths
        ax.set_yticks(y, [name for name, _ in rows])
        ax.set_xlabel("chunks (a chunk counts for each NoE domain its document is about)")
        ax.legend(fontsize=6, loc="lower right")
        ax.set_title("Theme sizes by NoE domain")
        return _svg(fig)
