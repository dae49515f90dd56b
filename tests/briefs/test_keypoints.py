"""Key points: the strongest quotes first, by grade, then independent documents."""

from __future__ import annotations

import json
from dataclasses import replace

from jane_synth.briefs.keypoints import key_points
from jane_synth.briefs.model import Brief, BriefSection, CellGrade
from jane_synth.briefs.renderers import get_renderer
from jane_synth.evidence.strength import Grade, Support
from jane_synth.taxonomy import Term
from tests.briefs.renderers.text_of import docx_lines, markdown_lines
from tests.briefs.sample import NOE, citation, evidence, graded_brief, make_brief


def _dimension(i: int) -> Term:
    return Term(f"dim{i}", f"Dimension {i}", "DIMENSION", (), "A question?")


def _section(i: int, grade: Grade, supports: list[tuple[int, int]]) -> BriefSection:
    evs = tuple(
        replace(evidence(f"Finding {i}.{j} is stated here.", citation(f"d{i}{j}")),
                support=Support(docs, pubs, (f"d{i}{j}",), ()))
        for j, (docs, pubs) in enumerate(supports)
    )  # fmt: skip
    grades = tuple(CellGrade(s, grade, 1) for s in ("section", "about_noe", "lessons"))
    return BriefSection(_dimension(i), evs, grades=grades)


def test_strongest_first_one_per_dimension_none_graded_never():
    sections = (
        _section(0, Grade.THIN, [(5, 5)]),
        _section(1, Grade.STRONG, [(1, 1), (3, 1), (3, 2)]),
        _section(2, Grade.MODERATE, [(2, 2)]),
        _section(3, Grade.NONE, [(9, 9)]),
        _section(4, Grade.STRONG, [(1, 1)]),
    )
    points = key_points(Brief(NOE, sections, 10, "f"))
    assert [p.evidence.quote for p in points] == [
        "Finding 1.2 is stated here.",  # strong, 3 documents, 2 publishers
        "Finding 4.0 is stated here.",  # strong, 1 document
        "Finding 2.0 is stated here.",  # moderate
        "Finding 0.0 is stated here.",  # thin, even with 5 documents
    ]
    assert len(key_points(Brief(NOE, sections, 10, "f"), limit=2)) == 2


def test_key_points_come_first_in_every_format():
    brief = graded_brief()
    line = (
        '"The board approves members." [1, p. 2] (said by 2 documents, 1 publisher); '
        "Governance, thin"
    )
    md = markdown_lines(get_renderer("markdown").render(brief))
    assert md[md.index("Key points") + 1] == line
    assert md.index("Key points") < md.index("Design dimension")
    assert docx_lines(get_renderer("docx").render(brief)) == md
    assert f"<li>{line}</li>".replace('"', "&#34;") in get_renderer("html").render(brief).decode()
    data = json.loads(get_renderer("json").render(brief))
    assert data["key_points"] == [
        {"text": "The board approves members.", "doc_id": "d1", "page": 2,
         "dimension": "governance", "grade": "thin"}
    ]  # fmt: skip
    assert key_points(make_brief()) == []  # ungraded: no key points
    assert "Key points" not in markdown_lines(get_renderer("markdown").render(make_brief()))
