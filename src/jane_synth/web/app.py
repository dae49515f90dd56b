"""FastAPI app: a search page with filters, cited results, page text, and a JSON API.

Each route is a small function of its own; they share the :class:`SearchService` kept in
``app.state``. Requests are validated by :class:`SearchRequest`, as on the command line.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..config import OutputLayout
from ..embedding import Embedder
from ..search import (
    HYBRID,
    MAX_K,
    InvalidRequest,
    Searcher,
    SearchRequest,
    SearchSettings,
    search_modes,
)
from ..search.request import DEFAULT_K
from ..search.snippets import snippet_segments
from .service import SearchService, page_url, term_segments

# No script runs on these pages; the policy makes that a rule the browser enforces as well.
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"
# Query parameters that are not filters.
REQUEST_KEYS = ("q", "k", "mode")
API_DESCRIPTION = (
    f"`GET /api/search?q=...&k=10&mode=hybrid&KEY=VALUE...`: `k` is clamped to 1..{MAX_K}; an "
    "empty query, an unknown mode or an unknown filter key answers 400."
)

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _service(request: Request) -> SearchService:
    service: SearchService = request.app.state.service
    return service


def _render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env.get_template(name).render(**context), status_code=status)


def parse_request(request: Request) -> SearchRequest:
    """The shared validation over a request's query parameters; every other key is a filter."""
    params = request.query_params
    filters = {key: params.getlist(key) for key in params if key not in REQUEST_KEYS}
    return SearchRequest.parse(params.get("q"), params.get("k"), params.get("mode"), filters)


async def security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """No scripts, no sniffing, no referrer, on every answer."""
    response = await call_next(request)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def search_page(request: Request) -> HTMLResponse:
    """The search form, and the cited hits when a query was given."""
    service = _service(request)
    params = request.query_params
    error, hits, search = "", [], None
    if (params.get("q") or "").strip():
        try:
            search = parse_request(request)
            hits = [service.hit_json(h, search.query, request.url.query)
                    for h in service.search(search)]  # fmt: skip
        except InvalidRequest as exc:
            error = str(exc)
    query = search.query if search else (params.get("q") or "")
    return _render(
        "search.html",
        status=400 if error else 200,
        query=query,
        k=search.k if search else DEFAULT_K,
        mode=search.mode if search else params.get("mode", HYBRID),
        modes=search_modes(),
        selected={key: params.getlist(key)[0] for key in params if key not in REQUEST_KEYS},
        facets=service.facets,
        hits=[(h, snippet_segments(h["text"], query)) for h in hits],
        error=error,
        n_documents=len(service.searcher.documents),
        n_chunks=len(service.searcher.chunks),
    )


def api_search(request: Request) -> JSONResponse:
    """Hits as JSON; 400 with a message for a request the shared validation refuses."""
    service = _service(request)
    try:
        search = parse_request(request)
    except InvalidRequest as exc:
        raise HTTPException(400, str(exc)) from exc
    hits = service.search(search)
    return JSONResponse(
        {
            "query": search.query,
            "mode": search.mode,
            "k": search.k,
            "filters": {key: list(v) for key, v in search.filters.values.items()},
            "hits": [service.hit_json(h, search.query) for h in hits],
        }
    )


def api_facets(request: Request) -> dict[str, list[dict[str, str]]]:
    """The filter choices the store offers."""
    facets = _service(request).facets
    return {key: [{"value": v, "label": lab} for v, lab in c] for key, c in facets.items()}


def page_view(
    request: Request, doc_id: str, page: int, q: str = "", chunk: str = "", back: str = ""
) -> HTMLResponse:
    """One page of a document, the cited passage and the query terms marked."""
    service = _service(request)
    found = service.page(doc_id, page)
    if found is None:
        raise HTTPException(404, "no such document page")
    doc, text = found
    start, end = 0, 0
    cited = service.searcher.chunk(chunk) if chunk else None
    if cited is not None and cited.doc_id == doc_id and cited.page == page:
        start, end = cited.start, cited.end
    parts = [
        (term_segments(text[:start], q), False),
        (term_segments(text[start:end], q), True),
        (term_segments(text[end:], q), False),
    ]
    return _render(
        "page.html",
        doc=doc,
        page=page,
        query=q,
        back_url="/?" + (back or urlencode({"q": q})) if (back or q) else "",
        parts=parts,
        prev_url=page_url(doc_id, page - 1, q, back=back) if page > 1 else "",
        next_url=page_url(doc_id, page + 1, q, back=back) if page < doc.n_pages else "",
    )


def api_page(request: Request, doc_id: str, page: int) -> dict[str, Any]:
    """The text of one page as JSON; 404 for a page the document does not have."""
    found = _service(request).page(doc_id, page)
    if found is None:
        raise HTTPException(404, "no such document page")
    doc, text = found
    return {"doc_id": doc_id, "title": doc.meta.title, "path": doc.path, "page": page,
            "n_pages": doc.n_pages, "text": text}  # fmt: skip


def healthz(request: Request) -> dict[str, Any]:
    """Liveness, with the number of indexed chunks."""
    return {"ok": True, "chunks": len(_service(request).searcher.chunks)}


def create_app(
    output_dir: Path | str,
    embedder: Embedder | None = None,
    settings: SearchSettings | None = None,
    searcher: Searcher | None = None,
) -> FastAPI:
    """The app over one output folder; raises ``IndexNotBuiltError`` when there is no index."""
    layout = OutputLayout(Path(output_dir))
    searcher = searcher or Searcher.open(layout.root, embedder=embedder, settings=settings)
    app = FastAPI(
        title="jane-synth search", description=API_DESCRIPTION, docs_url=None, redoc_url=None
    )
    app.state.service = SearchService(searcher, layout.store)
    app.middleware("http")(security_headers)
    app.get("/", response_class=HTMLResponse)(search_page)
    app.get("/api/search")(api_search)
    app.get("/api/facets")(api_facets)
    app.get("/doc/{doc_id}/page/{page}", response_class=HTMLResponse)(page_view)
    app.get("/api/doc/{doc_id}/page/{page}")(api_page)
    app.get("/healthz")(healthz)
    return app
