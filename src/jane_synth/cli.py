"""The ``jane-synth`` command line of the library: search the corpus and serve the search page.

The commands that need Dagster (``run``, ``ui``) are added to this app by ``pipelines.cli``, the
module the ``jane-synth`` console script points to.
"""

from __future__ import annotations

import atexit
import gc
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console

from .config import default_output_dir, use_offline_model
from .records import SearchHit
from .search import HYBRID, MAX_K, IndexNotBuiltError, InvalidRequest, SearchRequest, search_modes
from .search.request import MIN_K
from .search.settings import SearchSettings
from .store.backend import store_errors

if TYPE_CHECKING:
    from .embedding import Embedder
    from .settings import Settings

app = typer.Typer(
    help="jane-synth: evidence briefs for the JANE Networks of Expertise.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)

# Python's last garbage collection walks every object of the imported libraries (Dagster, spaCy,
# scikit-learn, ONNX Runtime) on the way out: 1-2 s after a command had finished. Registered
# first, this runs after every other exit handler; frozen objects are left to the OS.
atexit.register(gc.freeze)

CorpusOption = Annotated[
    Path | None,
    typer.Option("--corpus", help="Corpus folder [env JANE_CORPUS_DIR; default corpus/]"),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", help="Output folder [env JANE_OUTPUT_DIR; default outputs/]"),
]

# `search` and `serve` call this before the model loads; `use_offline_model` is the one place
# that sets the variables.
_offline_env = use_offline_model


T = TypeVar("T")
SearchModeOption = Annotated[
    str, typer.Option(help=f"Retrieval mode: {', '.join(search_modes())}.")
]


def _exit_2(message: str) -> typer.Exit:
    """Print ``message`` on one line (no markup, no wrapping) and make the exit for bad input."""
    console.print(message, style="red", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _search_request(query: str, k: int, mode: str, filters: list[str] | None) -> SearchRequest:
    """The shared validation of a search; a refused request exits 2 with its message."""
    try:
        return SearchRequest.parse(query, k, mode, filters or [])
    except InvalidRequest as exc:
        raise _exit_2(str(exc)) from exc


def _open_index(opener: Callable[[Path], T], out: Path | None) -> T:
    """``opener`` over the output folder's index; exit 2 naming the folder when there is none
    (not a folder, no index built there, or an index that cannot be read)."""
    from .search.index import check_output_dir

    root = out or default_output_dir()
    unreadable: tuple[type[BaseException], ...] = (OSError, *store_errors())
    try:
        return opener(check_output_dir(root).root)
    except IndexNotBuiltError as exc:
        message = str(exc)
    except unreadable as exc:
        message = f"cannot open the search index in {root}: {exc}"
    raise _exit_2(message)


def _loaded_settings() -> Settings:
    """The settings (``jane-synth.toml``, then the environment); a bad key or value exits 2
    naming it."""
    from pydantic import ValidationError

    from .settings import load_settings

    try:
        return load_settings()
    except ValidationError as exc:
        raise _exit_2(f"invalid settings: {exc}") from exc


def _search_settings() -> SearchSettings:
    """The ``search`` section of the settings."""
    return _loaded_settings().search


def _embedder() -> Embedder:
    """The embedder of the ``embedding`` section (its query backend answers the queries)."""
    return _loaded_settings().embedding.embedder()


def _print_hits(hits: list[SearchHit]) -> None:
    out_console = Console()
    if not hits:
        out_console.print("no hits")
    for rank, hit in enumerate(hits, start=1):
        out_console.print(
            f"[bold]{rank}. {hit.title}[/bold], p. {hit.page}  [dim]score {hit.score:.4f} · {hit.path}[/dim]"
        )
        out_console.print(f"   {hit.snippet}", markup=False, highlight=False)
        for other in hit.also_in:
            out_console.print(f"   [dim]also in: {other.title}, p. {other.page}[/dim]")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for.")],
    k: Annotated[
        int, typer.Option("-k", help=f"Number of hits, {MIN_K} to {MAX_K} (clamped to that range).")
    ] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of hits.")] = False,
    filters: Annotated[
        list[str] | None,
        typer.Option(
            "--filter", help="KEY=VALUE metadata filter, repeatable (e.g. doc_type=evaluation)."
        ),
    ] = None,
    mode: SearchModeOption = HYBRID,
    out: OutOption = None,
) -> None:
    """Search the embedded corpus; hits carry document title, page, score and a snippet."""
    _offline_env()
    request = _search_request(query, k, mode, filters)
    from .search import Searcher

    settings, embedder = _search_settings(), _embedder()
    with _open_index(
        lambda root: Searcher.open(root, embedder=embedder, settings=settings), out
    ) as searcher:
        hits = searcher.search(request.query, k=request.k, mode=request.mode,
                               filters=request.filters)  # fmt: skip
    if as_json:
        rows = [{**asdict(h), "also_in": [asdict(c) for c in h.also_in]} for h in hits]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    _print_hits(hits)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind (loopback only by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    out: OutOption = None,
) -> None:
    """Serve the search page and its JSON API (/api/search) over the built index.

    The API answers 400 for an empty query, an unknown mode or filter key; k is clamped to
    1..100, as on the command line.
    """
    _offline_env()
    import uvicorn

    from .web import create_app

    settings, embedder = _search_settings(), _embedder()
    web_app = _open_index(lambda root: create_app(root, embedder=embedder, settings=settings), out)
    web_app.state.service.searcher.encode_query("warm up")  # load the model before the first query
    console.print(f"[bold]jane-synth search[/bold] on http://{host}:{port}")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    app()
