"""Writing briefs as Markdown, HTML and JSON, and checking every citation against the store."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..store import Store
from .model import Brief


def _anchor(heading: str) -> str:
    """The anchor GitHub-style Markdown renderers give a heading."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -")
    return kept.replace(" ", "-")


def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("jane_synth", "templates"),
        autoescape=autoescape,  # by argument: select_autoescape would not match "*.html.j2"
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["anchor"] = _anchor
    env.filters["md_escape"] = lambda s: str(s).replace("*", "\\*").replace("_", "\\_")
    return env


def render_markdown(brief: Brief) -> str:
    return _environment(False).get_template("brief.md.j2").render(brief=brief)


def render_html(brief: Brief) -> str:
    return _environment(True).get_template("brief.html.j2").render(brief=brief)


def brief_to_dict(brief: Brief) -> dict:
    return {
        "noe": brief.noe.slug,
        "title": f"Evidence brief: {brief.noe.name}",
        "corpus_fingerprint": brief.corpus_fingerprint,
        "n_documents_in_corpus": brief.n_documents_in_corpus,
        "sections": [
            {
                "dimension": s.dimension.slug,
                "name": s.dimension.name,
                "question": s.dimension.description,
                "evidence": [
                    {**{k: v for k, v in asdict(ev).items() if k != "citation"},
                     "citation": asdict(ev.citation)}
                    for ev in s.evidence
                ],
                "gaps": list(s.gaps),
            }
            for s in brief.sections
        ],
        "gaps": [asdict(g) for g in brief.gaps],
    }  # fmt: skip


def write_briefs(briefs: list[Brief], out_dir: Path) -> list[Path]:
    """Write ``<slug>.md``, ``<slug>.html`` and ``<slug>.json`` per brief; remove stale ones."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for brief in briefs:
        slug = brief.noe.slug
        for suffix, text in (
            (".md", render_markdown(brief)),
            (".html", render_html(brief)),
            (".json", json.dumps(brief_to_dict(brief), indent=2, ensure_ascii=False) + "\n"),
        ):
            path = out_dir / f"{slug}{suffix}"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    keep = {p.name for p in written}
    for stale in out_dir.glob("*"):
        if stale.is_file() and stale.suffix in {".md", ".html", ".json"} and stale.name not in keep:
            stale.unlink()
    return written


def verify_brief_file(path: Path, store: Store) -> list[str]:
    """Problems with a brief's citations: each quote must be on its cited page at its offsets."""
    data = json.loads(path.read_text("utf-8"))
    problems = []
    for section in data["sections"]:
        for ev in section["evidence"]:
            cite = ev["citation"]
            page_text = store.page_text(cite["doc_id"], cite["page"])
            where = f"{path.name} [{section['dimension']}] {cite['title']!r} p. {cite['page']}"
            if page_text is None:
                problems.append(f"{where}: cited page not in the store")
            elif page_text[ev["start"] : ev["end"]] != ev["quote"]:
                problems.append(f"{where}: quote not found at its offsets")
    return problems
