"""Readable PDF titles: code and file names are recognised; the first page's title replaces them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from jane_synth.ingest import ingest_file
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


HEADING = "Networks of expertise in Europe"
CASES = {
    "a junk metadata title gives way to the big-font title": (
        "WHO_EUROCVD19_V12a",
        [(9, "Jane Doe, Richard Roe"), (24, HEADING)],
        HEADING,
    ),
    "a big title on two lines is joined": (
        "Microsoft Word - x.docx",
        [(24, "Networks of expertise"), (24, "in Europe: a review")],
        "Networks of expertise in Europe: a review",
    ),
    "a good metadata title is kept": (
        "Expertise networks in Europe, 2024 edition",
        [(24, HEADING)],
        "Expertise networks in Europe, 2024 edition",
    ),
    "a template title absent from the page gives way": (
        "AME - Biobank AME-Retreat",
        [(24, HEADING)],
        HEADING,
    ),
    "without a larger font the first heading-like line is the title": (
        "",
        [(11, HEADING)],
        HEADING,
    ),
    "a wrapped body line is no heading: the file name is the title": (
        "",
        [(11, "Lorem ipsum dolor sit amet, consetetur sadipscing elitr"), (11, "sed diam nonumy.")],
        "Spring newsletter",
    ),
    "a masthead is no title, nor a junk metadata title: the file name is": (
        "WHOEURO2020",
        [(24, "News")],
        "Spring newsletter",
    ),
    "fake bold (every letter drawn twice) is no title": (
        "",
        [(24, "Series 026 DDaattaa SShheeeett")],
        "Spring newsletter",
    ),
}


@pytest.mark.parametrize(("metadata", "lines", "expected"), CASES.values(), ids=list(CASES))
def test_pdf_titles_through_ingest(
    tmp_path: Path, metadata: str, lines: list[tuple[int, str]], expected: str
) -> None:
    path = _pdf(tmp_path / "spring-newsletter.pdf", title=metadata, lines=[*lines, *BODY])
    outcome, doc = ingest_file(path, tmp_path)
    assert doc is not None, outcome.reason
    assert doc.meta.title == expected


def test_without_a_page_a_good_metadata_title_stays() -> None:
    assert choose_pdf_title("Good title here", None) == "Good title here"
    assert choose_pdf_title("WHO_EUROCVD19_V12a", None) == ""


@needs_real
@pytest.mark.xdist_group("real_pdfs")
def test_real_pdf_titles_are_readable(real_pdfs_ingested) -> None:
    titles: dict[str, str] = {}
    for path, (outcome, doc) in real_pdfs_ingested.items():
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
