"""Markdown escaping: document text renders to exactly itself, never to markup."""

from __future__ import annotations

import pytest

from jane_synth.briefs.renderers import md_code, md_escape
from tests.briefs.renderers.text_of import html_tags_and_text, markdown_html
from tests.briefs.sample import IMG, SCRIPT

HOSTILE = [
    SCRIPT,
    IMG,
    "<a href='javascript:alert(1)'>x</a>",
    "R&D &amp; &#60;b&#62; funding",
    "*bold* _em_ **strong** __strong__ ~~gone~~",
    "`code` and ``more``",
    "[a link](https://example.org) ![an image](x.png) [ref][1]",
    "<https://example.org> and <mail@example.org>",
    "a | table | row",
    "{: .class} {#id}",
    "back\\slash \\* and \\",
    "# heading",
    "## heading ##",
    "- item",
    "+ item",
    "* item",
    "1. first",
    "2) second",
    "> quoted",
    "---",
    "===",
    "Line one\n# heading two\n- list\n12. twelve\n> quote\n---",
    "ends with a dot. Version 2.1 (draft) costs EUR 77M!",
]


def _shown(markdown: str, context: str) -> tuple[list[str], str]:
    return html_tags_and_text(markdown_html(context.format(markdown).encode()))


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize(
    "context", ["{}", '- "{}" [1, p. 2]', "1. {}, EC (2024).", "*Key question: {}*"]
)
def test_escaped_text_renders_as_itself_and_nothing_else(text, context):
    tags, shown = _shown(md_escape(text), context)
    _, plain = _shown("x", context)
    allowed = set(_shown("x", context)[0])
    assert set(tags) <= allowed, (text, tags)
    expected = plain.replace("x", " ".join(text.split()), 1)
    assert shown == expected


def test_plain_prose_is_left_readable():
    prose = "Patients sit on the board (since 2017), and 24 networks were funded."
    assert md_escape(prose) == prose


def test_html_characters_become_entities():
    assert md_escape(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert md_escape("R&D") == "R&amp;D"


def test_code_span_only_when_it_can_hold_the_text():
    assert md_code("reports/ern note.pdf") == "`reports/ern note.pdf`"
    assert md_code("a`b<c>.md") == "a\\`b&lt;c&gt;.md"
    assert md_code("") == ""
