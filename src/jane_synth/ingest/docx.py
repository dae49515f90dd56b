"""DOCX extraction with python-docx: paragraphs and tables in document order.

The zip directory is checked before anything is decompressed: a file that would unzip to more
than ``max_unzipped_bytes``, or whose parts are compressed more than ``max_zip_ratio`` times (a
zip bomb is mostly repetition), is refused. The directory's sizes bound what is inflated, since
``zipfile`` never reads past a member's declared size.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from .errors import IngestError
from .limits import limit_reason
from .metadata import read_sidecar
from .registry import Extracted, Inferred, ReadOptions, register


def check_zip_directory(data: bytes, options: ReadOptions) -> None:
    """Raise :class:`IngestError` when ``data`` is no zip or would unzip beyond the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise IngestError(f"corrupt or unreadable DOCX: not a zip archive ({exc})") from exc
    unzipped = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if unzipped > options.max_unzipped_bytes:
        amount = f"{unzipped:,} bytes unzipped"
        raise IngestError(limit_reason(amount, "max_unzipped_bytes", options.max_unzipped_bytes))
    ratio = unzipped / max(packed, 1)
    if ratio > options.max_zip_ratio:
        amount = f"compressed {ratio:,.0f} times"
        raise IngestError(limit_reason(amount, "max_zip_ratio", options.max_zip_ratio))


def _blocks(document: Any) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

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
    return blocks


def read_docx(data: bytes) -> tuple[str, str, str]:
    """Return (text, core title, core author) of a Word file's bytes."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise IngestError(f"corrupt or unreadable DOCX: {exc}") from exc
    props = document.core_properties
    return "\n\n".join(_blocks(document)), props.title or "", props.author or ""


class DocxFormat:
    """Word files: paragraphs and tables as one page; core properties as inferred metadata."""

    name: str = "docx"
    suffixes: tuple[str, ...] = (".docx",)

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Extracted:
        """The text as one page, after the zip directory passed the size limits."""
        check_zip_directory(data, options)
        text, title, author = read_docx(data)
        return Extracted((text,), read_sidecar(path), Inferred(title, author))

    def warm_up(self) -> None:
        """Import python-docx before worker processes are forked."""
        import docx  # noqa: F401


register(DocxFormat())
