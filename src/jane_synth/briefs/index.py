"""``briefs/index.html`` and ``index.md``: every brief in every format, and the coverage map.

The map is a table (grade and quote count per NoE and design dimension) and a heatmap,
``coverage.svg``, written next to the index and embedded in the HTML page as a ``data:``
address. The page has no script; its Content-Security-Policy allows only its own style block
and ``data:`` images.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from pathlib import Path

from .coverage import coverage, coverage_svg
from .model import Brief
from .renderers import renderers
from .renderers.labels import GRADE_NOTE
from .renderers.templating import environment

COVERAGE_SVG = "coverage.svg"
INDEX_FILES = (COVERAGE_SVG, "index.md", "index.html")
"""What :func:`write_index` writes next to the briefs."""
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem;
  line-height: 1.45; color: #1d2433; }
table { border-collapse: collapse; } td, th { border: 1px solid #d0d7e2; padding: .25rem .5rem; }
td.strong { background: #08519c; color: #fff; } td.moderate { background: #6baed6; }
td.thin { background: #c6dbef; } td.none { background: #f7f7f7; }
img { max-width: 100%; }
"""


def csp() -> str:
    """The index page's policy: its style block and ``data:`` images, nothing else."""
    digest = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; img-src data:; style-src 'sha256-{digest}'; "
        "base-uri 'none'; form-action 'none'"
    )


def _context(briefs: Sequence[Brief]) -> dict[str, object]:
    return {
        "briefs": briefs,
        "formats": [(r.name, r.suffix) for r in renderers()],
        "dimensions": [s.dimension for s in briefs[0].sections] if briefs else [],
        "rows": coverage(briefs),
        "grade_note": GRADE_NOTE,
        "svg_name": COVERAGE_SVG,
    }


def render_index_markdown(briefs: Sequence[Brief]) -> str:
    """``index.md``: the links, the coverage table and the heatmap as an image."""
    return environment(False).get_template("briefs_index.md.j2").render(**_context(briefs))


def render_index_html(briefs: Sequence[Brief], svg: str) -> str:
    """``index.html``: the links, the heatmap (``svg`` as a ``data:`` image) and the table."""
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (
        environment(True)
        .get_template("briefs_index.html.j2")
        .render(csp=csp(), style=STYLE, svg_uri=uri if svg else "", **_context(briefs))
    )


def write_index(briefs: Sequence[Brief], out_dir: Path) -> list[Path]:
    """Write ``index.md``, ``index.html`` and ``coverage.svg`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    svg = coverage_svg(briefs)
    files = {
        COVERAGE_SVG: svg,
        "index.md": render_index_markdown(briefs),
        "index.html": render_index_html(briefs, svg),
    }
    written = []
    for name, text in files.items():
        path = out_dir / name
        path.write_text(text, "utf-8")
        written.append(path)
    return written
