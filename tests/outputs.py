"""Comparing two runs' output folders: every compared file, the run date left out."""

from __future__ import annotations

import json
from pathlib import Path

from tests.briefs.renderers.text_of import docx_lines

COMPARED = ("briefs", "manifest.json", "themes.json", "ingest_report.json", "index/bm25")


def _content(path: Path, date: bytes) -> bytes:
    """A file's bytes with the run date replaced (a Word file: its text)."""
    data = path.read_bytes()
    if path.suffix == ".docx":
        data = "\n".join(docx_lines(data)).encode()
    return data.replace(date, b"DATE")


def output_files(root: Path, compared: tuple[str, ...] = COMPARED) -> dict[str, bytes]:
    """Every compared file; the run's date (in the briefs and manifest.json) is not compared."""
    date = json.loads((root / "manifest.json").read_text("utf-8"))["run_date"].encode()
    found: dict[str, bytes] = {}
    for name in compared:
        base = root / name
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        found |= {p.relative_to(root).as_posix(): _content(p, date) for p in paths}
    return found
