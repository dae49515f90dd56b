"""Markdown: light markup removal that keeps headings and lists; the first heading is the title."""

from __future__ import annotations

import re
from pathlib import Path

from .registry import Extracted, ReadOptions, register
from .text import read_with_front_matter

_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FIRST_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    """Plain text of Markdown: no '#', emphasis markers, link targets or table rules."""
    text = _HTML_COMMENT.sub("", text)
    text = _TABLE_RULE.sub("", text)
    text = _HEADING.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            line = " | ".join(c.strip() for c in stripped.strip("|").split("|"))
        lines.append(line)
    return "\n".join(lines)


def first_heading(text: str) -> str:
    """The text of the first level-1 heading, or ""."""
    m = _FIRST_HEADING.search(text)
    return m.group(1).strip() if m else ""


class MarkdownFormat:
    """Markdown: front matter as declared metadata, the text without markup as one page."""

    name: str = "markdown"
    suffixes: tuple[str, ...] = (".md", ".markdown")

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Extracted:
        """The text without markup as one page; the first ``# heading`` as inferred title."""
        return read_with_front_matter(path, data, markdown_to_text, first_heading)


register(MarkdownFormat())
