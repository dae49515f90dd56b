"""The briefs' index: links to every brief in every format, and the coverage map."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

from jane_synth.briefs.coverage import coverage, coverage_svg
from jane_synth.briefs.index import (
    COVERAGE_SVG,
    render_index_html,
    render_index_markdown,
    write_index,
)
from jane_synth.briefs.renderers import renderers
from jane_synth.evidence.strength import Grade
from tests.briefs.renderers.text_of import html_tags_and_text, markdown_html, markdown_lines
from tests.briefs.sample import SCRIPT, graded_brief, make_brief


def _briefs():
    aya = replace(make_brief().noe, slug="aya", name=f"AYA {SCRIPT}")
    return [graded_brief(), replace(make_brief(), noe=aya)]


def test_coverage_cells_carry_grade_documents_and_quotes():
    rows = coverage(_briefs())
    assert [[(c.grade, c.documents, c.quotes) for c in row] for row in rows] == [
        [(Grade.MODERATE, 2, 3), (Grade.NONE, 0, 0)],
        [(None, 0, 3), (None, 0, 0)],  # built without grades: the quote count alone
    ]
    assert rows[0][0].label == "moderate, 3 quotes" and rows[1][1].label == "0 quotes"


def test_the_index_links_every_brief_in_every_format():
    briefs = _briefs()
    md = render_index_markdown(briefs)
    page = render_index_html(briefs, coverage_svg(briefs))
    for brief in briefs:
        for r in renderers():
            target = f"{brief.noe.slug}{r.suffix}"
            assert f"]({target})" in md and f'href="{target}"' in page
    assert f"![Coverage map: evidence grade per NoE and design dimension]({COVERAGE_SVG})" in md


def test_the_coverage_table_has_a_row_per_noe_and_a_column_per_dimension():
    briefs = _briefs()
    lines = markdown_lines(render_index_markdown(briefs).encode())
    header = lines.index("NoE")
    assert lines[header : header + 9] == [
        "NoE", "Governance", "Funding and sustainability",
        "Survivorship", "moderate, 3 quotes", "none, 0 quotes",
        f"AYA {SCRIPT}", "3 quotes", "0 quotes",
    ]  # fmt: skip
    page = render_index_html(briefs, "")
    assert '<td class="moderate">moderate, 3 quotes</td>' in page
    assert '<td class="ungraded">3 quotes</td>' in page


def test_names_are_text_and_the_page_allows_no_script():
    briefs = _briefs()
    page = render_index_html(briefs, coverage_svg(briefs))
    tags, text = html_tags_and_text(page)
    assert "script" not in tags and SCRIPT in text
    assert "default-src &#39;none&#39;; img-src data:" in page
    md_tags, md_text = html_tags_and_text(markdown_html(render_index_markdown(briefs).encode()))
    assert "script" not in md_tags and SCRIPT in md_text


def test_the_heatmap_is_deterministic_and_embedded(tmp_path):
    briefs = _briefs()
    svg = coverage_svg(briefs)
    assert svg == coverage_svg(briefs) and svg.startswith("<?xml")
    assert "<dc:date>" not in svg  # no timestamp
    assert all(word in svg for word in ("moderate", "Governance", "Survivorship"))
    root = ET.fromstring(svg.split("\n", 1)[1])  # well-formed; a cell tells its grade on hover
    tips = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert "Survivorship x Governance: moderate, 3 quotes" in tips, tips
    written = write_index(briefs, tmp_path)
    assert sorted(p.name for p in written) == ["coverage.svg", "index.html", "index.md"]
    first = {p.name: p.read_bytes() for p in written}
    write_index(briefs, tmp_path)
    assert first == {p.name: p.read_bytes() for p in written}
    uri = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', first["index.html"].decode())
    assert uri and base64.b64decode(uri.group(1)) == first["coverage.svg"]
    assert coverage_svg([]) == ""


def test_a_cell_answered_under_another_dimension_says_so_in_the_map():
    from jane_synth.briefs.model import CellGrade

    brief = graded_brief()
    funding = replace(brief.sections[1], gaps=("about_noe",), quoted_elsewhere=(("lessons", ("governance",)),),
                      grades=(CellGrade("section", Grade.THIN, 1),))  # fmt: skip
    brief = replace(brief, sections=(brief.sections[0], funding))
    cell = coverage([brief])[0][1]
    assert cell.label == "thin, 0 quotes (quoted elsewhere)"
    assert coverage([graded_brief()])[0][1].label == "none, 0 quotes"
    assert "Funding and sustainability: thin, 0 quotes (quoted elsewhere)" in coverage_svg([brief])
