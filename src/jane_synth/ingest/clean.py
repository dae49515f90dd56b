"""Text cleaning shared by the loaders: whitespace, hyphenation, running headers and footers."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:page|seite|pagina|página|p\.)?\s*\d{1,4}(?:\s*(?:/|of|de|di|von)\s*\d{1,4})?\s*$",
    re.IGNORECASE,
)

# Characters that extractors emit for ligatures and typographic spaces.
_TRANSLATE = str.maketrans(
    {"\ufb01": "fi", "\ufb02": "fl", "\ufb00": "ff", "\u00ad": "", "\ufeff": ""}
)


def normalize_whitespace(text: str) -> str:
    """NFC-normalise, fold runs of spaces, trim lines and collapse blank runs."""
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATE))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def repair_hyphenation(text: str) -> str:
    """Join words split by a hyphen at a line end ("organi-\\nsation" -> "organisation").

    A hyphen before a capital letter is kept ("BBMRI-\\nERIC" -> "BBMRI-ERIC"), since it is
    more likely part of a compound name than a soft break.
    """

    def join(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if right.isupper() or left.isupper() or left.isdigit():
            return f"{left}-{right}"
        return left + right

    return _HYPHEN_BREAK.sub(join, text)


def reflow_lines(text: str) -> str:
    """Join lines that wrap inside a paragraph; keep breaks after sentence ends, bullets and headings."""
    out: list[str] = []
    for line in text.split("\n"):
        if not line:
            out.append("")
            continue
        prev = out[-1] if out else ""
        starts_block = bool(re.match(r"^([-•*·▪–]|\d+[.)]|[A-Z]\))\s", line))
        prev_ends = prev.endswith((".", ":", "?", "!", ";")) or len(prev) < 40
        if prev and not starts_block and not prev_ends and line[:1].islower():
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _signature(line: str) -> str:
    return _DIGITS.sub("#", line.strip().lower())


def strip_running_lines(pages: list[str], edge_lines: int = 3, min_share: float = 0.5) -> list[str]:
    """Remove headers and footers: lines near a page edge that repeat on many pages, and page numbers.

    A line counts as running when, with digits masked, it appears among the first or last
    ``edge_lines`` lines of at least ``min_share`` of the pages (and of at least 3 pages).
    """
    if not pages:
        return pages
    counts: Counter[str] = Counter()
    for text in pages:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        edges = set(lines[:edge_lines] + lines[-edge_lines:])
        counts.update({_signature(ln) for ln in edges})
    threshold = max(3, int(len(pages) * min_share + 0.999))
    running = {sig for sig, n in counts.items() if n >= threshold and len(pages) >= 3}

    cleaned = []
    for text in pages:
        lines = text.split("\n")
        non_empty = [i for i, ln in enumerate(lines) if ln.strip()]
        edge_idx = set(non_empty[:edge_lines] + non_empty[-edge_lines:])
        kept = [
            ln
            for i, ln in enumerate(lines)
            if not (i in edge_idx and (_signature(ln) in running or _PAGE_NUMBER_LINE.match(ln)))
        ]
        cleaned.append("\n".join(kept))
    return cleaned


def clean_page_texts(pages: list[str]) -> list[str]:
    """The whole cleaning chain for the raw page texts of one document."""
    pages = [normalize_whitespace(p) for p in pages]
    pages = strip_running_lines(pages)
    return [normalize_whitespace(reflow_lines(repair_hyphenation(p))) for p in pages]
