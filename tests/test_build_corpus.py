"""Unit tests of scripts/build_corpus.py: markup parsing and rendering into a temporary corpus."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import load_build_corpus_script

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "build_corpus.py"


bc = load_build_corpus_script()
pypdf = pytest.importorskip("pypdf")
pytest.importorskip("reportlab")
docx = pytest.importorskip("docx")

META = {
    "title": "Test document",
    "publisher": "JANE WP4 task force",
    "year": 2024,
    "doc_type": "report",
    "language": "en",
    "networks": ["jane", "erns"],
    "noe_domains": ["survivorship", "palliative-care"],
    "main_noe_domain": "survivorship",
    "dimensions": ["governance"],
    "sources": ["S1", "S8"],
}

SENTENCES = [
    "The European Reference Networks link highly specialised centres across the Union.",
    "Each network is evaluated against a set of quality criteria every five years.",
    "Patients take part in the governance of every network through their representatives.",
    "Funding comes from the EU4Health programme and from national contributions.",
    "Registries and the Clinical Patient Management System support the virtual discussion of cases.",
    "Member States endorse the centres that apply to join a network.",
    "The cost of the annual meeting reached € 1.5 million in 2023 – an estimate.",
    "Cross-border referral remains uneven between East and West.",
]


def paragraph(seed: int, n: int = 6) -> str:
    return " ".join(SENTENCES[(seed + k) % len(SENTENCES)] for k in range(n))


def write_source(
    corpus: Path, name: str, body: str, fmt: str = "pdf", layout: str | None = "report", **extra
) -> Path:
    front = dict(META, **extra)
    front["format"] = fmt
    if fmt == "pdf":
        front["layout"] = layout
        front.setdefault("running_header", f"JANE test header {name}")
    folder = corpus / "_sources"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(
        "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + body,
        encoding="utf-8",
    )
    return path


def long_body(sections: int = 6, extra: str = "") -> str:
    parts = ["# A test report on networks", "", paragraph(0, 3), ""]
    for s in range(sections):
        parts += [f"## Section {s + 1}", "", paragraph(s, 8), ""]
        parts += [
            "- First point of the list.",
            "- Second point, with a figure of 23.7 million.",
            "",
        ]
        parts += [paragraph(s + 3, 5), ""]
        if s == 1 and extra:
            parts += [extra, ""]
    parts += [
        "## Sources",
        "",
        "- S1 https://www.sciensano.be/en/projects/joint-action-european-networks-expertise",
        "",
    ]
    return "\n".join(parts)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_texts(path: Path) -> list[str]:
    return [norm(p.extract_text()) for p in pypdf.PdfReader(str(path)).pages]


def build(corpus: Path, **kwargs):
    report = bc.build(corpus, **kwargs)
    assert not report.errors, report.errors
    assert not report.problems, report.problems
    return report


# --- parsing ----------------------------------------------------------------------------------


def test_front_matter_split_and_metadata():
    text = "---\ntitle: X\nformat: pdf\nlayout: report\nrunning_header: H\nyear: 2020\n---\n\n# X\n"
    front, body, first = bc.split_front_matter(text)
    assert front["layout"] == "report" and body.strip() == "# X" and first == 8
    assert bc.metadata_of_front_matter(front) == {"title": "X", "year": 2020}
    assert bc.split_front_matter("no front matter") == ({}, "no front matter", 1)


def test_parse_headings_paragraphs_and_directives():
    body = """# Title

First line of a paragraph
continues here.

## Section

### Subsection

Second paragraph.

<!-- pagebreak -->
<!-- columns: 2 -->

Third.

<!-- columns: 1 -->
<!-- something else -->
"""
    blocks, warnings = bc.parse_markup(body)
    kinds = [(b.kind, b.text or b.value) for b in blocks]
    assert kinds == [
        ("title", "Title"),
        ("para", "First line of a paragraph continues here."),
        ("h2", "Section"),
        ("h3", "Subsection"),
        ("para", "Second paragraph."),
        ("pagebreak", 0),
        ("columns", 2),
        ("para", "Third."),
        ("columns", 1),
    ]
    assert len(warnings) == 1 and "something else" in warnings[0]
    assert blocks[1].line == 3


def test_parse_lists():
    body = """- one
- two
  continued
  - nested
- three

1. first
2. second

3. third after blank

7. seven
"""
    blocks, warnings = bc.parse_markup(body)
    assert not warnings
    assert [b.kind for b in blocks] == ["list", "list"]
    bullets, numbers = blocks
    assert [(i.depth, i.ordered, i.text) for i in bullets.items] == [
        (0, False, "one"),
        (0, False, "two continued"),
        (1, False, "nested"),
        (0, False, "three"),
    ]
    assert [(i.ordered, i.number, i.text) for i in numbers.items] == [
        (True, 1, "first"),
        (True, 2, "second"),
        (True, 3, "third after blank"),
        (True, 7, "seven"),
    ]


def test_list_then_paragraph():
    blocks, _ = bc.parse_markup("- item\n\nA paragraph after the list.\n")
    assert [b.kind for b in blocks] == ["list", "para"]


def test_parse_table():
    body = """| Name | Count | Share |
| --- | ---: | :---: |
| A \\| B | 12 | 3% |
| C | 4 |
"""
    blocks, warnings = bc.parse_markup(body)
    (table,) = blocks
    assert table.kind == "table"
    assert table.header == ["Name", "Count", "Share"]
    assert table.aligns == ["left", "right", "center"]
    assert table.rows == [["A | B", "12", "3%"], ["C", "4", ""]]
    assert len(warnings) == 1 and "2 cells" in warnings[0]


def test_warnings_for_markup_outside_the_subset():
    body = "Some **bold** and [a link](http://x.eu) and `code` and <b>tag</b> and \u2192.\n"
    _, warnings = bc.parse_markup(body)
    text = " ".join(warnings)
    for what in ("bold", "link", "code", "HTML tag", "U+2192"):
        assert what in text
    _, clean = bc.parse_markup("Plain text with € 5 and an en dash – and 3 * 4 = 12.\n")
    assert clean == []


def test_heading_numbering():
    blocks, _ = bc.parse_markup(
        "# T\n\n## Executive summary\n\n### Aside\n\n## Scope\n\n### Detail\n\n### More\n\n"
        "## Findings\n\n## Sources\n"
    )
    labels = bc.heading_labels(blocks, numbered=True)
    shown = [labels[i] for i in sorted(labels)]
    assert shown == [
        "Executive summary",
        "Aside",
        "1 Scope",
        "1.1 Detail",
        "1.2 More",
        "2 Findings",
        "Sources",
    ]
    blocks, _ = bc.parse_markup("# T\n\n## 1. Scope\n\n## Findings\n")
    assert sorted(bc.heading_labels(blocks, numbered=True).values()) == ["1. Scope", "Findings"]


# --- PDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["report", "two-column"])
def test_pdf_text_round_trip(tmp_path, layout):
    write_source(tmp_path, "doc", long_body(8), layout=layout)
    build(tmp_path)
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
    build(tmp_path)
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
    build(tmp_path)
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
    build(tmp_path)
    texts = page_texts(tmp_path / "brk.pdf")
    assert len(texts) == 2
    assert "Before the break." in texts[0] and "After the break." in texts[1]


def test_slides_one_heading_per_page(tmp_path):
    body = "# Deck title\n\nWorkshop, Brussels.\n"
    for n in range(1, 5):
        body += f"\n## Slide {n}\n\n- Terse point {n}.\n- Another point.\n"
    write_source(tmp_path, "deck", body, layout="slides")
    report = build(tmp_path)
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
    report = build(tmp_path)
    assert report.built[0].warnings == []
    texts = page_texts(tmp_path / "fly.pdf")
    assert len(texts) <= 2
    assert "Patients." in " ".join(texts)


def test_table_cells_are_extracted_in_row_order(tmp_path):
    body = "# T\n\nIntro.\n\n| Indicator | Value |\n| --- | ---: |\n| Centres | 1,613 |\n| Networks | 24 |\n"
    write_source(tmp_path, "tab", body, layout="report")
    build(tmp_path)
    text = page_texts(tmp_path / "tab.pdf")[0]
    assert re.search(r"Indicator Value Centres 1,613 Networks 24", text)


def test_unicode_and_escaping_round_trip(tmp_path):
    body = (
        "# Évaluation\n\nLes réseaux « ERN » coûtent 1,5 million € – Größe & <Übermaß> naïve.\n\n"
        "Efficient offices file fluffy affidavits.\n"
    )
    write_source(tmp_path, "fr", body, layout="report", language="fr")
    build(tmp_path)
    text = page_texts(tmp_path / "fr.pdf")[0]
    assert "Les réseaux « ERN » coûtent 1,5 million € – Größe & <Übermaß> naïve." in text
    assert "Efficient offices file fluffy affidavits." in text  # no ligatures
    assert "Page 1 sur 1" in text


def test_verify_pdf_detects_missing_text(tmp_path):
    write_source(tmp_path, "doc", long_body(2))
    src = bc.read_source(tmp_path / "_sources" / "doc.md")
    result = bc.render_pdf(src)
    assert bc.verify_pdf(result) == []
    key = next(iter(result.texts))
    result.texts[key] = "A sentence that was never rendered."
    assert bc.verify_pdf(result)


# --- determinism, sidecars, check -------------------------------------------------------------


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "README.md"
    }


def _all_kinds(corpus: Path) -> None:
    write_source(corpus, "a-report", long_body(4), layout="report")
    write_source(corpus, "b-two", long_body(4), layout="two-column")
    write_source(corpus, "c-slides", "# D\n\n## S\n\n- x.\n", layout="slides")
    write_source(corpus, "d-flyer", "# F\n\n## S\n\nText.\n", layout="flyer")
    write_source(corpus, "e-doc", long_body(2), fmt="docx", layout=None)


def test_deterministic_build(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    _all_kinds(one)
    _all_kinds(two)
    build(one)
    build(two, only=["e-doc", "d-flyer"])  # a different order of rendering in this process
    build(two)
    first = _digests(one)
    assert len(first) == 10
    assert first == _digests(two)


def test_deterministic_across_processes(tmp_path):
    _all_kinds(tmp_path)
    build(tmp_path)
    before = _digests(tmp_path)
    for p in tmp_path.iterdir():
        if p.is_file():
            p.unlink()
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--corpus", str(tmp_path), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert _digests(tmp_path) == before


def test_sidecar_content(tmp_path):
    write_source(tmp_path, "doc", long_body(1), version="draft")
    build(tmp_path)
    sidecar = tmp_path / "doc.pdf.meta.yaml"
    text = sidecar.read_text(encoding="utf-8")
    assert text.startswith("# Generated by scripts/build_corpus.py")
    data = yaml.safe_load(text)
    assert data == dict(META, version="draft")
    assert list(data)[:3] == ["title", "publisher", "year"]
    assert bc.load_metadata(tmp_path / "doc.pdf") == data


def test_check_mode(tmp_path):
    write_source(tmp_path, "doc", long_body(2))
    write_source(tmp_path, "word", long_body(2), fmt="docx", layout=None)
    (tmp_path / "README.md").write_text("# Corpus\n\nIntro.\n", encoding="utf-8")
    assert bc.check(tmp_path)  # nothing built yet
    assert not (tmp_path / "doc.pdf").exists()  # check never writes
    build(tmp_path)
    assert bc.check(tmp_path) == []
    source = tmp_path / "_sources" / "doc.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8"
    )
    problems = bc.check(tmp_path)
    assert problems == ["doc.pdf: differs from its source", "README.md: document table out of date"]
    assert bc.main(["--check", "--corpus", str(tmp_path)]) == 1
    assert bc.main(["--corpus", str(tmp_path), "-q"]) == 0
    assert bc.main(["--check", "--corpus", str(tmp_path)]) == 0
    (tmp_path / "_sources" / "word.md").unlink()
    assert "word.docx: generated output without a source" in bc.check(tmp_path)


def test_only(tmp_path):
    write_source(tmp_path, "a", long_body(1))
    write_source(tmp_path, "b", long_body(1))
    assert bc.main(["--corpus", str(tmp_path), "--only", "b", "-q"]) == 0
    assert (tmp_path / "b.pdf").exists() and not (tmp_path / "a.pdf").exists()
    assert bc.main(["--corpus", str(tmp_path), "--only", "nope", "-q"]) == 2


def test_broken_source_is_reported(tmp_path):
    write_source(tmp_path, "ok", long_body(1))
    bad = tmp_path / "_sources" / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\n\n# T\n", encoding="utf-8")
    report = bc.build(tmp_path)
    assert len(report.errors) == 1 and report.errors[0].startswith("bad.md")
    assert (tmp_path / "ok.pdf").exists()


# --- DOCX -------------------------------------------------------------------------------------


def test_docx_structure(tmp_path):
    body = (
        "# Minutes of the meeting\n\nOpening paragraph.\n\n## Attendees\n\n- Chair (WP4 lead)\n"
        "- Rapporteur\n\n## Decisions\n\n### First\n\n1. Adopt the agenda.\n2. Approve the minutes.\n\n"
        "Some text.\n\n1. Restarted list.\n\n<!-- columns: 2 -->\n\nTwo columns.\n\n<!-- columns: 1 -->\n\n"
        "| Action | Owner |\n| --- | --- |\n| Draft | WP4 |\n\n<!-- pagebreak -->\n\nLast.\n"
    )
    write_source(tmp_path, "min", body, fmt="docx", layout=None, doc_type="minutes", year=2023)
    build(tmp_path)
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


def test_normalise_zip_is_stable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    first = bc.normalise_zip(buffer.getvalue(), 2020)
    assert bc.normalise_zip(first, 2020) == first


# --- metadata, discovery, words, README table -------------------------------------------------


def test_load_metadata_sources(tmp_path):
    (tmp_path / "page.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (tmp_path / "page.html.meta.yaml").write_text(yaml.safe_dump(META), encoding="utf-8")
    (tmp_path / "note.md").write_text(
        "---\n" + yaml.safe_dump(META) + "---\n\nBody.\n", encoding="utf-8"
    )
    (tmp_path / "note.txt").write_text("---\ntitle: T\n---\nBody.\n", encoding="utf-8")
    write_source(tmp_path, "gen", "# G\n")
    assert bc.load_metadata(tmp_path / "page.html") == META
    assert bc.load_metadata(tmp_path / "note.md") == META
    assert bc.load_metadata(tmp_path / "note.txt") == {"title": "T"}
    assert bc.load_metadata(tmp_path / "gen.pdf") == META  # not built yet: read from the source
    with pytest.raises(bc.CorpusError):
        bc.load_metadata(tmp_path / "missing.pdf")


def test_discovery_rules(tmp_path):
    for name in (
        "a.pdf",
        "b.html",
        "README.md",
        ".hidden.md",
        "c.md",
        "d.txt",
        "c.md.meta.yaml",
        "e.json",
    ):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "_sources").mkdir()
    (tmp_path / "_sources" / "f.md").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "g.html").write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in bc.discover_documents(tmp_path)]
    assert found == ["a.pdf", "b.html", "c.md", "d.txt", "sub/g.html"]


def test_html_visible_words():
    page = (
        "<html><head><title>Not counted</title><style>p {color: red}</style></head><body>"
        "<nav><a href='/'>Home menu</a></nav><main><h1>Two words</h1><p>Three more words"
        "<br>here.</p><script>var x = 1;</script></main><footer>Legal notice</footer></body></html>"
    )
    assert bc.html_visible_text(page) == "Two words Three more words here."
    assert bc.count_words(bc.html_visible_text(page)) == 6
    assert bc.count_words("Risk-stratified screening, EU4Health (2021) and 23.7 million.") == 8


def test_document_words_use_the_source(tmp_path):
    write_source(
        tmp_path, "gen", "# Four words title here\n\n| a | b |\n| --- | --- |\n| c | d |\n"
    )
    assert bc.document_words(tmp_path / "gen.pdf") == 8
    (tmp_path / "n.md").write_text("---\ntitle: Many words here\n---\nJust three words.\n")
    assert bc.document_words(tmp_path / "n.md") == 3


def test_readme_table(tmp_path):
    write_source(tmp_path, "b-doc", "# B\n\nTwo words.\n", title="B | pipe")
    (tmp_path / "a.html").write_text("<html><body><p>One two three</p></body></html>")
    (tmp_path / "a.html.meta.yaml").write_text(
        yaml.safe_dump(dict(META, title="A page", doc_type="webpage"))
    )
    readme = tmp_path / "README.md"
    readme.write_text("# Corpus\n\nIntro.\n", encoding="utf-8")
    build(tmp_path)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Corpus\n\nIntro.\n\n## Documents\n\n" + bc.TABLE_START)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1].startswith("| a.html | A page | webpage | html | 2024 | en | survivorship |")
    assert rows[2].startswith("| b-doc.pdf | B \\| pipe | report | pdf |")
    assert "2 documents (1 html, 1 pdf), 6 words in all" in text
    build(tmp_path)
    assert readme.read_text(encoding="utf-8") == text  # idempotent
    assert text.count(bc.TABLE_START) == 1


def test_metadata_problems():
    taxonomy = bc.load_taxonomy()
    assert bc.metadata_problems(META, taxonomy) == []
    bad = dict(META, year="2024", doc_type="memo", networks=["nope"], main_noe_domain="x", extra=1)
    del bad["sources"]
    problems = " ".join(bc.metadata_problems(bad, taxonomy))
    for what in ("sources", "year", "doc_type", "nope", "main_noe_domain", "unknown fields"):
        assert what in problems


def test_docx_check_ignores_the_deflate_bytes(tmp_path):
    write_source(tmp_path, "word", long_body(2), fmt="docx", layout=None)
    build(tmp_path)
    path = tmp_path / "word.docx"
    members = bc.zip_members(path.read_bytes())
    buffer = io.BytesIO()  # the same members, deflated differently (as another zlib would)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, stamp, data in members:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data, compresslevel=1)
    assert buffer.getvalue() != path.read_bytes()
    path.write_bytes(buffer.getvalue())
    assert bc.check(tmp_path) == []
    path.write_bytes(b"not a zip")
    assert bc.check(tmp_path) == ["word.docx: differs from its source"]


def test_pdf_streams_are_uncompressed(tmp_path):
    write_source(tmp_path, "doc", long_body(1))
    build(tmp_path)
    assert b"/FlateDecode" not in (tmp_path / "doc.pdf").read_bytes()
