"""Tokenisation for BM25: lower-case words, English stop words removed, Snowball stems."""

from __future__ import annotations

from functools import cache

import bm25s


@cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> list[list[str]]:
    """Token lists for ``texts``; empty lists for texts with no content words."""
    return bm25s.tokenize(
        texts, stopwords="en", stemmer=_stemmer(), return_ids=False, show_progress=False
    )


def query_terms(query: str) -> list[str]:
    return tokenize([query])[0]
