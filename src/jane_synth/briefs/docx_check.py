"""The Word brief against its JSON brief: every quote must be in the document, verbatim."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx

from .renderers import load_brief
from .renderers.word import xml_safe


def _flat(text: str) -> str:
    return " ".join(text.split())


def docx_text(data: bytes) -> str:
    """The text of every paragraph and table cell of a Word file, whitespace collapsed."""
    document: Any = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return _flat("\n".join(parts))


def docx_problems(docx_path: Path, json_path: Path) -> list[str]:
    """The JSON brief's quotes that the Word brief does not show (in quotation marks)."""
    text = docx_text(Path(docx_path).read_bytes())
    return [
        f"{Path(docx_path).name} [{q.dimension}] p. {q.citation.page}: quote not in the document"
        for q in load_brief(json_path).quotes
        if f'"{_flat(xml_safe(q.quote))}"' not in text
    ]
