"""Words of a corpus document, counted as a reader sees them (the README table's totals)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from .markup import Block, parse_markup
from .metadata import document_format, read_front_matter_of, source_for

WORD_RE = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")


def normalise(text: str) -> str:
    """Text with every run of white space (no-break spaces too) made one space."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def count_words(text: str) -> int:
    """Number of words (letters and digits, joined by apostrophes or hyphens)."""
    return len(WORD_RE.findall(text))


def block_texts(blocks: Iterable[Block]) -> list[str]:
    """The visible strings of parsed blocks, in reading order."""
    out: list[str] = []
    for block in blocks:
        if block.kind in ("title", "h2", "h3", "para"):
            out.append(block.text)
        elif block.kind == "list":
            out.extend(item.text for item in block.items)
        elif block.kind == "table":
            out.extend(block.header)
            for row in block.rows:
                out.extend(row)
    return out


class VisibleTextParser(HTMLParser):
    """Collects the visible text of an HTML page, skipping head, script, style, nav and footer.

    Not the library's HTML reader: that one keeps the main content only, while a word count
    wants everything a visitor reads on the page.
    """

    SKIP = frozenset({"head", "script", "style", "nav", "footer", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth: Counter[str] = Counter()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.depth[tag]:
            self.depth[tag] -= 1

    def handle_data(self, data: str) -> None:
        if not any(self.depth.values()):
            self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts)).strip()


def html_visible_text(markup: str) -> str:
    """The visible text of an HTML page, white space folded."""
    parser = VisibleTextParser()
    parser.feed(markup)
    parser.close()
    return parser.text()


def document_text(document: Path) -> str:
    """The text whose words a corpus document counts (its source for generated files)."""
    source = source_for(document)
    if source is not None:
        _, body, first = read_front_matter_of(source)
        blocks, _ = parse_markup(body, first)
        return "\n".join(block_texts(blocks))
    fmt = document_format(document)
    if fmt == "html":
        return html_visible_text(document.read_text(encoding="utf-8", errors="replace"))
    if fmt in ("markdown", "text"):
        return read_front_matter_of(document)[1]
    return ""


def document_words(document: Path) -> int:
    """:func:`count_words` of :func:`document_text`."""
    return count_words(document_text(document))
