"""Markdown that cannot carry HTML: escaping document text for the Markdown brief.

Document text (titles, publishers, quotes) is data, never markup. HTML special characters
become entities, so a ``<script>`` in a title stays text in any viewer that passes HTML
through. Markdown control characters get a backslash where they would act: the inline ones
(emphasis, code, links, tables, strikethrough) everywhere, the block ones (headings, lists,
setext underlines) at the start of a line, ``!`` before ``[`` and ``(`` after ``]``.
"""

from __future__ import annotations

import re

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ALWAYS = frozenset("\\`*_{}[]|~")
# A block marker at the start of a line: heading, list, setext underline, ordered list.
_LINE_START = re.compile(r"^[ \t]*(?:(?P<mark>[#+\-=])|\d{1,9}(?P<num>[.)]))", re.MULTILINE)
_AROUND_BRACKETS = re.compile(r"!(?=\[)|(?<=\])\(")
# What a code span cannot hold safely: its own fence, HTML characters, a line break.
_NOT_FOR_CODE = re.compile(r"[`<>&\n\r]")


def _contextual(text: str) -> set[int]:
    """Positions of characters that act as Markdown only where they stand."""
    found = {
        m.start("mark") if m.group("mark") else m.start("num") for m in _LINE_START.finditer(text)
    }
    found.update(m.start() for m in _AROUND_BRACKETS.finditer(text))
    return found


def md_escape(text: object) -> str:
    """``text`` as Markdown that renders to exactly that text and nothing else."""
    raw = str(text)
    contextual = _contextual(raw)
    out: list[str] = []
    for i, ch in enumerate(raw):
        if ch in _HTML:
            out.append(_HTML[ch])
        elif ch in _ALWAYS or i in contextual:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def md_code(text: object) -> str:
    """``text`` as a code span, or as escaped text when a code span could not hold it."""
    raw = str(text)
    if not raw or _NOT_FOR_CODE.search(raw):
        return md_escape(raw)
    return f"`{raw}`"
