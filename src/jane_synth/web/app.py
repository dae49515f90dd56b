"""FastAPI app: a search page with filters, cited results, page text, and a JSON API."""

from __future__ import annotations

import threading
from dataclasses import asdict
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..config import OutputLayout
from ..embedding import Embedder
from ..records import SearchHit
from ..search import FILTER_KEYS, FilterError, Filters, Searcher, SearchSettings
from ..search.snippets import matching_spans, snippet_segments
from ..store import Store
from ..taxonomy import load_taxonomy

MODES = ("hybrid", "bm25", "dense")
MAX_K = 100
# No script runs on these pages; the policy makes that a rule the browser enforces as well.
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def page_url(doc_id: str, page: int, query: str = "", chunk_id: str = "", back: str = "") -> str:
    """Link to one page of a document, the cited passage and query terms marked; ``back`` is
    the query string of the search it came from, so that "back to results" keeps the filters."""
    params = {k: v for k, v in (("q", query), ("chunk", chunk_id), ("back", back)) if v}
    tail = f"?{urlencode(params)}" if params else ""
    return f"/doc/{quote(doc_id, safe='')}/page/{page}{tail}" + ("#hit" if chunk_id else "")


def _term_segments(text: str, query: str) -> list[tuple[str, bool]]:
    spans = matching_spans(text, query) if query else []
    out, pos = [], 0
    for a, b in spans:
        out += [(text[pos:a], False), (text[a:b], True)]
        pos = b
    out.append((text[pos:], False))
    return [s for s in out if s[0]]


class SearchService:
    """One Searcher shared by all requests; searches run one at a time (thread caps are global)."""

    def __init__(self, searcher: Searcher, database: Path):
        self.searcher = searcher
        self.database = database
        self.lock = threading.Lock()
        self.facets = self._facets()

    def _facets(self) -> dict[str, list[tuple[str, str]]]:
        """Filter choices ``key -> [(value, label)]`` from what the store holds."""
        tax = load_taxonomy()
        names = {t.slug: t.name for t in tax.all_terms()}
        docs = [d.meta for d in self.searcher.documents.values()]

        def choices(values) -> list[tuple[str, str]]:
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

    def search(self, query: str, k: int, mode: str, filters: Filters) -> list[SearchHit]:
        with self.lock:
            return self.searcher.search(query, k=k, mode=mode, filters=filters)  # type: ignore[arg-type]

    def page_text(self, doc_id: str, page: int) -> str | None:
        # A connection per request: SQLite connections stay in the thread that made them.
        with Store(self.database) as store:
            return store.page_text(doc_id, page)

    def hit_json(self, hit: SearchHit, query: str, back: str = "") -> dict:
        doc = self.searcher.documents[hit.doc_id]
        row = asdict(hit)
        row["also_in"] = [
            {**asdict(c), "url": page_url(c.doc_id, c.page, query, back=back)} for c in hit.also_in
        ]
        row["publisher"], row["year"] = doc.meta.publisher, doc.meta.year
        row["url"] = page_url(hit.doc_id, hit.page, query, hit.chunk_id, back)
        return row


def _parse(request: Request) -> tuple[str, int, str, Filters]:
    params = request.query_params
    query = params.get("q", "").strip()
    try:
        k = max(1, min(MAX_K, int(params.get("k", "10"))))
    except ValueError as exc:
        raise FilterError("k must be a whole number") from exc
    mode = params.get("mode", "hybrid")
    if mode not in MODES:
        raise FilterError(f"mode must be one of {', '.join(MODES)}")
    filters = Filters.from_mapping(
        {key: params.getlist(key) for key in FILTER_KEYS if key in params}
    )
    return query, k, mode, filters


def create_app(
    output_dir: Path | str,
    embedder: Embedder | None = None,
    settings: SearchSettings | None = None,
    searcher: Searcher | None = None,
) -> FastAPI:
    """The app over one output folder; raises ``IndexNotBuiltError`` when there is no index."""
    layout = OutputLayout(Path(output_dir))
    searcher = searcher or Searcher.open(layout.root, embedder=embedder, settings=settings)
    service = SearchService(searcher, layout.database)
    app = FastAPI(title="jane-synth search", docs_url=None, redoc_url=None)
    app.state.service = service

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def render(name: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(_env.get_template(name).render(**context), status_code=status)

    @app.get("/", response_class=HTMLResponse)
    def search_page(request: Request) -> HTMLResponse:
        error, hits, query, k, mode, selected = "", [], "", 10, "hybrid", {}
        try:
            query, k, mode, filters = _parse(request)
            selected = {key: vals[0] for key, vals in filters.values.items()}
            if query:
                back = request.url.query
                hits = [
                    service.hit_json(h, query, back)
                    for h in service.search(query, k, mode, filters)
                ]
        except FilterError as exc:
            error = str(exc)
        return render(
            "search.html",
            status=400 if error else 200,
            query=query,
            k=k,
            mode=mode,
            modes=MODES,
            selected=selected,
            facets=service.facets,
            hits=[(h, snippet_segments(h["text"], query)) for h in hits],
            error=error,
            n_documents=len(searcher.documents),
            n_chunks=len(searcher.chunks),
        )

    @app.get("/api/search")
    def api_search(request: Request) -> JSONResponse:
        try:
            query, k, mode, filters = _parse(request)
        except FilterError as exc:
            raise HTTPException(400, str(exc)) from exc
        if not query:
            raise HTTPException(400, "q is required")
        hits = service.search(query, k, mode, filters)
        return JSONResponse(
            {
                "query": query,
                "mode": mode,
                "k": k,
                "filters": {key: list(v) for key, v in filters.values.items()},
                "hits": [service.hit_json(h, query) for h in hits],
            }
        )

    @app.get("/api/facets")
    def api_facets() -> dict:
        return {
            key: [{"value": v, "label": lab} for v, lab in c] for key, c in service.facets.items()
        }

    @app.get("/doc/{doc_id}/page/{page}", response_class=HTMLResponse)
    def page_view(
        doc_id: str, page: int, q: str = "", chunk: str = "", back: str = ""
    ) -> HTMLResponse:
        doc = searcher.documents.get(doc_id)
        text = service.page_text(doc_id, page) if doc else None
        if doc is None or text is None:
            raise HTTPException(404, "no such document page")
        start, end = 0, 0
        cited = searcher.chunk(chunk) if chunk else None
        if cited is not None and cited.doc_id == doc_id and cited.page == page:
            start, end = cited.start, cited.end
        parts = [
            (_term_segments(text[:start], q), False),
            (_term_segments(text[start:end], q), True),
            (_term_segments(text[end:], q), False),
        ]
        return render(
            "page.html",
            doc=doc,
            page=page,
            query=q,
            back_url="/?" + (back or urlencode({"q": q})) if (back or q) else "",
            parts=parts,
            prev_url=page_url(doc_id, page - 1, q, back=back) if page > 1 else "",
            next_url=page_url(doc_id, page + 1, q, back=back) if page < doc.n_pages else "",
        )

    @app.get("/api/doc/{doc_id}/page/{page}")
    def api_page(doc_id: str, page: int) -> dict:
        doc = searcher.documents.get(doc_id)
        text = service.page_text(doc_id, page) if doc else None
        if doc is None or text is None:
            raise HTTPException(404, "no such document page")
        return {"doc_id": doc_id, "title": doc.meta.title, "path": doc.path, "page": page,
                "n_pages": doc.n_pages, "text": text}  # fmt: skip

    @app.get("/healthz")
    def healthz() -> dict:
        return {"ok": True, "chunks": len(searcher.chunks)}

    return app
