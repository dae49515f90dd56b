"""DOCX extraction with python-docx: paragraphs and tables in document order."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import IngestError


def read_docx(path: Path) -> tuple[str, str, str]:
    """Return (text, core title, core author) of a Word file."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(f"corrupt or unreadable DOCX: {exc}") from exc

    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.strip()
            if text:
                blocks.append(text)
        elif isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                rows.append(" | ".join(cells))
            blocks.append("\n".join(rows))
    props = document.core_properties
    return "\n\n".join(blocks), props.title or "", props.author or ""
