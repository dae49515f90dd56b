"""Every file gets an outcome: ingested, ingested with warnings, or quarantined with a reason.

Each test makes its own small files in ``tmp_path`` (reportlab, pypdf, Pillow, python-docx).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from pathlib import Path

import pytest

from jane_synth.config import OutputLayout
from jane_synth.ingest import IngestLimits, ingest_file
from jane_synth.pipeline import sync_documents
from jane_synth.store import Store

NO_OCR = IngestLimits(ocr=False)

LINES = [
    "European Reference Networks connect healthcare providers across Europe.",
    "Virtual expert panels discuss complex cases without moving the patient.",
    "Networks of Expertise will learn from the governance of the networks.",
]


def text_pdf(path: Path, pages: list[list[str]], *, header: str = "", encrypt=None) -> Path:
    """A PDF with one text line per entry, an optional running header and page numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    width, height = A4
    for number, lines in enumerate(pages, start=1):
        if header:
            c.setFont("Helvetica", 8)
            c.drawString(72, height - 40, header)
            c.drawString(width / 2, 30, str(number))
        c.setFont("Helvetica", 11)
        for i, line in enumerate(lines):
            c.drawString(72, height - 90 - 16 * i, line)
        c.showPage()
    c.save()
    return path


def picture(text: str = "", size=(1200, 500)):
    """A grey picture, with ``text`` written large on it when given."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((40, 40, 300, 300), fill=(120, 120, 120))
    if text:
        font = ImageFont.load_default(size=56)
        draw.text((60, 340), text, fill="black", font=font)
    return image


def image_pdf(path: Path, images: list, text_pages: dict[int, list[str]] | None = None) -> Path:
    """One page per image, drawn over most of the page; ``text_pages`` adds text to some pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for number, image in enumerate(images, start=1):
        for i, line in enumerate((text_pages or {}).get(number, [])):
            c.drawString(72, height - 60 - 16 * i, line)
        if image is not None:
            c.drawImage(ImageReader(image), 40, 200, width=width - 80, height=(width - 80) * 0.42)
        c.showPage()
    c.save()
    return path


def pypdf_encrypted(path: Path, user_password: str, owner_password: str = "owner") -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = text_pdf(path.with_suffix(".plain.pdf"), [LINES])
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password=owner_password)
    with path.open("wb") as fh:
        writer.write(fh)
    plain.unlink()
    return path


def ingest(path: Path, limits: IngestLimits = NO_OCR):
    return ingest_file(path, path.parent, limits)


# -- ingested ---------------------------------------------------------------------------------


def test_text_pdf_is_ingested_with_page_numbers_kept_and_furniture_removed(tmp_path):
    pages = [[f"{line} Part {part}." for line in LINES] for part in ("one", "two", "three")]
    path = text_pdf(tmp_path / "report.pdf", pages, header="JANE test report - running header")
    outcome, doc = ingest(path)
    assert outcome.status == "ingested", outcome.reason
    assert outcome.reason == ""
    assert (outcome.pages, outcome.language) == (3, "en")
    assert outcome.doc_id == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert all("running header" not in p.text for p in doc.pages)
    assert all(not p.text.splitlines()[-1].strip().isdigit() for p in doc.pages)
    assert doc.pages[1].text == "\n".join(pages[1])
    assert outcome.chars == sum(len(p.text) for p in doc.pages)


def test_markdown_with_front_matter_is_ingested(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: A note\nyear: 2024\n---\n# A note\n\n" + " ".join(LINES) + "\n", "utf-8"
    )
    outcome, doc = ingest(path)
    assert outcome.status == "ingested"
    assert doc.meta.title == "A note" and doc.meta.year == 2024
    assert "#" not in doc.pages[0].text


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_a_byte_order_mark_does_not_hide_the_front_matter(tmp_path, suffix):
    path = tmp_path / f"bom{suffix}"
    text = "---\ntitle: A note\nyear: 2024\n---\n# A note\n\n" + " ".join(LINES) + "\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # as Windows editors save it
    outcome, doc = ingest(path)
    assert outcome.status == "ingested"
    assert doc.meta.title == "A note" and doc.meta.year == 2024
    assert "---" not in doc.pages[0].text and "\ufeff" not in doc.pages[0].text


# -- ingested with warnings -------------------------------------------------------------------


def test_pdf_with_one_scanned_page_warns_about_that_page(tmp_path):
    path = image_pdf(tmp_path / "mixed.pdf", [None, picture()], text_pages={1: LINES})
    outcome, doc = ingest(path)
    assert outcome.status == "ingested_with_warnings"
    assert outcome.reason == "no text layer on page(s) 2"
    assert outcome.pages == 2 and doc.pages[1].text == ""


def test_pdf_encrypted_with_an_empty_user_password_is_decrypted(tmp_path):
    path = pypdf_encrypted(tmp_path / "open.pdf", user_password="")
    outcome, doc = ingest(path)
    assert outcome.status == "ingested_with_warnings"
    assert "empty user password" in outcome.reason
    assert "Reference Networks" in doc.pages[0].text


def test_latin1_text_file_is_ingested_with_a_warning(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(("Caf\xe9 notes: " + " ".join(LINES)).encode("latin-1"))
    outcome, doc = ingest(path)
    assert outcome.status == "ingested_with_warnings"
    assert "Latin-1" in outcome.reason and doc.pages[0].text.startswith("Café")


def test_truncated_pdf_whose_pages_survive_is_recovered(tmp_path):
    whole = text_pdf(tmp_path / "whole.pdf", [LINES, LINES, LINES]).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: int(len(whole) * 0.95)])
    outcome, doc = ingest(path)
    assert outcome.status == "ingested_with_warnings"
    assert "damaged or truncated" in outcome.reason
    assert "Reference Networks" in doc.pages[0].text


# -- quarantined ------------------------------------------------------------------------------


@pytest.mark.parametrize("maker", ["reportlab", "pypdf"])
def test_password_protected_pdf_is_quarantined_as_encrypted(tmp_path, maker):
    if maker == "reportlab":
        path = text_pdf(tmp_path / "secret.pdf", [LINES], encrypt="secret")
    else:
        path = pypdf_encrypted(tmp_path / "secret.pdf", user_password="secret")
    outcome, doc = ingest(path)
    assert doc is None
    assert outcome.status == "quarantined"
    assert outcome.reason == "encrypted: the empty password failed"
    assert outcome.doc_id  # the content hash still identifies the file


def test_image_only_pdf_says_no_text_layer(tmp_path):
    path = image_pdf(tmp_path / "scan.pdf", [picture(), picture()])
    outcome, doc = ingest(path)
    assert doc is None and outcome.status == "quarantined"
    assert outcome.reason.startswith("no text layer (2 page(s)")
    assert "OCR turned off" in outcome.reason
    assert outcome.pages == 2


def test_image_only_pdf_without_tesseract_says_how_to_get_ocr(tmp_path, monkeypatch):
    from jane_synth.ingest import ocr

    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)
    path = image_pdf(tmp_path / "scan.pdf", [picture("Scanned page")])
    outcome, _ = ingest(path, IngestLimits())
    assert outcome.status == "quarantined"
    assert outcome.reason.startswith("no text layer")
    assert "install tesseract-ocr" in outcome.reason


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n1 0 obj <<\ntruncated", b"%PDF-1.7\n" + bytes(range(256)) * 8, b"not a pdf"],
)
def test_corrupt_pdf_is_quarantined(tmp_path, content):
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    outcome, doc = ingest(path)
    assert doc is None and outcome.status == "quarantined"
    assert outcome.reason.startswith("corrupt or unreadable")


def test_truncated_pdf_without_surviving_text_is_quarantined_as_corrupt(tmp_path):
    whole = text_pdf(tmp_path / "whole.pdf", [LINES, LINES, LINES]).read_bytes()
    for share in (0.1, 0.4):
        path = tmp_path / f"cut-{share}.pdf"
        path.write_bytes(whole[: int(len(whole) * share)])
        outcome, doc = ingest(path)
        assert doc is None and outcome.status == "quarantined"
        assert outcome.reason.startswith("corrupt or unreadable"), outcome.reason


def test_corrupt_docx_is_quarantined(tmp_path):
    path = tmp_path / "paper.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    outcome, _ = ingest(path)
    assert outcome.status == "quarantined"
    assert outcome.reason.startswith("corrupt or unreadable")


def test_too_many_bytes_is_quarantined_before_reading(tmp_path):
    path = text_pdf(tmp_path / "big.pdf", [LINES])
    outcome, _ = ingest(path, IngestLimits(max_bytes=100, ocr=False))
    assert outcome.status == "quarantined"
    assert outcome.reason == f"too large: {path.stat().st_size} bytes (limit 100)"


def test_too_many_pages_is_quarantined(tmp_path):
    path = text_pdf(tmp_path / "long.pdf", [LINES, LINES, LINES])
    outcome, _ = ingest(path, IngestLimits(max_pages=2, ocr=False))
    assert outcome.status == "quarantined"
    assert outcome.reason == "too large: 3 pages (limit 2)"


@pytest.mark.parametrize(("name", "suffix"), [("data.xlsx", ".xlsx"), ("LICENSE", "no extension")])
def test_unsupported_type_is_quarantined(tmp_path, name, suffix):
    path = tmp_path / name
    path.write_text("some content", "utf-8")
    outcome, _ = ingest(path)
    assert outcome.status == "quarantined"
    assert outcome.reason == f"unsupported type: {suffix}"


@pytest.mark.parametrize(("name", "content"), [("empty.md", b""), ("blank.txt", b" \n\t\n")])
def test_empty_file_is_quarantined(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    outcome, _ = ingest(path)
    assert outcome.status == "quarantined"
    assert outcome.reason == "empty: the file has no content"


def test_pdf_with_blank_pages_is_quarantined_as_empty(tmp_path):
    path = text_pdf(tmp_path / "blank.pdf", [[], []])
    outcome, _ = ingest(path)
    assert outcome.status == "quarantined"
    assert outcome.reason == "empty: no text (2 page(s))"


def test_html_without_main_text_is_quarantined_as_empty(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", "utf-8")
    outcome, _ = ingest(path)
    assert outcome.status == "quarantined"
    assert outcome.reason.startswith("empty")


# -- a run over a folder of bad files ---------------------------------------------------------


def test_bad_files_never_stop_a_run_and_every_file_gets_an_outcome(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text_pdf(corpus / "good.pdf", [LINES, LINES])
    text_pdf(corpus / "secret.pdf", [LINES], encrypt="secret")
    image_pdf(corpus / "scan.pdf", [picture()])
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<\ntruncated")
    (corpus / "empty.md").write_bytes(b"")
    (corpus / "table.xlsx").write_bytes(b"PK\x03\x04")
    (corpus / "notes.md").write_text("# Notes\n\n" + " ".join(LINES), "utf-8")
    layout = OutputLayout(tmp_path / "out")
    with Store(layout.database) as store:
        summary = sync_documents(store, corpus, layout, NO_OCR)
        assert {d.path for d in store.documents()} == {"good.pdf", "notes.md"}
    rows = json.loads(layout.ingest_report.read_text())
    assert [r["path"] for r in rows] == sorted(p.name for p in corpus.iterdir())
    assert set(rows[0]) == {
        "path", "status", "reason", "pages", "chars", "language", "doc_id", "versions"
    }  # fmt: skip
    status = {r["path"]: (r["status"], r["reason"].split(":")[0]) for r in rows}
    assert status == {
        "broken.pdf": ("quarantined", "corrupt or unreadable PDF structure"),
        "empty.md": ("quarantined", "empty"),
        "good.pdf": ("ingested", ""),
        "notes.md": ("ingested", ""),
        "scan.pdf": (
            "quarantined",
            "no text layer (1 page(s) of images without text; OCR turned off)",
        ),
        "secret.pdf": ("quarantined", "encrypted"),
        "table.xlsx": ("quarantined", "unsupported type"),
    }
    assert summary.counts() == {"ingested": 2, "ingested_with_warnings": 0, "quarantined": 5}
    assert sorted(summary.processed) == sorted(status)


def test_a_file_that_cannot_be_stored_is_quarantined_and_the_run_goes_on(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("# A\n\n" + " ".join(LINES), "utf-8")
    (corpus / "b.md").write_text("# B\n\n" + " ".join(LINES[::-1]), "utf-8")
    layout = OutputLayout(tmp_path / "out")
    with Store(layout.database) as store:
        original = Store.record

        def flaky(self, outcome, sha256, parsed, parser=""):
            if outcome.path == "a.md" and parsed is not None:
                raise ValueError("disk says no")
            return original(self, outcome, sha256, parsed, parser)

        monkeypatch.setattr(Store, "record", flaky)
        summary = sync_documents(store, corpus, layout, NO_OCR)
    by_path = {o.path: o for o in summary.outcomes}
    assert by_path["a.md"].status == "quarantined"
    assert by_path["a.md"].reason == "could not be stored: ValueError: disk says no"
    assert by_path["b.md"].status == "ingested"


def test_pdf_title_placeholders_are_not_used_as_titles():
    from jane_synth.ingest.pdf import clean_pdf_title

    assert clean_pdf_title("PowerPoint Presentation") == ""
    assert clean_pdf_title("Microsoft Word - ERN review.docx") == "ERN review"
    assert clean_pdf_title("  BY-COVID   Open Calls.docx ") == "BY-COVID Open Calls"


def test_outcome_rows_are_deterministic(tmp_path):
    path = text_pdf(tmp_path / "same.pdf", [LINES])
    first, _ = ingest(path)
    second, _ = ingest(path)
    assert first == second
    buf = io.StringIO(json.dumps(first.__dict__))
    assert json.load(buf)["doc_id"] == first.doc_id


def test_html_text_keeps_brackets_and_stars_without_markdown_escapes():
    from jane_synth.ingest.html import extract_html

    text = extract_html(
        "<html><body><nav>Home</nav><main><article><h1>EHDS</h1><p>Research access goes through "
        "data permits and HealthData@EU [S36], for 1+MG *and* <b>other</b> projects since 2018.</p>"
        "</article></main></body></html>"
    )
    assert "HealthData@EU [S36], for 1+MG *and* other projects since 2018." in text
    assert "\\" not in text


def test_a_file_that_stalls_the_parser_is_quarantined_as_too_slow(tmp_path, monkeypatch):
    import time

    import jane_synth.ingest as ingest

    def stall(*args, **kwargs):
        while True:  # a parser loop that swallows ordinary exceptions, as pypdf's page loop does
            with contextlib.suppress(Exception):
                time.sleep(0.05)

    from jane_synth.ingest.markdown import MarkdownFormat

    monkeypatch.setattr(MarkdownFormat, "read", stall)
    path = tmp_path / "loop.md"
    path.write_text("# Loop\n\nA document whose parser never returns.\n")
    started = time.monotonic()
    outcome, parsed = ingest.ingest_file(path, tmp_path, ingest.IngestLimits(max_seconds=0.3))
    assert parsed is None and outcome.status == "quarantined"
    assert outcome.reason == "too slow: parsing took more than 0.3 s"
    assert time.monotonic() - started < 5


def test_time_limit_is_a_no_op_outside_the_main_thread():
    import threading

    from jane_synth.ingest.timeout import time_limit

    done = []

    def work():
        with time_limit(0.01):
            done.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert done == [True]
