"""HTML extraction: the main content without navigation, cookie banners and footers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import trafilatura

from .errors import IngestError


class _TitleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs) -> None:
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def html_title(html: str) -> str:
    parser = _TitleParser()
    parser.feed(html)
    return " ".join(parser.title.split())


_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
# trafilatura's Markdown escapes characters such as "[" and "*" that are plain text on the page.
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


def extract_html(html: str) -> str:
    """Main text of a web page with headings on their own lines."""
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
