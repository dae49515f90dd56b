"""One validation of a search request, shared by the command line and the web API.

Queries are cleaned (undecodable bytes, control and private-use characters removed, whitespace
collapsed) and refused when nothing is left; ``k`` is clamped to ``1..MAX_K``; unknown modes and
filter keys are refused with a message that names what is known.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .filters import FilterError, Filters
from .retrievers import HYBRID, search_modes

MIN_K, MAX_K, DEFAULT_K = 1, 100, 10
MAX_QUERY_CHARS = 1_000
# Unicode categories dropped from queries: controls, surrogates (bytes that were not UTF-8),
# private use and unassigned code points.
_DROPPED = {"Cc", "Cs", "Co", "Cn"}


class InvalidRequest(ValueError):
    """A search request that cannot be answered; the message says why, in one line."""


def clean_query(query: str | bytes) -> str:
    """The query without undecodable bytes or control characters, whitespace collapsed."""
    if isinstance(query, bytes):
        query = query.decode("utf-8", "replace")
    kept = []
    for ch in query:
        if ch.isspace():
            kept.append(" ")
        elif ch != "\ufffd" and unicodedata.category(ch) not in _DROPPED:
            kept.append(ch)
    return " ".join("".join(kept).split())


def clamp_k(k: int | str | None) -> int:
    """``k`` as a whole number within ``MIN_K..MAX_K`` (``DEFAULT_K`` when not given)."""
    if k is None or (isinstance(k, str) and not k.strip()):
        return DEFAULT_K
    try:
        value = int(k)
    except (TypeError, ValueError):
        raise InvalidRequest(f"k must be a whole number, not {k!r}") from None
    return max(MIN_K, min(MAX_K, value))


def _filters(filters: Sequence[str] | Mapping[str, str | Sequence[str] | None] | None) -> Filters:
    try:
        if filters is None:
            return Filters({})
        if isinstance(filters, Mapping):
            return Filters.from_mapping(filters)
        return Filters.parse(filters)
    except FilterError as exc:
        raise InvalidRequest(str(exc)) from exc


@dataclass(frozen=True)
class SearchRequest:
    """A validated search: a clean non-empty query, ``k`` in range, a known mode, filters."""

    query: str
    k: int = DEFAULT_K
    mode: str = HYBRID
    filters: Filters = field(default_factory=lambda: Filters({}))

    @classmethod
    def parse(
        cls,
        query: str | bytes | None,
        k: int | str | None = DEFAULT_K,
        mode: str | None = HYBRID,
        filters: Sequence[str] | Mapping[str, str | Sequence[str] | None] | None = None,
    ) -> SearchRequest:
        """Validate raw input (``filters`` as ``KEY=VALUE`` strings or a mapping of form fields).

        Raises ``InvalidRequest`` for an empty query, a query over ``MAX_QUERY_CHARS``, a ``k``
        that is not a number, an unknown mode, or an unknown or malformed filter.
        """
        text = clean_query(query or "")
        if not text:
            raise InvalidRequest("the query is empty: give some words to search for")
        if len(text) > MAX_QUERY_CHARS:
            raise InvalidRequest(f"the query is longer than {MAX_QUERY_CHARS} characters")
        mode = mode or HYBRID
        if mode not in search_modes():
            raise InvalidRequest(f"unknown mode {mode!r}; known: {', '.join(search_modes())}")
        return cls(text, clamp_k(k), mode, _filters(filters))
