"""Cleaning functions one by one, and reading order on two-column PDFs."""

from __future__ import annotations

import itertools
import re
import textwrap
from pathlib import Path

import pytest

from jane_synth.ingest.clean import (
    clean_page_texts,
    hyphen_vocabulary,
    normalize_whitespace,
    reflow_lines,
    repair_hyphenation,
    repair_lost_ligatures,
    split_columns,
    strip_running_lines,
    unreadable_share,
)
from jane_synth.ingest.pdf_extract import read_pdf
from tests.conftest import SHARED_DATA

SHARED_EDGE = SHARED_DATA / "edge_pdfs"
MULTICOLUMN = SHARED_EDGE / "026-latex-multicolumn__multicolumn.pdf"

# -- whitespace -------------------------------------------------------------------------------


def test_normalize_whitespace_folds_spaces_ligatures_and_blank_runs():
    raw = "  The\u00a0\ufb01rst  o\ufb03cial\tline \r\n\n\n\nnext\u200b line\x0c  "
    assert normalize_whitespace(raw) == "The first official line\n\nnext line"


def test_normalize_whitespace_drops_soft_hyphens():
    assert normalize_whitespace("organi\u00adsation") == "organisation"


# -- hyphenation ------------------------------------------------------------------------------


def test_repair_hyphenation_joins_words_broken_at_a_line_end():
    assert repair_hyphenation("the organi-\nsation of care") == "the organisation of care"


@pytest.mark.parametrize("kept", ["BBMRI-\nERIC", "COVID-\n19", "EU-\nwide", "Horizon-\nEurope"])
def test_repair_hyphenation_keeps_hyphens_of_names_and_numbers(kept):
    assert repair_hyphenation(kept) == kept.replace("\n", "")


def test_repair_hyphenation_keeps_compounds_the_document_writes_with_a_hyphen():
    pages = ["a self-assessment was done", "each self-\nassessment covers", "a well-\nknown fact"]
    vocabulary = hyphen_vocabulary(pages)
    assert repair_hyphenation(pages[1], vocabulary) == "each self-assessment covers"
    assert repair_hyphenation(pages[2], vocabulary) == "a wellknown fact"  # never seen hyphenated


def test_repair_hyphenation_prefers_the_joined_word_when_both_forms_occur():
    vocabulary = hyphen_vocabulary(["co-operation and cooperation", "co-\noperation"])
    assert repair_hyphenation("co-\noperation", vocabulary) == "cooperation"


# -- reflow -----------------------------------------------------------------------------------


def test_reflow_joins_wrapped_lines_and_keeps_headings_bullets_and_sentence_ends():
    text = (
        "Networks of Expertise will build on the experience of the European\n"
        "reference networks and their governance.\n"
        "Funding\n"
        "- first point about money and the many grants that support\n"
        "- second point"
    )
    assert reflow_lines(text).split("\n") == [
        "Networks of Expertise will build on the experience of the European reference networks "
        "and their governance.",
        "Funding",
        "- first point about money and the many grants that support",
        "- second point",
    ]


# -- running headers and footers --------------------------------------------------------------


def pages_with(header: str | None, footer, bodies: list[list[str]]) -> list[str]:
    out = []
    for n, body in enumerate(bodies, start=1):
        lines = ([header] if header else []) + body + ([footer(n)] if footer else [])
        out.append("\n".join(lines))
    return out


BODIES = [
    [f"Paragraph {word} talks about networks and their members, line {i}." for i in range(6)]
    for word in ("alpha", "beta", "gamma", "delta", "epsilon")
]


def test_strip_running_lines_removes_repeated_headers_and_page_numbers():
    pages = pages_with("JANE report 2024 - draft", lambda n: f"Page {n} of 5", BODIES)
    cleaned = strip_running_lines(pages)
    assert cleaned == ["\n".join(body) for body in BODIES]


def test_strip_running_lines_catches_alternating_headers():
    pages = []
    for n, body in enumerate(BODIES + BODIES[:1], start=1):
        header = "Chapter 2. Governance" if n % 2 else "JANE final report"
        pages.append("\n".join([header, *body]))
    cleaned = strip_running_lines(pages)
    assert not any(c.startswith(("Chapter", "JANE")) for c in cleaned)


def test_strip_running_lines_removes_headers_that_carry_the_printed_page_number():
    # LaTeX-style: "8 1.2. METRIC SPACES" on the 10th page of the file (two front pages).
    sections = ["1.1. INTRODUCTION", "1.2. METRIC SPACES", "2.1. MANIFOLDS"]
    pages = []
    for index in range(1, 9):
        printed = index - 2
        head = f"{printed} {sections[index % 3]}" if printed > 0 else "Front matter"
        pages.append("\n".join([head, *BODIES[index % 5][:4], f"Closing words {index * 'x'}."]))
    cleaned = strip_running_lines(pages)
    assert all(not re.match(r"^\d+ \d\.\d\. ", c) for c in cleaned)


def test_strip_running_lines_keeps_table_of_contents_lines():
    toc = "1.1 Topological spaces . . . . . . . . . . 2\nIntro words here\n1.2 Metrics . . . . 5"
    pages = [toc] + [f"{n - 2} HEADER\n" + "\n".join(BODIES[n % 5]) for n in range(2, 9)]
    assert strip_running_lines(pages)[0] == toc


def test_strip_running_lines_keeps_pages_that_are_only_a_repeated_line():
    pages = ["حَبيبي habibi حَبيبي"] * 4
    assert strip_running_lines(pages) == pages


def test_strip_running_lines_keeps_numbers_that_are_data_on_a_short_document():
    assert strip_running_lines(["19\nCountries take part in the project.\n36"]) == [
        "19\nCountries take part in the project.\n36"
    ]


def test_strip_running_lines_removes_a_bare_number_equal_to_the_page():
    assert strip_running_lines(["Some text here.\n1"]) == ["Some text here."]


# -- unreadable text --------------------------------------------------------------------------


def test_unreadable_share_counts_replacement_and_private_use_glyphs():
    assert unreadable_share("\ufffd\ufffd ab") == 0.5
    assert unreadable_share("\ue001 abc") == 0.25
    assert unreadable_share("   ") == 0.0


# -- the whole chain --------------------------------------------------------------------------


def test_clean_page_texts_runs_the_whole_chain():
    topics = ["care", "data", "funding"]
    bodies = [
        [f"The {t} organi-", "sation across the borders of the Union", f"matters for {t}."]
        for t in topics
    ]
    pages = pages_with("Running head", lambda n: str(n), bodies)
    assert clean_page_texts(pages) == [
        f"The {t} organisation across the borders of the Union matters for {t}." for t in topics
    ]


# -- two columns ------------------------------------------------------------------------------


def two_column_layout(left: list[str], right: list[str], gap: int = 6) -> str:
    width = max(len(line) for line in left) + gap
    rows = [f"{a:<{width}}{b}" for a, b in zip(left, right, strict=False)]
    footnote = "A full-width footnote that runs under both columns, from margin to margin."
    return "\n".join(["               A centred title", "", *rows, "", footnote])


WORDS = [f"w{i:03d}" for i in range(400)]


def test_split_columns_reads_the_left_column_then_the_right():
    left = textwrap.wrap(" ".join(WORDS[:200]), 40)
    right = textwrap.wrap(" ".join(WORDS[200:]), 40)
    out = split_columns(two_column_layout(left, right))
    assert out is not None
    assert re.findall(r"w\d{3}", out) == WORDS
    assert out.startswith("A centred title") or out.lstrip().startswith("A centred title")
    assert out.rstrip().endswith("from margin to margin.")


def test_split_columns_leaves_tables_and_single_columns_alone():
    table = "\n".join(f"Country {i:<30}{i * 7} cases" for i in range(20))
    assert split_columns(table) is None
    single = "\n".join(textwrap.wrap(" ".join(WORDS), 90))
    assert split_columns(single) is None


def interleaved_pdf(path: Path, *, one_text_object: bool) -> Path:
    """Two columns of numbered words whose content stream alternates left line, right line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _, height = A4
    left = textwrap.wrap(" ".join(WORDS[:200]), 45)
    right = textwrap.wrap(" ".join(WORDS[200:]), 45)
    c.setFont("Helvetica", 10)
    c.drawString(60, height - 60, "A two-column page in stream order left, right, left")
    t = c.beginText()
    t.setFont("Helvetica", 10)
    for i in range(max(len(left), len(right))):
        y = height - 100 - 12 * i
        for x, column in ((60, left), (310, right)):
            if i < len(column):
                if one_text_object:
                    t.setTextOrigin(x, y)
                    t.textOut(column[i])
                else:
                    c.drawString(x, y, column[i])
    if one_text_object:
        c.drawText(t)
    c.showPage()
    c.save()
    return path


def order_breaks(text: str) -> int:
    """How often the next numbered word is not the successor of the previous one."""
    numbers = [int(w[1:]) for w in re.findall(r"w\d{3}", text)]
    return sum(1 for a, b in itertools.pairwise(numbers) if b != a + 1)


@pytest.mark.parametrize("one_text_object", [False, True])
def test_interleaved_two_column_pdf_is_read_column_by_column(tmp_path, one_text_object):
    from pypdf import PdfReader

    path = interleaved_pdf(tmp_path / "columns.pdf", one_text_object=one_text_object)
    plain = PdfReader(path).pages[0].extract_text()
    assert order_breaks(plain) > 30  # what pypdf alone gives: alternating lines
    raw = read_pdf(path)
    assert raw.column_pages == [1]
    assert order_breaks(raw.pages[0]) == 0
    assert len(re.findall(r"w\d{3}", raw.pages[0])) == len(WORDS)


@pytest.mark.skipif(not MULTICOLUMN.is_file(), reason="shared edge PDFs not available")
def test_latex_two_column_pdf_keeps_its_reading_order_and_repairs_hyphens():
    from jane_synth.ingest import IngestLimits, ingest_file

    outcome, doc = ingest_file(MULTICOLUMN, MULTICOLUMN.parent, IngestLimits(ocr=False))
    assert outcome.status == "ingested"
    text = "\n".join(p.text for p in doc.pages)
    # The LaTeX stream is already column by column: no re-ordering is needed.
    assert read_pdf(MULTICOLUMN).column_pages == []
    # The end of the left column runs on into the top of the right one ...
    assert "Donec nonummy pellentesque ante." in text
    # ... paragraphs of the lipsum text come in order ...
    starts = [text.index(s) for s in ("Lorem ipsum dolor", "Nam dui ligula", "Nulla malesuada")]
    assert starts == sorted(starts)
    # ... and words broken at line ends are whole again.
    assert "adipiscing elit" in text and "adip-" not in text
    assert "consectetuer id" in text and "Maecenas lacinia" in text


def test_lost_ligatures_come_back_as_the_word_they_belong_to():
    # The words of two BY-COVID newsletters whose font maps its ligature glyphs to nothing.
    lost = "sta\x00 o\x00cials \x00ndings e\x00ectiveness speci\x00cation work\x00ow pro\x00t re\x00ect"
    assert repair_lost_ligatures([lost]) == [
        "staff officials findings effectiveness specification workflow profit reflect"
    ]
    assert repair_lost_ligatures(["a \x00 b", "plain"]) == ["a \x00 b", "plain"]  # not in a word
    assert clean_page_texts(["\x00nancial reports", "a \x00 b"]) == ["financial reports", "a b"]


@pytest.mark.xdist_group("real_pdfs")
def test_the_real_newsletters_lose_no_ligature(real_pdfs_ingested):
    texts = {
        path.name: "\n".join(page.text for page in doc.pages)
        for path, (_, doc) in real_pdfs_ingested.items()
        if doc is not None and path.name.startswith("BY-COVID")
    }
    spring = texts["BY-COVID_newsletter_Spring_2022.pdf"]
    assert "not-for-profit intergovernmental organisation" in spring.replace("\n", " ")
    assert "workflow" in spring and "officials" in spring
    assert "effectiveness" in texts["BY-COVID-autumn-2022-new.pdf"]
    assert not any("\x00" in text for text in texts.values())
