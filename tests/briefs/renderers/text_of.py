"""What each format shows a reader, as plain text: the tests' independent readers.

Markdown is rendered by markdown-it-py (CommonMark with raw HTML allowed, tables on): the
strictest viewer a brief may meet. A new registered format needs a reader here (a test says so).
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser

import docx
from markdown_it import MarkdownIt

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def markdown_html(data: bytes) -> str:
    """The HTML a CommonMark viewer that passes HTML through makes of a Markdown file."""
    return MARKDOWN.render(data.decode("utf-8"))


def markdown_lines(data: bytes) -> list[str]:
    """The text of each block (heading, paragraph, list item, table cell) of a Markdown file."""
    lines = []
    for token in MARKDOWN.parse(data.decode("utf-8")):
        if token.type == "inline":
            parts = [c.content if c.type != "softbreak" else " " for c in token.children or []]
            lines.append(" ".join("".join(parts).split()))
    return lines


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_tags_and_text(page: str) -> tuple[list[str], str]:
    parser = _Text()
    parser.feed(page)
    return parser.tags, " ".join("".join(parser.parts).split())


def docx_lines(data: bytes) -> list[str]:
    """Paragraph and table-cell texts of a Word file, in document order."""
    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines += [" ".join(c.text.split()) for row in block.rows for c in row.cells]
        else:
            lines.append(" ".join(block.text.split()))
    return [line for line in lines if line]


def docx_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(
            archive.read(n).decode("utf-8", "replace")
            for n in archive.namelist()
            if n.endswith(".xml")
        )


def json_strings(data: bytes) -> list[str]:
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(json.loads(data))
    return out


def _md_text(data: bytes) -> tuple[list[str], str]:
    tags, text = html_tags_and_text(markdown_html(data))
    return tags, text


def _html_text(data: bytes) -> tuple[list[str], str]:
    return html_tags_and_text(data.decode("utf-8"))


def _docx_text(data: bytes) -> tuple[list[str], str]:
    tags = re.findall(r"<(script|img)\b", docx_xml(data))
    return tags, " ".join(docx_lines(data))


def _json_text(data: bytes) -> tuple[list[str], str]:
    return [], " ".join(" ".join(json_strings(data)).split())


# name -> (tags a reader's viewer would build, the text it shows)
READERS: dict[str, Callable[[bytes], tuple[list[str], str]]] = {
    "markdown": _md_text,
    "html": _html_text,
    "docx": _docx_text,
    "json": _json_text,
}
MARKUP = {"markdown", "html", "docx"}
unescape = html.unescape
