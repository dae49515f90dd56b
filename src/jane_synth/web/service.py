"""What the web routes share: one Searcher, the filter choices, page text and hit rows."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from ..records import SearchHit
from ..search import Searcher, SearchRequest
from ..search.snippets import matching_spans
from ..store import Store, StoredDocument
from ..taxonomy import load_taxonomy

Choices = list[tuple[str, str]]


def page_url(doc_id: str, page: int, query: str = "", chunk_id: str = "", back: str = "") -> str:
    """Link to one page of a document, the cited passage and query terms marked; ``back`` is
    the query string of the search it came from, so that "back to results" keeps the filters."""
    params = {k: v for k, v in (("q", query), ("chunk", chunk_id), ("back", back)) if v}
    tail = f"?{urlencode(params)}" if params else ""
    return f"/doc/{quote(doc_id, safe='')}/page/{page}{tail}" + ("#hit" if chunk_id else "")


def term_segments(text: str, query: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(segment, is_query_term)`` pieces, empty pieces dropped."""
    spans = matching_spans(text, query) if query else []
    out, pos = [], 0
    for a, b in spans:
        out += [(text[pos:a], False), (text[a:b], True)]
        pos = b
    out.append((text[pos:], False))
    return [s for s in out if s[0]]


class SearchService:
    """One Searcher shared by all requests; searches run one at a time (thread caps are global)."""

    def __init__(self, searcher: Searcher, database: Path | str):
        self.searcher = searcher
        self.database = database
        self.lock = threading.Lock()
        self.facets = self._facets()

    def _facets(self) -> dict[str, Choices]:
        """Filter choices ``key -> [(value, label)]`` from what the store holds."""
        names = {t.slug: t.name for t in load_taxonomy().all_terms()}
        docs = [d.meta for d in self.searcher.documents.values()]

        def choices(values: Iterable[str | None]) -> Choices:
            return sorted({(v, names.get(v, v)) for v in values if v}, key=lambda c: c[1].lower())

        themes = [
            (str(t.theme_id), f"{t.theme_id}: {t.label}") for t in self.searcher.store.themes()
        ]
        return {
            "doc_type": choices(m.doc_type for m in docs),
            "publisher": choices(m.publisher for m in docs),
            "network": choices(n for m in docs for n in m.networks),
            "noe_domain": choices(
                [n for m in docs for n in m.noe_domains] + [m.main_noe_domain for m in docs]
            ),
            "country": choices(self.searcher.country_slugs),
            "language": choices(m.language for m in docs),
            "theme": themes,
        }

    def search(self, request: SearchRequest) -> list[SearchHit]:
        """The hits of one validated request."""
        with self.lock:
            return self.searcher.search(
                request.query, k=request.k, mode=request.mode, filters=request.filters
            )

    def page(self, doc_id: str, page: int) -> tuple[StoredDocument, str] | None:
        """A document and the text of one of its pages; ``None`` unless both exist."""
        doc = self.searcher.documents.get(doc_id)
        if doc is None or not 1 <= page <= doc.n_pages:
            return None  # checked here: SQLite cannot even look up a page number over 2**63
        # A connection per request: SQLite connections stay in the thread that made them.
        with Store(self.database) as store:
            text = store.page_text(doc_id, page)
        return None if text is None else (doc, text)

    def hit_json(self, hit: SearchHit, query: str, back: str = "") -> dict[str, Any]:
        """A hit as JSON, with links to its page and to the pages of its other copies."""
        doc = self.searcher.documents[hit.doc_id]
        row = asdict(hit)
        row["also_in"] = [
            {**asdict(c), "url": page_url(c.doc_id, c.page, query, back=back)} for c in hit.also_in
        ]
        row["publisher"], row["year"] = doc.meta.publisher, doc.meta.year
        row["url"] = page_url(hit.doc_id, hit.page, query, hit.chunk_id, back)
        return row
