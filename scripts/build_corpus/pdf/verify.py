"""The round trip: every text drawn into a PDF must come back out of pypdf on its pages."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from ..words import normalise
from .render import PdfResult

LONG_TOKEN = 30  # tokens this long (URLs) may be broken across lines in narrow columns


def pdf_page_texts(data: bytes) -> list[str]:
    """The normalised text of each page, as pypdf extracts it."""
    reader = PdfReader(io.BytesIO(data))
    return [normalise(page.extract_text() or "") for page in reader.pages]


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (to name the first one missing from a page)."""
    parts = re.split(r"(?<=[.!?:;])\s+(?=[\"'(\[A-ZÀ-Ý0-9€–])", normalise(text))
    return [p for p in parts if p]


def _page_bodies(pages: list[str], result: PdfResult, problems: list[str]) -> list[str]:
    """Page texts without the header and footer that start each of them."""
    bodies = []
    for n, (text, furniture) in enumerate(zip(pages, result.furniture, strict=True), start=1):
        prefix = normalise(" ".join(furniture))
        if not text.startswith(prefix):
            problems.append(f"page {n}: header/footer text not found at the start of the page")
            bodies.append(text)
        else:
            bodies.append(text[len(prefix) :].strip())
    return bodies


def _found(wanted: str, span: str) -> bool:
    if wanted in span:
        return True
    squeezed = re.sub(r"\s+", "", wanted)
    # a long URL broken across lines
    return squeezed in re.sub(r"\s+", "", span) and any(
        len(tok) >= LONG_TOKEN for tok in wanted.split()
    )


def verify_pdf(result: PdfResult) -> list[str]:
    """Check that every tracked text comes back from pypdf on the pages it was drawn on."""
    pages = pdf_page_texts(result.data)
    if len(pages) != result.pages:
        return [f"pypdf sees {len(pages)} pages, reportlab drew {result.pages}"]
    problems: list[str] = []
    bodies = _page_bodies(pages, result, problems)
    for key, source_text in result.texts.items():
        drawn = result.placements.get(key)
        if not drawn:
            problems.append(f"{key}: never drawn: {source_text[:60]!r}")
            continue
        span = " ".join(bodies[p - 1] for p in range(min(drawn), max(drawn) + 1))
        wanted = normalise(source_text)
        if not _found(wanted, span):
            bad = next((s for s in split_sentences(wanted) if s not in span), wanted)
            problems.append(f"{key} (page {min(drawn)}): not extracted verbatim: {bad[:100]!r}")
    return problems
