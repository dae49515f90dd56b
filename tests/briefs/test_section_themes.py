"""Each brief section lists the recurring themes its quotes belong to, read from the store."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from jane_synth.briefs import SectionTheme, with_section_themes
from jane_synth.briefs.renderers import get_renderer, renderer_names
from jane_synth.records import Theme
from jane_synth.store import Store
from tests.briefs.renderers.text_of import READERS, docx_lines, markdown_lines
from tests.briefs.sample import IMG, SCRIPT, make_brief

HOSTILE_LABEL = f"boards / {SCRIPT} / {IMG}"
THEMES = (
    Theme(0, "funding / grants", ("funding",), 3, 2, ()),
    Theme(4, "boards / members", ("boards",), 2, 1, (), parent=0),
    Theme(7, HOSTILE_LABEL, ("boards",), 1, 1, (), parent=0),
)


def _store_with_themes(path, brief):
    """A store whose theme tables put the brief's first and third quotes in theme 7, the
    second in theme 4, and nothing else anywhere."""
    chunks = [ev.chunk_id for ev in brief.sections[0].evidence]
    store = Store(path)
    centroids = {t.theme_id: np.ones(2) for t in THEMES}
    store.replace_themes(THEMES, {chunks[0]: 7, chunks[1]: 4, chunks[2]: 7}, ["x"], centroids)
    return store


def test_sections_list_the_stored_themes_of_their_quotes_once_in_quote_order(tmp_path):
    brief = make_brief()
    with _store_with_themes(tmp_path / "db.sqlite", brief) as store:
        (themed,) = with_section_themes([brief], store)
    assert themed.sections[0].themes == (
        SectionTheme(7, HOSTILE_LABEL, 0),
        SectionTheme(4, "boards / members", 0),
    )
    assert themed.sections[1].themes == ()  # a section with no quotes
    assert [s.evidence for s in themed.sections] == [s.evidence for s in brief.sections]


def test_without_stored_themes_no_section_lists_any(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        (themed,) = with_section_themes([make_brief()], store)
    assert themed == make_brief()


def _themed_brief():
    brief = make_brief()
    first = replace(brief.sections[0], themes=(SectionTheme(7, HOSTILE_LABEL, 0),
                                               SectionTheme(4, "boards / members", 0)))  # fmt: skip
    return replace(brief, sections=(first, *brief.sections[1:]))


LINE = f"Themes: {HOSTILE_LABEL} (theme 7); boards / members (theme 4)"


@pytest.mark.parametrize("name", renderer_names())
def test_every_format_shows_the_themes_line_as_text(name):
    tags, text = READERS[name](get_renderer(name).render(_themed_brief()))
    assert "script" not in tags and "img" not in tags
    if name == "json":  # data, not a line: ids, labels and parents
        assert HOSTILE_LABEL in text
        return
    assert LINE in text and "Themes: none" in text  # the second section has no quote


def test_json_lists_each_section_s_themes_with_id_label_and_parent():
    data = json.loads(get_renderer("json").render(_themed_brief()))
    assert data["sections"][0]["themes"] == [
        {"theme_id": 7, "label": HOSTILE_LABEL, "parent": 0},
        {"theme_id": 4, "label": "boards / members", "parent": 0},
    ]
    assert data["sections"][1]["themes"] == []


def test_markdown_and_word_show_the_same_themes_line_after_the_question():
    brief = _themed_brief()
    md = markdown_lines(get_renderer("markdown").render(brief))
    assert docx_lines(get_renderer("docx").render(brief)) == md
    assert md[md.index("Key question: Who decides what?") + 1] == LINE


def test_html_links_each_theme_to_the_theme_report():
    page = get_renderer("html").render(_themed_brief()).decode("utf-8")
    assert '<a href="../themes.html#theme-7">' in page
    assert '<a href="../themes.html#theme-4">boards / members (theme 4)</a>' in page
    assert SCRIPT not in page
