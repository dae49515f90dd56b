"""HTML extraction: the main content without navigation, cookie banners and footers."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .errors import IngestError
from .metadata import read_sidecar
from .registry import Extracted, Inferred, ReadOptions, register
from .text import decode_text


class _TitleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def html_title(html: str) -> str:
    """The text of the page's ``<title>``, whitespace folded."""
    parser = _TitleParser()
    parser.feed(html)
    return " ".join(parser.title.split())


_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
# trafilatura's Markdown escapes characters such as "[" and "*" that are plain text on the page.
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


def extract_html(html: str) -> str:
    """Main text of a web page with headings on their own lines."""
    import trafilatura

    text = trafilatura.extract(
        html,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        include_formatting=True,
        favor_recall=True,
        deduplicate=False,
        with_metadata=False,
    )
    if not text:
        raise IngestError("empty: no main text found in the HTML page")
    text = _MD_HEADING.sub("", text)
    return _MD_ESCAPE.sub(r"\1", _MD_EMPHASIS.sub(r"\2", text))


class HtmlFormat:
    """Web pages: the main content (trafilatura), without navigation and footers."""

    name: str = "html"
    suffixes: tuple[str, ...] = (".html", ".htm")

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Extracted:
        """The main text as one page; the ``<title>`` as inferred title."""
        text, warnings = decode_text(data)
        inferred = Inferred(title=html_title(text))
        page = extract_html(text)
        return Extracted((page,), read_sidecar(path), inferred, warnings, "webpage")

    def warm_up(self) -> None:
        """Import trafilatura before worker processes are forked."""
        import trafilatura  # noqa: F401


register(HtmlFormat())
