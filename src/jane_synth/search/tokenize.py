"""Tokenisation for BM25: lower-case words, English stop words removed, Snowball stems.

The rules are those of ``bm25s.tokenize`` (scikit-learn's word pattern, NLTK's English stop words,
PyStemmer's English Snowball stemmer), done here with a memoised stemmer so that one query costs
microseconds and snippets can stem the words of a passage cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

WORD_PATTERN = re.compile(r"(?u)\b\w\w+\b")


@cache
def stop_words() -> frozenset[str]:
    """NLTK's English stop words as bm25s ships them (imported on first use: bm25s is slow to
    import, and the command line needs the search package at start-up)."""
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


@cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """The Snowball stem of a lower-case word (memoised)."""
    s = _STEMS.get(word)
    if s is None:
        s = _STEMS[word] = str(_stemmer().stemWord(word))
    return s


def terms_of(text: str) -> list[str]:
    """The index terms of one text, in order (repeats kept)."""
    stops = stop_words()
    return [stem(w) for w in WORD_PATTERN.findall(text.lower()) if w not in stops]


def tokenize(texts: Iterable[str]) -> list[list[str]]:
    """Token lists for ``texts``; empty lists for texts with no content words."""
    return [terms_of(t) for t in texts]


def query_terms(query: str) -> list[str]:
    """Distinct terms of a query, in order of first appearance."""
    return list(dict.fromkeys(terms_of(query)))
