"""The Word brief: its text is the Markdown brief's text, and its bytes are deterministic."""

from __future__ import annotations

import io
import zipfile

import docx

from jane_synth.briefs.renderers import DocxRenderer, get_renderer
from tests.briefs.renderers.text_of import docx_lines, markdown_lines
from tests.briefs.sample import hostile_brief, make_brief


def test_docx_text_equals_the_markdown_brief_text():
    for brief in (make_brief(), hostile_brief()):
        md = markdown_lines(get_renderer("markdown").render(brief))
        assert docx_lines(DocxRenderer().render(brief)) == md
        assert len(md) > 20


def test_docx_bytes_have_fixed_times_and_properties():
    data = DocxRenderer().render(make_brief())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2024, 1, 1, 0, 0, 0)}
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == "Evidence brief: Survivorship" and props.author == "jane-synth"
    assert props.created == props.modified
    assert props.created.year == 2024


def test_docx_structure_headings_table_lists():
    document = docx.Document(io.BytesIO(DocxRenderer().render(make_brief())))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Heading 1" and styles.count("Heading 2") == 3
    assert styles.count("List Number") == 2 and styles.count("List Bullet") == 2 + 3
    assert len(document.tables) == 1 and len(document.tables[0].rows) == 3


def test_control_characters_do_not_break_the_document():
    brief = make_brief(quote="A form\x0cfeed and a \x00 null.")
    lines = docx_lines(DocxRenderer().render(brief))
    assert '"A formfeed and a null." [1, p. 2]' in lines
