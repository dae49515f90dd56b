"""The full ``jane-synth`` command line: the library's commands plus ``run`` and ``ui``.

``run`` and ``ui`` need Dagster, so they live in the Dagster layer and are added to the library's
Typer app here; the ``jane-synth`` console script points to this module.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.markup import escape
from rich.table import Table

from jane_synth.cli import CorpusOption, OutOption, app, console
from jane_synth.config import (
    PROJECT_ROOT,
    FolderError,
    OutputLayout,
    check_corpus_dir,
    check_output_dir,
    use_offline_model,
)
from jane_synth.ingest import scan_corpus
from jane_synth.lock import OutputLocked
from jane_synth.removal import RemovalPlan, plan_removal
from jane_synth.settings import Settings, load_settings
from jane_synth.stages import nothing_changed
from jane_synth.store import Store

from .instance import dagster_home
from .summary import RunSummary

__all__ = ["app", "run", "ui"]

AllowEmptyOption = Annotated[
    bool,
    typer.Option(
        "--allow-empty",
        help="Let a corpus folder with no file empty the store (by default such a run stops).",
    ),
]


def _settings(corpus: Path | None, out: Path | None, allow_empty: bool) -> Settings:
    """The run's settings (flags over the settings file and environment) with checked folders;
    exit 2 with a message naming a bad folder or key."""
    try:
        settings = load_settings(corpus_dir=corpus, output_dir=out, allow_empty=allow_empty or None)
        return settings.model_copy(
            update={
                "corpus_dir": check_corpus_dir(settings.corpus_dir),
                "output_dir": check_output_dir(settings.output_dir),
            }
        )
    except (FolderError, ValidationError) as exc:
        console.print(f"[red]{escape(str(exc))}[/red]", highlight=False)
        raise typer.Exit(2) from exc


def _removal_plan(corpus_dir: Path, output_dir: Path) -> RemovalPlan:
    current = [entry.rel for entry in scan_corpus(corpus_dir)]
    with Store(OutputLayout(output_dir).store) as store:
        return plan_removal(store, corpus_dir, current)


def _print_summary(summary: RunSummary) -> None:
    table = Table(title="Materializations")
    table.add_column("asset")
    table.add_column("metadata")
    for asset in summary.assets:
        label = (
            f"{asset.name} ({asset.partitions} partitions)" if asset.partitions > 1 else asset.name
        )
        table.add_row(label, ", ".join(f"{k}={v}" for k, v in asset.metadata.items()))
    console.print(table)
    shown = {"passed": "[green]passed[/green]", "warning": "[yellow]warning[/yellow]"}
    for check in summary.checks:
        console.print(
            f"check {check.asset}:{check.name} {shown.get(check.status, '[red]FAILED[/red]')}"
        )


@app.command()
def run(
    corpus: CorpusOption = None,
    out: OutOption = None,
    log_level: Annotated[str, typer.Option(help="Dagster console log level.")] = "info",
    allow_empty: AllowEmptyOption = False,
    wait: Annotated[
        float,
        typer.Option(
            help="Seconds to wait while another run writes the same output folder "
            "(0: stop at once with exit code 3; negative: wait as long as it takes)."
        ),
    ] = 0.0,
) -> None:
    """Materialize every asset over the corpus folder through Dagster and write the outputs."""
    use_offline_model()
    settings = _settings(corpus, out, allow_empty)
    corpus_dir, output_dir, allow_empty = (
        settings.corpus_dir,
        settings.output_dir,
        settings.allow_empty,
    )
    plan = _removal_plan(corpus_dir, output_dir)
    if plan.wipes_everything and not allow_empty:
        console.print(f"[red]{escape(plan.refusal())}[/red]", highlight=False)
        raise typer.Exit(2)
    if nothing_changed(settings):
        # No file and no stage input changed: every asset would skip, so Dagster's start-up
        # (and its imports of spaCy, scikit-learn and torch) would buy nothing.
        console.print(
            "[green]nothing changed[/green] since the last run: every corpus file and every "
            f"stage's inputs are as they were; outputs in {output_dir} are up to date "
            "(Dagster not started)"
        )
        return
    home = dagster_home()

    from .run import run_pipeline  # Dagster's import takes seconds: only when running

    console.print(
        f"[bold]jane-synth run[/bold] corpus={corpus_dir} out={output_dir} dagster_home={home}"
    )
    try:
        summary = run_pipeline(
            corpus_dir, output_dir, log_level, console.print, allow_empty=allow_empty, wait=wait
        )
    except OutputLocked as exc:
        console.print(f"[red]{escape(str(exc))}[/red]", highlight=False)
        raise typer.Exit(3) from exc
    _print_summary(summary)
    if warning := plan.warning():
        console.print(f"[yellow]warning: {escape(warning)}[/yellow]", highlight=False)
    if not summary.success:
        console.print("[red]the run failed; see the log above[/red]")
        raise typer.Exit(1)
    if summary.failed_checks:
        console.print(f"[red]failed checks: {', '.join(summary.failed_checks)}[/red]")
        raise typer.Exit(1)
    console.print(f"[green]done[/green]: briefs in {OutputLayout(output_dir).briefs_dir}")


@app.command()
def ui(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 3000,
    corpus: CorpusOption = None,
    out: OutOption = None,
) -> None:
    """Start `dagster dev` on the project's definitions, with DAGSTER_HOME in the project."""
    use_offline_model()
    settings = _settings(corpus, out, False)  # a bad folder exits 2 here, not in the UI later
    home = dagster_home()
    env = dict(os.environ)
    if corpus:
        env["JANE_CORPUS_DIR"] = str(settings.corpus_dir.resolve())
    if out:
        env["JANE_OUTPUT_DIR"] = str(settings.output_dir.resolve())
    dagster = Path(sys.executable).with_name("dagster")
    cmd = [str(dagster), "dev", "-m", "pipelines.definitions", "-h", host, "-p", str(port)]
    console.print(f"[bold]Dagster UI[/bold] on http://{host}:{port} (DAGSTER_HOME={home})")
    # Replace this process, so that signals (Ctrl-C, a supervisor's SIGTERM) reach dagster itself.
    os.chdir(PROJECT_ROOT)
    os.execve(cmd[0], cmd, env)


if __name__ == "__main__":
    app()
