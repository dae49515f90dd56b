"""The ``jane-synth`` command line: run the pipeline, search the corpus, open the Dagster UI."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from .config import PROJECT_ROOT, default_corpus_dir, default_output_dir
from .records import SearchHit
from .search import HYBRID, MAX_K, IndexNotBuiltError, InvalidRequest, SearchRequest, search_modes
from .search.request import MIN_K

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

INSTANCE_CONFIG = (
    "telemetry:\n  enabled: false\n"
    "# All runs write one SQLite store: queue them instead of running two writers at once.\n"
    "concurrency:\n  runs:\n    max_concurrent_runs: 1\n"
)


def dagster_home() -> Path:
    """``$DAGSTER_HOME``, else ``.dagster_home`` in the project, with telemetry turned off."""
    home = Path(os.environ.get("DAGSTER_HOME") or PROJECT_ROOT / ".dagster_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_CONFIG)
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def _offline_env() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@app.command()
def run(
    corpus: CorpusOption = None,
    out: OutOption = None,
    log_level: Annotated[str, typer.Option(help="Dagster console log level.")] = "info",
) -> None:
    """Materialize every asset over the corpus folder through Dagster and write the outputs."""
    _offline_env()
    corpus_dir = (corpus or default_corpus_dir()).resolve()
    output_dir = (out or default_output_dir()).resolve()
    if not corpus_dir.is_dir():
        console.print(f"[red]corpus folder not found: {corpus_dir}[/red]")
        raise typer.Exit(2)
    home = dagster_home()

    from pipelines.run import run_pipeline  # the Dagster layer, imported only when running

    console.print(
        f"[bold]jane-synth run[/bold] corpus={corpus_dir} out={output_dir} dagster_home={home}"
    )
    result = run_pipeline(corpus_dir, output_dir, log_level, report=console.print)

    table = Table(title="Materializations")
    table.add_column("asset")
    table.add_column("metadata")
    shown_assets: dict[str, int] = {}
    rows = {}
    for event in result.get_asset_materialization_events():
        mat = event.event_specific_data.materialization
        name = mat.asset_key.to_user_string()
        shown_assets[name] = shown_assets.get(name, 0) + 1
        # A run over many file partitions reports the same metadata for each: show it once.
        rows.setdefault(
            name,
            {
                k: v.value
                for k, v in mat.metadata.items()
                if isinstance(v.value, (int, float, str)) and not str(v.value).startswith("|")
            },
        )
    for name, shown in rows.items():
        label = f"{name} ({shown_assets[name]} partitions)" if shown_assets[name] > 1 else name
        table.add_row(label, ", ".join(f"{k}={v}" for k, v in shown.items()))
    console.print(table)

    failed_checks = []
    for event in result.get_asset_check_evaluations():
        severity = event.severity.value if event.severity else "ERROR"
        if event.passed:
            status = "[green]passed[/green]"
        elif severity == "WARN":
            status = "[yellow]warning[/yellow]"
        else:
            status = "[red]FAILED[/red]"
            failed_checks.append(event.check_name)
        console.print(f"check {event.asset_key.to_user_string()}:{event.check_name} {status}")
    if not result.success:
        console.print("[red]the run failed; see the log above[/red]")
        raise typer.Exit(1)
    if failed_checks:
        console.print(f"[red]failed checks: {', '.join(failed_checks)}[/red]")
        raise typer.Exit(1)
    console.print(f"[green]done[/green]: briefs in {output_dir / 'briefs'}")


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
    try:
        return opener(check_output_dir(root).root)
    except IndexNotBuiltError as exc:
        message = str(exc)
    except (OSError, sqlite3.Error) as exc:
        message = f"cannot open the search index in {root}: {exc}"
    raise _exit_2(message)


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

    with _open_index(Searcher.open, out) as searcher:
        hits = searcher.search(request.query, k=request.k, mode=request.mode,
                               filters=request.filters)  # fmt: skip
    if as_json:
        rows = [{**asdict(h), "also_in": [asdict(c) for c in h.also_in]} for h in hits]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    _print_hits(hits)


@app.command()
def ui(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 3000,
    corpus: CorpusOption = None,
    out: OutOption = None,
) -> None:
    """Start `dagster dev` on the project's definitions, with DAGSTER_HOME in the project."""
    _offline_env()
    home = dagster_home()
    env = dict(os.environ)
    if corpus:
        env["JANE_CORPUS_DIR"] = str(corpus.resolve())
    if out:
        env["JANE_OUTPUT_DIR"] = str(out.resolve())
    dagster = Path(sys.executable).with_name("dagster")
    cmd = [str(dagster), "dev", "-m", "pipelines.definitions", "-h", host, "-p", str(port)]
    console.print(f"[bold]Dagster UI[/bold] on http://{host}:{port} (DAGSTER_HOME={home})")
    # Replace this process, so that signals (Ctrl-C, a supervisor's SIGTERM) reach dagster itself.
    os.chdir(PROJECT_ROOT)
    os.execve(cmd[0], cmd, env)


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

    web_app = _open_index(create_app, out)
    web_app.state.service.searcher.encode_query("warm up")  # load the model before the first query
    console.print(f"[bold]jane-synth search[/bold] on http://{host}:{port}")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    app()
