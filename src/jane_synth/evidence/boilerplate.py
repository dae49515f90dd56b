"""Lines that are never evidence: references, web addresses, boilerplate, captions, contents.

A minimal rule set, kept until the fuller one (issue 9, item 3) replaces this module; the
signature :func:`not_evidence_reason` is the contract.
"""

from __future__ import annotations

import re

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("web address", re.compile(r"https?://|www\.|\baccessed\b|\bretrieved from\b", re.I)),
    ("e-mail or phone", re.compile(r"\S+@\S+\.\w+|\b(tel|phone|fax)\b\.?\s*[:+(]?\s*\+?\d", re.I)),
    ("copyright or disclaimer", re.compile(
        r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|does not imply|do not necessarily "
        r"reflect|\bdisclaimer\b|\bendorse(d|ment)?\b.*\b(products?|companies|manufacturers)\b",
        re.I,
    )),
    ("caption", re.compile(r"^(figure|fig\.|table|box|chart)\s*\d+[.:]?", re.I)),
    ("table of contents", re.compile(r"(\.\s?){4,}\s*\d+\s*$|^contents\b", re.I)),
    ("reference entry", re.compile(
        r"\bdoi:\s*10\.|\bet al\.,?\s*\(?(19|20)\d{2}|\b(19|20)\d{2};\s*\d+(\(\d+\))?:\s*\d+"
        r"|\b(vol|pp)\.\s*\d+|^\[\d+\]\s",
        re.I,
    )),
    ("instruction to the reader", re.compile(
        r"^(as a (teacher|student|reader)|click\b|see (also|page|section)\b|please (see|refer|note))",
        re.I,
    )),
)  # fmt: skip


def not_evidence_reason(text: str) -> str | None:
    """Why ``text`` can never be evidence (a short reason), or ``None`` when it may be."""
    stripped = text.strip()
    for reason, pattern in _RULES:
        if pattern.search(stripped):
            return reason
    return None
