"""Readable titles for PDFs: keep a good metadata title, else read one off the first page.

Real reports often carry no metadata title, or a useless one: a file or code name
(``WHO_EUROCVD19_V12a``, "Who euro 2020 690 40425 54211 eng"), the tool's name ("Microsoft Word -
report.docx"), a template's leftover title, or the author's name. The first page usually shows
the real title in its largest font: :func:`title_from_first_page` finds it with pypdf's text
visitor, and falls back to the first heading-like line of the page text.
"""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pypdf import PageObject

_WORD = re.compile(r"[^\W\d_]+")
_CODE_TOKEN = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z\d]{6,}$", re.IGNORECASE)
_NUMBER = re.compile(r"^\d{3,}$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_FILE_NAME = re.compile(r"\.(?:pdf|docx?|pptx?|xlsx?|odt|indd|tex|rtf)$|^microsoft \w+ - ", re.I)
_LANGUAGE_SUFFIX = re.compile(r"\s(?:eng|en|fre|fra|fr|ger|deu|de|spa|es|ita|it|rus|ru)$", re.I)
_PERSON = r"[A-Z][a-z\u00e0-\u00ff'-]+(?:\s[A-Z]\.)?(?:\s(?:de|van|von|der|da|di|le)){0,2}\s[A-Z][\w\u00e0-\u00ff'-]+"
_PEOPLE = re.compile(rf"^{_PERSON}(?:\s*(?:,|and|&)\s*{_PERSON})+$")
_LOGIN = re.compile(r"^[a-z]+[._][a-z]+$")

MIN_TITLE_WORDS = 2
MAX_TITLE_WORDS = 30
MAX_WORD_LETTERS = 20
"""A title with a longer "word" lost its spaces in extraction ("BY-COVIDOpenCall:Supportfor")."""
MIN_HEADING_RATIO = 1.15
"""The title's font is at least this much larger than the page's most common font."""
MAX_TITLE_RUNS = 2
"""More separate text runs in the largest font are section headings (a factsheet), not a title."""


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _same_name(a: str, b: str) -> bool:
    return bool(a) and _WORD.findall(a.casefold()) == _WORD.findall(b.casefold())


def looks_like_a_file_or_code_name(title: str, *, author: str = "") -> bool:
    """Whether ``title`` is no title for people: empty, a file, code or login name, or a person."""
    title = _norm(title)
    if len(_WORD.findall(title)) == 0 or _FILE_NAME.search(title) or _same_name(title, author):
        return True
    if "_" in title or _LOGIN.match(title) or _PEOPLE.match(title):
        return True
    tokens = title.split()
    if len(tokens) == 1 and (title.islower() or _CODE_TOKEN.match(title)):
        return True
    numbers = [t for t in tokens if _NUMBER.match(t) and not _YEAR.match(t)]
    codes = [t for t in tokens if _CODE_TOKEN.match(t)]
    # "Who euro 2020 690 40425 54211 eng": a repository's file name with its spaces restored.
    return len(numbers) + len(codes) >= 2 or bool(numbers and _LANGUAGE_SUFFIX.search(title))


def is_readable_title(text: str, *, author: str = "") -> bool:
    """Whether text read off a page can serve as a title."""
    words = _WORD.findall(text)
    if not MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_WORDS:
        return False
    if max(len(w) for w in words) > MAX_WORD_LETTERS or "@" in text or "://" in text:
        return False
    if any(len(w) >= 4 and w[::2] == w[1::2] for w in words):
        return False  # fake bold, every letter drawn twice: "DDaattaa SShheeeett"
    return not looks_like_a_file_or_code_name(text, author=author)


@dataclass
class _Fragments:
    """Text fragments of a page with their effective font size, in content-stream order."""

    items: list[tuple[float, str]] = field(default_factory=list)

    def visit(self, text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if not text:
            return
        # The font size scaled by the text and transformation matrices (vertical scale).
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        self.items.append((round(float(size) * math.hypot(c, d), 1), text))


def _runs(items: list[tuple[float, str]], size: float) -> list[str]:
    """Consecutive fragments at (about) ``size``; whitespace fragments never break a run."""
    runs: list[str] = []
    current: list[str] | None = None
    for item_size, text in items:
        if not text.strip():
            if current is not None:
                current.append(text)
            continue
        if abs(item_size - size) <= 0.05 * size:
            current = current if current is not None else []
            current.append(text)
        elif current is not None:
            runs.append(_norm("".join(current)))
            current = None
    if current is not None:
        runs.append(_norm("".join(current)))
    return [r for r in runs if r]


def _largest_font_title(items: list[tuple[float, str]], author: str) -> str | None:
    """The first run of text in the page's largest font; ``None`` when no font stands out."""
    visible = [(s, t) for s, t in items if t.strip() and s > 0]
    if not visible:
        return None
    largest = max(s for s, _ in visible)
    # The body font: the most used smaller size (by words).
    smaller = [s for s, t in visible if s < 0.95 * largest for _ in t.split()]
    if not smaller:
        return None
    body = max(set(smaller), key=lambda s: (smaller.count(s), -s))
    if largest < MIN_HEADING_RATIO * body:
        return None
    runs = _runs(items, largest)
    if len(runs) > MAX_TITLE_RUNS:
        return ""
    title = runs[0].rstrip(" .:;,-") if runs else ""
    return title if is_readable_title(title, author=author) else ""


def first_heading_line(text: str, *, author: str = "", lines: int = 3) -> str:
    """The first heading-like line among the first ``lines`` non-empty lines of ``text``."""
    candidates = [_norm(line) for line in text.splitlines() if line.strip()][: lines + 1]
    for line, after in zip(candidates, [*candidates[1:], ""][:lines], strict=False):
        if line.endswith((".", ",", ";")) or not line[0].isupper():
            continue
        if after[:1].islower():
            continue  # a paragraph's first line, wrapped
        if is_readable_title(line, author=author):
            return line.rstrip(" :-")
    return ""


def title_from_first_page(reader_page: PageObject, *, author: str = "", text: str = "") -> str:
    """The title shown on a first page: its largest-font text, else its first heading-like line.

    ``text`` is the page's already extracted text, if the caller has it. Empty when neither is
    readable (no words, lost spaces, a person's name, section headings only). The first
    heading-like line is used only when no font stands out on the page.
    """
    fragments = _Fragments()
    with contextlib.suppress(Exception):  # a broken page has no title, not an error
        reader_page.extract_text(visitor_text=fragments.visit)
    title = _largest_font_title(fragments.items, author)
    if title is not None:
        # A heading font that holds no readable title (a newsletter's "News", section headings):
        # the lines below it are headlines, not the document's title.
        return title
    if not text:
        text = "".join(t for _, t in fragments.items)
    return first_heading_line(text, author=author)


def _absent_from(title: str, text: str) -> bool:
    """Whether none of the title's longer words is on the page (a template's leftover title)."""
    words = {w for w in _WORD.findall(title.casefold()) if len(w) >= 4}
    page = text.casefold()
    # Substrings, not words: extraction may have lost the page's spaces ("BY-COVIDOpenCall").
    return bool(words) and bool(page.strip()) and not any(w in page for w in words)


def choose_pdf_title(
    metadata_title: str, first_page: PageObject | None, *, author: str = "", text: str = ""
) -> str:
    """The metadata title when it is good, else the first page's title, else ``""``.

    A metadata title that looks like a file or code name, or shares no word with the first
    page while the page shows a title of its own, gives way to the page's.
    """
    good = not looks_like_a_file_or_code_name(metadata_title, author=author)
    if good and (first_page is None or not _absent_from(metadata_title, text)):
        return metadata_title
    page_title = title_from_first_page(first_page, author=author, text=text) if first_page else ""
    return page_title or (metadata_title if good else "")
