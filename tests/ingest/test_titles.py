"""Readable PDF titles: code and file names are recognised; the first page's title replaces them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from jane_synth.ingest import discover, ingest_file
from jane_synth.ingest.titles import (
    choose_pdf_title,
    first_heading_line,
    is_readable_title,
    looks_like_a_file_or_code_name,
)

REPO = Path(__file__).resolve().parents[2]
# ``../shared`` next to the project root (a worktree may sit one folder deeper).
SHARED = next(
    (p / "shared" / "data" for p in REPO.parents if (p / "shared" / "data").is_dir()), REPO
)
REAL = SHARED / "real_pdfs"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="shared real PDFs not available")

BAD = [
    "",
    "   ",
    "WHO_EUROCVD19_V12a",
    "Who euro 2020 690 40425 54211 eng",
    "Microsoft Word - report.docx",
    "report",
    "BY-COVID_OpenCall_IP68 Statement_final",
    "gabriele.anton",
    "Gabi Anton, Cecilia Engels, Michael Neumann",
    "WHOEURO2020",
]
GOOD = [
    "Star Schema",
    "The iCRF Generator",
    "MIABIS core v3.0 update – star model suggestion for facts and dimensions",
    "VEO report on mutations and variation in publicly shared SARS-CoV-2 raw sequencing data",
    "Report No. 10 – 15 December 2021",
    "The EU4Health programme 2021-2027",
    "European Reference Networks: a 2017 baseline",
]


@pytest.mark.parametrize("title", BAD)
def test_file_code_and_people_names_are_not_titles(title: str) -> None:
    assert looks_like_a_file_or_code_name(title)


@pytest.mark.parametrize("title", GOOD)
def test_real_titles_are_titles(title: str) -> None:
    assert not looks_like_a_file_or_code_name(title)
    assert is_readable_title(title)


def test_the_author_is_not_the_title() -> None:
    assert looks_like_a_file_or_code_name("Jeffrey Edward Skiby", author="Jeffrey Edward Skiby")
    assert not looks_like_a_file_or_code_name("Jeffrey Edward Skiby", author="ECDC")
    assert not is_readable_title("BY-COVIDOpenCall:Supportfor theimplementationofnationaland")


def test_first_heading_line() -> None:
    text = "Gabi Anton, Cecilia Engels\nNetworks of expertise in Europe\nBody text follows here."
    assert first_heading_line(text) == "Networks of expertise in Europe"
    assert first_heading_line("1\nThis is a sentence, not a heading.\n2") == ""


def _pdf(path: Path, *, title: str, lines: list[tuple[int, str]], author: str = "") -> Path:
    """A one-page PDF with metadata ``title`` and ``lines`` as (font size, text) from the top."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor(author)
    y = A4[1] - 80
    for size, text in lines:
        c.setFont("Helvetica", size)
        c.drawString(72, y, text)
        y -= size * 1.6
    c.showPage()
    c.save()
    return path


BODY = [
    (11, f"Body line {i}: networks share expertise across borders for patients.") for i in range(8)
]


def test_a_junk_metadata_title_gives_way_to_the_big_font_title(tmp_path: Path) -> None:
    lines = [(9, "Jane Doe, Richard Roe"), (24, "Networks of expertise in Europe"), *BODY]
    path = _pdf(tmp_path / "WHO_EUROCVD19_V12a.pdf", title="WHO_EUROCVD19_V12a", lines=lines)
    outcome, doc = ingest_file(path, tmp_path)
    assert doc is not None, outcome.reason
    assert doc.meta.title == "Networks of expertise in Europe"


def test_a_big_title_on_two_lines_is_joined(tmp_path: Path) -> None:
    lines = [(24, "Networks of expertise"), (24, "in Europe: a review"), *BODY]
    path = _pdf(tmp_path / "x.pdf", title="Microsoft Word - x.docx", lines=lines)
    _, doc = ingest_file(path, tmp_path)
    assert doc is not None and doc.meta.title == "Networks of expertise in Europe: a review"


def test_a_good_metadata_title_is_kept(tmp_path: Path) -> None:
    lines = [(24, "Networks of expertise in Europe"), *BODY]
    path = _pdf(tmp_path / "n.pdf", title="Expertise networks in Europe, 2024 edition", lines=lines)
    _, doc = ingest_file(path, tmp_path)
    assert doc is not None and doc.meta.title == "Expertise networks in Europe, 2024 edition"


def test_a_template_title_absent_from_the_page_gives_way(tmp_path: Path) -> None:
    lines = [(24, "Networks of expertise in Europe"), *BODY]
    path = _pdf(tmp_path / "t.pdf", title="AME - Biobank AME-Retreat", lines=lines)
    _, doc = ingest_file(path, tmp_path)
    assert doc is not None and doc.meta.title == "Networks of expertise in Europe"


def test_without_a_larger_font_the_first_heading_line_is_the_title(tmp_path: Path) -> None:
    lines = [(11, "Networks of expertise in Europe"), *BODY]
    path = _pdf(tmp_path / "plain.pdf", title="", lines=lines)
    _, doc = ingest_file(path, tmp_path)
    assert doc is not None and doc.meta.title == "Networks of expertise in Europe"


def test_no_page_title_and_a_junk_metadata_title_fall_back_to_the_file_name(
    tmp_path: Path,
) -> None:
    lines = [(24, "News"), *BODY]  # a newsletter's masthead is no title
    path = _pdf(tmp_path / "spring-newsletter.pdf", title="WHOEURO2020", lines=lines)
    _, doc = ingest_file(path, tmp_path)
    assert doc is not None and doc.meta.title == "Spring newsletter"
    assert choose_pdf_title("Good title here", None) == "Good title here"


@needs_real
def test_real_pdf_titles_are_readable() -> None:
    titles: dict[str, str] = {}
    for path in discover(REAL):
        outcome, doc = ingest_file(path, REAL)
        if doc is not None and path.suffix == ".pdf":
            titles[outcome.path] = doc.meta.title
    print("\n".join(f"{p}: {t}" for p, t in sorted(titles.items())))
    assert len(titles) >= 15
    for title in titles.values():
        assert "_" not in title and not re.search(r"\d{4,}\s+\d{4,}", title), title
        assert not looks_like_a_file_or_code_name(title), title
    by_file = {Path(p).name: t for p, t in titles.items()}
    assert by_file["VEO-COVID-19-Variants-Report-10-Final.pdf"] == (
        "VEO report on mutations and variation in publicly shared SARS-CoV-2 raw sequencing data"
    )
    assert by_file["by-covid-open-call-privacy-statement.pdf"] == "Information for data subjects"
    assert by_file["MIABISCorev3update_20210405.pdf"].startswith("MIABIS core v3.0 update")
    assert by_file["public-engagement-flyer.pdf"] == "Citizen Engagement"
    assert by_file["iCRF Generator Sildes 20200615_VASCA.pdf"] == "The iCRF Generator"
    assert by_file[
        "2020-06-23 - Castor EDC - Martijn Kersloot - FAIRification at the Source.pdf"
    ].startswith("FAIRification at the source")
