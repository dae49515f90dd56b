"""The Word brief is checked against its JSON brief: every quote, verbatim."""

from __future__ import annotations

from dataclasses import replace

from jane_synth.briefs import write_briefs
from jane_synth.briefs.docx_check import docx_problems
from jane_synth.briefs.renderers import DocxRenderer
from tests.briefs.sample import hostile_brief, make_brief


def test_written_word_briefs_show_every_quote(tmp_path):
    brief = make_brief(quote="A form\x0cfeed, a \x00 null and\n a line break in one sentence.")
    write_briefs([brief, replace(hostile_brief(), noe=replace(brief.noe, slug="aya"))], tmp_path)
    for slug in ("survivorship", "aya"):
        assert docx_problems(tmp_path / f"{slug}.docx", tmp_path / f"{slug}.json") == []


def test_a_word_brief_missing_a_quote_is_reported(tmp_path):
    write_briefs([make_brief()], tmp_path)
    edited = make_brief(quote="The board approves some members.")
    (tmp_path / "survivorship.docx").write_bytes(DocxRenderer().render(edited))
    assert docx_problems(tmp_path / "survivorship.docx", tmp_path / "survivorship.json") == [
        "survivorship.docx [governance] p. 2: quote not in the document"
    ]
