"""Snippets around the best-matching part of a chunk, with query terms marked."""

from __future__ import annotations

import re
from functools import lru_cache

from .tokenize import query_terms, stem, stop_words


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> re.Pattern[str]:
    # A word that stems to a term starts with the term less its last two letters (Snowball only
    # rewrites endings: therapy -> therapi, hoping -> hope); each candidate is then stemmed.
    prefixes = sorted({t[: max(2, len(t) - 2)] for t in terms}, key=len, reverse=True)
    return re.compile(r"(?iu)\b(?:" + "|".join(map(re.escape, prefixes)) + r")\w*")


def matching_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans of the words of ``text`` whose stem is a query term."""
    terms = frozenset(query_terms(query))
    if not terms:
        return []
    spans = []
    stops = stop_words()
    for m in _candidates(terms).finditer(text):
        word = m.group(0).lower()
        if len(word) > 1 and word not in stops and stem(word) in terms:
            spans.append((m.start(), m.end()))
    return spans


def _window(text: str, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    if len(text) <= width:
        return 0, len(text)
    best_start, best_hits, j = 0, -1, 0
    for s, _ in spans or [(0, 0)]:
        lo = max(0, s - width // 4)
        # spans are in order: count those from the first one at or after lo up to lo + width
        while j < len(spans) and spans[j][0] < lo:
            j += 1
        hits = 0
        while j + hits < len(spans) and spans[j + hits][1] <= lo + width:
            hits += 1
        if hits > best_hits:
            best_start, best_hits = lo, hits
    start, end = best_start, min(len(text), best_start + width)
    if start > 0:  # snap to word boundaries
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def snippet_segments(text: str, query: str, width: int = 240) -> list[tuple[str, bool]]:
    """A window of about ``width`` characters with the most query terms, as ``(text, is_term)``.

    Whitespace is collapsed; an ellipsis marks text cut at either end. Callers that render HTML
    escape each segment and wrap the terms, so no markup from the document can pass through.
    """
    spans = matching_spans(text, query)
    start, end = _window(text, spans, width)
    segments: list[tuple[str, bool]] = []
    pos = start
    for a, b in spans:
        if a < start or b > end:
            continue
        segments.append((text[pos:a], False))
        segments.append((text[a:b], True))
        pos = b
    segments.append((text[pos:end], False))
    out: list[tuple[str, bool]] = []
    for i, (seg, term) in enumerate(segments):
        seg = re.sub(r"\s+", " ", seg)
        if i == 0:
            seg = ("… " if start > 0 else "") + seg.lstrip()
        if i == len(segments) - 1:
            seg = seg.rstrip() + (" …" if end < len(text) else "")
        if seg:
            out.append((seg, term))
    return out


def make_snippet(
    text: str, query: str, width: int = 240, mark: tuple[str, str] = ("**", "**")
) -> str:
    """The snippet as one string, query terms wrapped in ``mark``."""
    return "".join(
        f"{mark[0]}{seg}{mark[1]}" if term else seg
        for seg, term in snippet_segments(text, query, width)
    )
