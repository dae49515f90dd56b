"""DOCX rendering (scripts/build_corpus/docx.py)."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.build_corpus.helpers import META, build_ok, write_source

docx = pytest.importorskip("docx")

from scripts.build_corpus.docx import normalise_zip  # noqa: E402


def test_docx_structure(tmp_path):
    body = (
        "# Minutes of the meeting\n\nOpening paragraph.\n\n## Attendees\n\n- Chair (WP4 lead)\n"
        "- Rapporteur\n\n## Decisions\n\n### First\n\n1. Adopt the agenda.\n2. Approve the minutes.\n\n"
        "Some text.\n\n1. Restarted list.\n\n<!-- columns: 2 -->\n\nTwo columns.\n\n<!-- columns: 1 -->\n\n"
        "| Action | Owner |\n| --- | --- |\n| Draft | WP4 |\n\n<!-- pagebreak -->\n\nLast.\n"
    )
    write_source(tmp_path, "min", body, fmt="docx", layout=None, doc_type="minutes", year=2023)
    build_ok(tmp_path)
    path = tmp_path / "min.docx"
    document = docx.Document(str(path))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styled[0] == ("Title", "Minutes of the meeting")
    assert ("Heading 1", "Attendees") in styled
    assert ("Heading 2", "First") in styled
    assert ("List Bullet", "Chair (WP4 lead)") in styled
    assert ("List Number", "Adopt the agenda.") in styled
    assert ("Normal", "Opening paragraph.") in styled
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] != num_ids[2]  # the second list restarts
    assert [c.text for c in document.tables[0].rows[1].cells] == ["Draft", "WP4"]
    assert len(document.sections) == 3
    assert document.sections[0].header.paragraphs[0].text == META["title"]
    props = document.core_properties
    assert props.title == META["title"] and props.author == META["publisher"]
    assert props.created.year == 2023 and props.modified == props.created
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 1, 1, 12, 0, 0)}
        assert b"w:br" in archive.read("word/document.xml")  # the page break


def test_footer_page_field_and_keywords(tmp_path):
    many = [f"slug-number-{n:02d}" for n in range(30)]
    write_source(tmp_path, "de", "# T\n\nText.\n", fmt="docx", layout=None, language="de")
    write_source(tmp_path, "kw", "# T\n\nText.\n", fmt="docx", layout=None, dimensions=many)
    build_ok(tmp_path)
    with zipfile.ZipFile(tmp_path / "de.docx") as archive:
        footer = next(archive.read(n) for n in archive.namelist() if "footer" in n)
    assert b"Seite " in footer and b" von " in footer
    assert b'w:instr="PAGE"' in footer and b'w:instr="NUMPAGES"' in footer
    keywords = docx.Document(str(tmp_path / "kw.docx")).core_properties.keywords
    full = [*META["noe_domains"], *many, *META["networks"]]
    words = keywords.split(", ")
    assert words == full[: len(words)] and len(words) < len(full)  # whole words only
    assert len(keywords) <= 255 < len(keywords + ", " + full[len(words)])


def test_normalise_zip_is_stable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    first = normalise_zip(buffer.getvalue(), 2020)
    assert normalise_zip(first, 2020) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        (info,) = archive.infolist()
    assert info.date_time == (2020, 1, 1, 12, 0, 0) and info.external_attr == 0o644 << 16
