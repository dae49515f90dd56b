"""Writing briefs in every registered format, and checking every citation against the store.

The formats themselves are the renderers of :mod:`jane_synth.briefs.renderers`.
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_bytes_atomic
from ..store import Store
from .index import write_index
from .model import Brief
from .renderers import brief_path, brief_to_dict, get_renderer, load_brief, renderers

__all__ = [
    "brief_to_dict",
    "render_html",
    "render_markdown",
    "verify_brief_file",
    "write_briefs",
]


def render_markdown(brief: Brief) -> str:
    """The Markdown brief as text."""
    return get_renderer("markdown").render(brief).decode("utf-8")


def render_html(brief: Brief) -> str:
    """The HTML brief as text."""
    return get_renderer("html").render(brief).decode("utf-8")


def write_briefs(briefs: list[Brief], out_dir: Path) -> list[Path]:
    """Write every brief in every registered format and the index (``briefs.index``); remove
    stale files of those formats.

    Files of other suffixes in ``out_dir`` are left alone.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    formats = renderers()
    written: list[Path] = []
    for brief in briefs:
        for renderer in formats:
            path = brief_path(out_dir, brief.noe.slug, renderer.suffix)
            write_bytes_atomic(path, renderer.render(brief))
            written.append(path)
    written += write_index(briefs, out_dir)
    keep = {p.name for p in written}
    suffixes = {r.suffix for r in formats}
    for stale in sorted(out_dir.iterdir()):
        if stale.is_file() and stale.suffix in suffixes and stale.name not in keep:
            stale.unlink()
    return written


def verify_brief_file(path: Path, store: Store) -> list[str]:
    """Problems with a brief's citations: each quote, and each statement of "Where sources
    differ", must be on its cited page at its offsets."""
    problems = []
    stored = load_brief(path)
    for st in stored.divergence_statements:
        page_text = store.page_text(st.doc_id, st.page)
        if page_text is None or page_text[st.start : st.end] != st.text:
            problems.append(
                f"{path.name} [where sources differ: {st.topic}] {st.title!r} p. {st.page}: "
                "statement not found at its offsets"
            )
    for q in stored.quotes:
        cite = q.citation
        page_text = store.page_text(cite.doc_id, cite.page)
        where = f"{path.name} [{q.dimension}] {cite.title!r} p. {cite.page}"
        if page_text is None:
            problems.append(f"{where}: cited page not in the store")
        elif page_text[q.start : q.end] != q.quote:
            problems.append(f"{where}: quote not found at its offsets")
    return problems
