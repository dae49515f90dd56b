"""Figures in a sentence: a number, the measure it counts, and the acronyms that narrow it.

``"a 2024 review counted 106 centres in 26 countries"`` holds two figures, 106 of ``centre``
and 26 of ``country``; ``"59% for acute lymphoblastic leukaemia (ALL)"`` holds 59 of ``%``
narrowed to ``ALL``. Years, dates, ranges, section numbers, citation markers (``[S25]``),
version numbers and numbers without a measure are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = re.compile(
    r"(?<![\w.,\-/–])"  # not inside a word, a decimal, a range or a code
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?!(?!M\b|bn\b)[\w\-–/]|\.\d|,\d)"  # not "5-year", "2025/327", "3rd", nor a range
)
_AFTER = re.compile(
    r"\s*(?P<pct>%|per ?cent\b)?\s*(?P<mult>million\b|billion\b|M\b|bn\b)?\s*"
    r"(?P<word>[A-Za-z][A-Za-z\-]*)?"
)
_CURRENCY_BEFORE = re.compile(r"(?:EUR|€|euros?)\s*$")
_SECTION_NUMBER = re.compile(r"(?:^|\n)[ \t]*$")
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
_MULTIPLIERS = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# Words that follow a number without naming what it counts.
_NOT_MEASURES = frozenset(
    [
        "in",
        "of",
        "the",
        "and",
        "to",
        "for",
        "a",
        "an",
        "by",
        "with",
        "from",
        "or",
        "per",
        "at",
        "on",
        "than",
        "more",
        "about",
        "over",
        "almost",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "should",
        "must",
        "be",
        "been",
        "being",
        "which",
        "that",
        "who",
        "whom",
        "whose",
        "as",
        "into",
        "out",
        "up",
        "down",
        "off",
        "also",
        "only",
        "each",
        "every",
        "all",
        "both",
        "not",
        "percent",
        "per",
        "cent",
    ]
)
_QUALIFIER_WINDOW = 60  # characters after a figure searched for narrowing acronyms
MARKER = re.compile(r"\[S\d+[a-z]?\]")
"""A source marker of the corpus's own reference lists: ``[S25]``, ``[S58b]``."""


@dataclass(frozen=True)
class Quantity:
    """One figure of a sentence: ``sentence[start:end] == text``."""

    value: float
    unit: str  # the measure, normalised: "centre", "%", "EUR", "partner"
    qualifiers: frozenset[str]  # acronyms right after the figure ("ALL", "AYA")
    text: str  # as written: "106 centres", "59%", "EUR 18 million"
    start: int
    end: int
    context: frozenset[str] = frozenset()  # the words right after it, up to a clause break

    def in_same_context(self, other: Quantity) -> bool:
        """Whether the words after the two figures overlap (or one has none): "23.7 million
        people alive after diagnosis" and "9.1 million people more than ten years after" do
        not count the same people."""
        return not (self.context and other.context) or bool(self.context & other.context)

    def measures_the_same_as(self, other: Quantity) -> bool:
        """Same measure, and, when both are narrowed, narrowed to something in common."""
        if self.unit != other.unit:
            return False
        if self.qualifiers and other.qualifiers:
            return bool(self.qualifiers & other.qualifiers)
        return not (self.qualifiers or other.qualifiers)


def singular(word: str) -> str:
    """A crude singular of an English plural noun, lower-cased ("countries" -> "country")."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _qualifiers(text: str, end: int) -> frozenset[str]:
    """Acronyms after a figure, up to the next figure or clause break ("59% for ... (ALL)")."""
    window = MARKER.sub(lambda m: " " * len(m.group()), text[end : end + _QUALIFIER_WINDOW])
    stop = re.search(r"\d|[;:(]\s*\d|\bwhile\b|\bwhereas\b|\bagainst\b", window)
    window = window[: stop.start()] if stop else window
    # "EUROCARE-6" names a study, not what is counted
    return frozenset(
        m.group().removesuffix("s")
        for m in _ACRONYM.finditer(window)
        if not window.startswith("-", m.end())
    )


def _context(text: str, end: int, words: int = 4) -> frozenset[str]:
    window = MARKER.sub(" ", text[end : end + 80])
    clause = re.split(r"[,;:.()\[\]\d]", window, maxsplit=1)[0]
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", clause)[:words])


def _measure(text: str, start: int, end: int) -> tuple[str, float, int] | None:
    """The measure after the number ending at ``end``: (unit, multiplier, end of the figure)."""
    after = _AFTER.match(text, end)
    assert after is not None  # every group is optional
    currency = _CURRENCY_BEFORE.search(text[max(0, start - 8) : start]) is not None
    mult = after.group("mult")
    factor = _MULTIPLIERS.get(mult.lower(), 1.0) if mult else 1.0
    if after.group("pct"):
        return "%", 1.0, after.end("pct")
    if currency:
        return "EUR", factor, after.end("mult") if mult else end
    word = after.group("word")
    if not word or word.lower() in _NOT_MEASURES or word.lower() in _MONTHS:
        return ("", factor, after.end("mult")) if mult else None
    return singular(word), factor, after.end("word")


def quantities(text: str) -> list[Quantity]:
    """The figures of ``text``, in order."""
    found: list[Quantity] = []
    for m in _NUMBER.finditer(text):
        raw = m.group("num")
        value = float(raw.replace(",", ""))
        if _SECTION_NUMBER.search(text[: m.start()]) and "." in raw:
            continue  # "6.3 Funding and sustainability"
        measure = _measure(text, m.start(), m.end())
        if measure is None:
            continue
        unit, factor, end = measure
        if not unit or (unit != "%" and 1900 <= value <= 2100 and factor == 1.0):
            continue  # a year, or a number of nothing in particular
        begin = m.start()
        if unit == "EUR":
            before = _CURRENCY_BEFORE.search(text[max(0, begin - 8) : begin])
            assert before is not None
            begin = max(0, begin - 8) + before.start()
        # only a percentage needs narrowing: "59% for ALL" and "61% for AML" differ in what
        # they count, "EUR 18 million according to UKRO" does not
        qualifiers = _qualifiers(text, end) if unit == "%" else frozenset()
        found.append(
            Quantity(
                value * factor, unit, qualifiers, text[begin:end], begin, end, _context(text, end)
            )
        )
    return found


def source_markers(text: str) -> frozenset[str]:
    """The source markers a sentence cites (``[S25]``, ``[S58b]``)."""
    return frozenset(MARKER.findall(text))
