"""PDF rendering of the four layouts (scripts/build_corpus/pdf/render.py and its helpers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.build_corpus.helpers import (
    META,
    SENTENCES,
    build_ok,
    long_body,
    page_texts,
    paragraph,
    write_source,
)

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("reportlab")


@pytest.mark.parametrize("layout", ["report", "two-column"])
def test_pdf_text_round_trip(tmp_path, layout):
    write_source(tmp_path, "doc", long_body(8), layout=layout)
    build_ok(tmp_path)
    pdf = tmp_path / "doc.pdf"
    texts = page_texts(pdf)
    assert len(texts) > 1
    whole = " ".join(texts)
    for sentence in SENTENCES:
        assert sentence in whole
    for n, text in enumerate(texts, start=1):
        assert "JANE test header doc" in text
        assert f"Page {n} of {len(texts)}" in text
        assert "JANE WP4 task force" in text
    assert "1 Section 1" in texts[0]
    assert "A test report on networks" in texts[0]
    info = pypdf.PdfReader(str(pdf)).metadata
    assert info.title == META["title"]
    assert info.author == META["publisher"]
    assert "report" in info.subject
    assert info["/CreationDate"].startswith("D:2024")


def _x_positions(path: Path, page: int) -> list[float]:
    xs: list[float] = []

    def visitor(text, cm, tm, font_dict, font_size):
        if text.strip():
            xs.append(tm[4] * cm[0] + cm[4])

    pypdf.PdfReader(str(path)).pages[page].extract_text(visitor_text=visitor)
    return xs


def test_two_column_pages_have_a_right_column(tmp_path):
    write_source(tmp_path, "two", long_body(8), layout="two-column")
    build_ok(tmp_path)
    width = float(pypdf.PdfReader(str(tmp_path / "two.pdf")).pages[1].mediabox.width)
    xs = _x_positions(tmp_path / "two.pdf", 1)
    assert any(x > width / 2 for x in xs), "no text in the right column"
    xs = _x_positions(tmp_path / "two.pdf", 0)
    assert any(x > width / 2 for x in xs)


def test_column_switches_mid_document(tmp_path):
    table = (
        "| Wide | table | with | six | columns | here |\n| --- | --- | --- | --- | --- | --- |\n"
    )
    table += "| a | b | c | d | e | f |"
    extra = (
        "<!-- columns: 2 -->\n\n" + paragraph(1, 8) + "\n\n" + paragraph(2, 8) + "\n\n"
        "<!-- columns: 1 -->\n\n" + table + "\n\nA closing full-width paragraph of the section."
    )
    write_source(tmp_path, "mixed", long_body(4, extra=extra), layout="report")
    build_ok(tmp_path)
    reader = pypdf.PdfReader(str(tmp_path / "mixed.pdf"))
    width = float(reader.pages[0].mediabox.width)
    right = [
        i
        for i in range(len(reader.pages))
        if any(x > width / 2 + 10 for x in _x_positions(tmp_path / "mixed.pdf", i))
    ]
    assert right, "the two-column part has no right column"
    whole = " ".join(page_texts(tmp_path / "mixed.pdf"))
    assert "A closing full-width paragraph of the section." in whole
    assert "Wide table with six columns here" in whole


def test_pagebreak_starts_a_new_page(tmp_path):
    body = "# T\n\nBefore the break.\n\n<!-- pagebreak -->\n\nAfter the break.\n"
    write_source(tmp_path, "brk", body, layout="report")
    build_ok(tmp_path)
    texts = page_texts(tmp_path / "brk.pdf")
    assert len(texts) == 2
    assert "Before the break." in texts[0] and "After the break." in texts[1]


def test_slides_one_heading_per_page(tmp_path):
    body = "# Deck title\n\nWorkshop, Brussels.\n"
    for n in range(1, 5):
        body += f"\n## Slide {n}\n\n- Terse point {n}.\n- Another point.\n"
    write_source(tmp_path, "deck", body, layout="slides")
    report = build_ok(tmp_path)
    assert not [w for w in report.built[0].warnings if "overflow" in w]
    reader = pypdf.PdfReader(str(tmp_path / "deck.pdf"))
    assert len(reader.pages) == 5
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    texts = page_texts(tmp_path / "deck.pdf")
    assert "Deck title" in texts[0]
    for n in range(1, 5):
        assert f"Slide {n}" in texts[n] and f"Terse point {n}." in texts[n]
        assert texts[n].count("Slide ") == 1


def test_flyer_is_short_and_round_trips(tmp_path):
    body = (
        "# Flyer\n\n"
        + paragraph(0, 3)
        + "\n\n## What\n\n"
        + paragraph(2, 4)
        + "\n\n## Who\n\n- Patients.\n- Clinicians.\n"
    )
    write_source(tmp_path, "fly", body, layout="flyer")
    report = build_ok(tmp_path)
    assert report.built[0].warnings == []
    texts = page_texts(tmp_path / "fly.pdf")
    assert len(texts) <= 2
    assert "Patients." in " ".join(texts)


def test_layout_warnings(tmp_path):
    write_source(tmp_path, "short", "# T\n\nOne page only.\n", layout="report")
    write_source(tmp_path, "deck", "# D\n\n## S\n\n" + paragraph(0, 30) + "\n", layout="slides")
    report = build_ok(tmp_path)
    warnings = {b.output.name: b.warnings for b in report.built}
    assert warnings["short.pdf"] == ["report layout has a single page"]
    assert any("overflow onto an extra page" in w for w in warnings["deck.pdf"])


@pytest.mark.parametrize(
    ("body", "pattern"),
    [
        (  # nested and numbered lists
            "- Parent item.\n  - Child item.\n- Second parent.\n\n4. Fourth.\n5. Fifth.\n",
            r"Parent item\. .*Child item\. .*Second parent\. 4\. Fourth\. 5\. Fifth\.",
        ),
        (  # table cells in row order
            "| Indicator | Value |\n| --- | ---: |\n| Centres | 1,613 |\n| Networks | 24 |\n",
            r"Indicator Value Centres 1,613 Networks 24",
        ),
    ],
    ids=["lists", "table"],
)
def test_blocks_are_extracted_in_reading_order(tmp_path, body, pattern):
    write_source(tmp_path, "doc", "# T\n\nIntro.\n\n" + body, layout="report")
    build_ok(tmp_path)
    assert re.search(pattern, page_texts(tmp_path / "doc.pdf")[0])


def test_unicode_and_escaping_round_trip(tmp_path):
    body = (
        "# Évaluation\n\nLes réseaux « ERN » coûtent 1,5 million € – Größe & <Übermaß> naïve.\n\n"
        "Efficient offices file fluffy affidavits.\n"
    )
    write_source(tmp_path, "fr", body, layout="report", language="fr")
    build_ok(tmp_path)
    text = page_texts(tmp_path / "fr.pdf")[0]
    assert "Les réseaux « ERN » coûtent 1,5 million € – Größe & <Übermaß> naïve." in text
    assert "Efficient offices file fluffy affidavits." in text  # no ligatures
    assert "Page 1 sur 1" in text


def test_pdf_streams_are_uncompressed(tmp_path):
    write_source(tmp_path, "doc", long_body(1))
    build_ok(tmp_path)
    assert b"/FlateDecode" not in (tmp_path / "doc.pdf").read_bytes()
