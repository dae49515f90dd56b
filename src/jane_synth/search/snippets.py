"""Snippets around the best-matching part of a chunk, with query terms marked."""

from __future__ import annotations

import re

from .tokenize import query_terms, tokenize

_WORD = re.compile(r"\w[\w'-]*", re.UNICODE)


def _matching_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    words = list(_WORD.finditer(text))
    stems = tokenize([m.group(0) for m in words]) if words else []
    return [(m.start(), m.end()) for m, s in zip(words, stems, strict=True) if s and s[0] in terms]


def make_snippet(
    text: str, query: str, width: int = 240, mark: tuple[str, str] = ("**", "**")
) -> str:
    """A window of about ``width`` characters with the most query terms, terms wrapped in ``mark``."""
    terms = set(query_terms(query))
    spans = _matching_spans(text, terms) if terms else []
    if len(text) <= width:
        start, end = 0, len(text)
    else:
        best_start, best_hits = 0, -1
        for s, _ in spans or [(0, 0)]:
            lo = max(0, s - width // 4)
            hits = sum(1 for a, b in spans if a >= lo and b <= lo + width)
            if hits > best_hits:
                best_start, best_hits = lo, hits
        start, end = best_start, min(len(text), best_start + width)
        # Snap to word boundaries.
        if start > 0:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < start + 20 else start
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
    out, pos = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out.append(text[pos:a])
        out.append(f"{mark[0]}{text[a:b]}{mark[1]}")
        pos = b
    out.append(text[pos:end])
    snippet = " ".join("".join(out).split())
    return ("… " if start > 0 else "") + snippet + (" …" if end < len(text) else "")
