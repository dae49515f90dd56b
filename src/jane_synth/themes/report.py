"""``themes.html``: the themes for a reader, with a 2-D map and sizes by NoE domain.

A static page with no script at all: its Content-Security-Policy allows only its own style
block (by hash) and the two pictures, which are SVG files inside ``data:`` addresses.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..atomic import write_text_atomic
from ..records import Chunk
from ..store import StoredDocument
from .charts import domain_bars_svg, theme_map_svg
from .write import themes_payload

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
  line-height: 1.45; color: #1d2433; }
table { border-collapse: collapse; } td, th { border: 1px solid #d0d7e2; padding: .25rem .5rem;
  vertical-align: top; } td.n { text-align: right; }
tr.sub td:first-child { padding-left: 1.5rem; }
blockquote { margin: .3rem 0; padding: .2rem .6rem; border-left: 3px solid #2b6cb0;
  background: #f4f7fb; font-size: .9rem; }
cite { display: block; font-style: normal; font-size: .8rem; color: #4a5568; }
img { max-width: 100%; }
.kw { color: #4a5568; font-size: .85rem; }
"""


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def csp() -> str:
    """The page's policy: nothing but its style block and ``data:`` images."""
    digest = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; img-src data:; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def _bars(payload: list[dict[str, Any]]) -> str:
    top = [t for t in payload if not t.get("unassigned") and t["parent"] is None]
    rows = [(f"{t['theme_id']}: {t['label']}", t["distributions"]["noe_domains"]) for t in top]
    domains = sorted({d for _, counts in rows for d in counts})
    return domain_bars_svg(rows, domains)


def render_theme_report(
    fit: Any, chunks: Mapping[str, Chunk], documents: Mapping[str, StoredDocument]
) -> str:
    """The HTML page of ``fit`` (a :class:`~jane_synth.themes.fit.ThemeFit`)."""
    env = Environment(
        loader=PackageLoader("jane_synth", "templates"), autoescape=True,
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )  # fmt: skip
    payload = themes_payload(fit, chunks, documents)
    map_svg = theme_map_svg(fit.themes, fit.centroids)
    bars_svg = _bars(payload)
    return env.get_template("themes.html.j2").render(
        csp=csp(),
        style=STYLE,
        themes=[t for t in payload if not t.get("unassigned")],
        unassigned=payload[-1],
        map_uri=_data_uri(map_svg) if map_svg else "",
        bars_uri=_data_uri(bars_svg) if bars_svg else "",
    )


def write_theme_report(
    path: Path, fit: Any, chunks: Mapping[str, Chunk], documents: Mapping[str, StoredDocument]
) -> None:
    """Write ``themes.html`` (the same themes give the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, render_theme_report(fit, chunks, documents))
