"""Strength in every format: grade columns, a grade line per section, support after quotes."""

from __future__ import annotations

import json

from jane_synth.briefs.renderers import get_renderer
from jane_synth.briefs.renderers.labels import empty_strands, grade_line, support_note
from tests.briefs.renderers.text_of import docx_lines, html_tags_and_text, markdown_lines
from tests.briefs.sample import graded_brief, make_brief

QUOTE_LINE = '"The board approves members." [1, p. 2] (said by 2 documents, 1 publisher)'
GRADE_LINE = (
    "Evidence grade: moderate (2 independent documents above the threshold; "
    "about this NoE: thin, lessons: thin)."
)


def test_labels_read_well_and_are_empty_without_grades():
    graded, plain = graded_brief(), make_brief()
    assert support_note(graded.sections[0].evidence[0]) == " (said by 2 documents, 1 publisher)"
    assert grade_line(graded.sections[0]) == GRADE_LINE
    assert support_note(plain.sections[0].evidence[0]) == grade_line(plain.sections[0]) == ""


def test_every_text_format_shows_grades_and_support():
    brief = graded_brief()
    md = markdown_lines(get_renderer("markdown").render(brief))
    page = get_renderer("html").render(brief).decode()
    _, html_text = html_tags_and_text(page)
    docx = docx_lines(get_renderer("docx").render(brief))
    for lines in (md, docx):
        assert QUOTE_LINE in lines and GRADE_LINE in lines
        row = lines.index("Governance")
        assert lines[row + 5 : row + 8] == ["moderate (2)", "thin (1)", "thin (1)"]
    assert docx == md
    assert GRADE_LINE in html_text and "(said by 2 documents, 1 publisher)" in html_text
    assert "<td>moderate (2)</td><td>thin (1)</td><td>thin (1)</td>" in page


def test_ungraded_briefs_say_so_in_the_table():
    md = markdown_lines(get_renderer("markdown").render(make_brief()))
    assert md.count("not graded") == 3 * 2


def test_json_carries_grades_support_and_flat_quotes():
    data = json.loads(get_renderer("json").render(graded_brief()))
    governance = data["sections"][0]
    assert governance["grades"][0] == {"strand": "section", "grade": "moderate", "documents": 2}
    assert governance["evidence"][0]["support"]["doc_ids"] == ["d1", "d9"]
    first = data["quotes"][0]
    assert {k: first[k] for k in ("text", "doc_id", "source_path", "page", "dimension")} == {
        "text": "The board approves members.", "doc_id": "d1", "source_path": "d1.md",
        "page": 2, "dimension": "governance",
    }  # fmt: skip
    assert first["support"]["documents"] == 2 and len(data["quotes"]) == 3


ELSEWHERE = (
    "Lessons from existing networks and policy: the statements that answer this question are "
    "already quoted in this brief, under 1. Governance."
)
GAP = "About Survivorship: no statement in the corpus answers this question (an evidence gap)."


def test_every_format_names_where_a_strand_is_quoted_instead_of_calling_it_a_gap():
    from dataclasses import replace

    brief = graded_brief()
    funding = replace(brief.sections[1], gaps=("about_noe",),
                      quoted_elsewhere=(("lessons", ("governance",)),))  # fmt: skip
    brief = replace(brief, sections=(brief.sections[0], funding))
    assert empty_strands(brief, funding) == [(GAP, True), (ELSEWHERE, False)]
    assert empty_strands(brief, brief.sections[0]) == []
    md = markdown_lines(get_renderer("markdown").render(brief))
    docx = docx_lines(get_renderer("docx").render(brief))
    page = get_renderer("html").render(brief).decode()
    html_text = html_tags_and_text(page)[1]
    for lines in (md, docx, [html_text]):
        assert GAP in "\n".join(lines) and ELSEWHERE in "\n".join(lines)
        assert "Lessons from existing networks and policy: no statement" not in "\n".join(lines)
    assert GAP in md and ELSEWHERE in md and GAP in docx and ELSEWHERE in docx
    assert f'<p class="elsewhere">{ELSEWHERE}</p>' in page
    data = json.loads(get_renderer("json").render(brief))
    assert data["sections"][1]["quoted_elsewhere"] == {"lessons": ["governance"]}
    assert data["gaps"] == [{"noe": "survivorship", "dimension": "funding", "strand": "about_noe"}]
