"""The ``jane-synth`` command line of the library: search the corpus and serve the search page.

The commands that need Dagster (``run``, ``ui``) are added to this app by ``pipelines.cli``, the
module the ``jane-synth`` console script points to.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .config import default_output_dir, use_offline_model

app = typer.Typer(
    help="jane-synth: evidence briefs for the JANE Networks of Expertise.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)

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


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for.")],
    k: Annotated[int, typer.Option("-k", help="Number of hits.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of hits.")] = False,
    filters: Annotated[
        list[str] | None,
        typer.Option(
            "--filter", help="KEY=VALUE metadata filter, repeatable (e.g. doc_type=evaluation)."
        ),
    ] = None,
    mode: Annotated[str, typer.Option(help="hybrid, bm25 or dense.")] = "hybrid",
    out: OutOption = None,
) -> None:
    """Search the embedded corpus; hits carry document title, page, score and a snippet."""
    _offline_env()
    from .search import FilterError, Filters, IndexNotBuiltError, Searcher

    if mode not in {"hybrid", "bm25", "dense"}:
        console.print(f"[red]unknown mode {mode!r}[/red]")
        raise typer.Exit(2)
    try:
        parsed = Filters.parse(filters or [])
        searcher = Searcher.open(out or default_output_dir())
    except (FilterError, IndexNotBuiltError) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    try:
        hits = searcher.search(query, k=k, mode=mode, filters=parsed)  # type: ignore[arg-type]
    finally:
        searcher.close()
    if as_json:
        rows = [{**asdict(h), "also_in": [asdict(c) for c in h.also_in]} for h in hits]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
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
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind (loopback only by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    out: OutOption = None,
) -> None:
    """Serve the search page and its JSON API (/api/search) over the built index."""
    _offline_env()
    import uvicorn

    from .search import IndexNotBuiltError
    from .web import create_app

    try:
        web_app = create_app(out or default_output_dir())
    except IndexNotBuiltError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    web_app.state.service.searcher.encode_query("warm up")  # load the model before the first query
    console.print(f"[bold]jane-synth search[/bold] on http://{host}:{port}")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    app()
