"""The run-level figures of bench/pipeline.py: cold run, no-op rerun, one added document.

Each run is the product's command line (``python -m pipelines.cli run``) in a child process,
on a copy of the bundled corpus under bench/.cache/runs, with its own Dagster instance:
start-up, Dagster and the model load are all counted, as a user meets them. ``peak_rss_mb`` is
the largest resident set of any process of the three runs (``getrusage`` of the children).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from _common import ROOT, log

# The document the one-document rerun adds: short, English, about a design dimension.
ADDED_NAME = "bench-added-note.md"
ADDED_TEXT = """---
title: "Added note: how a network keeps its members' data systems in step"
publisher: JANE bench
year: 2024
doc_type: minutes
language: en
networks: [erns]
noe_domains: [survivorship]
dimensions: [it-data]
---

# How a network keeps its members' data systems in step

The members agreed that every centre reports its patient numbers through one shared registry
each quarter, so that the network can compare activity across Member States.
A small data team of two people maintains the registry and answers questions from centres.
Centres that joined last year said that the common data model took them about six months to
adopt, most of it spent mapping local codes to the shared ones.
"""


def timed_run(corpus: Path, out: Path, home: Path) -> float:
    """Seconds of one ``jane-synth run`` in a child process (raises if it fails)."""
    env = {**os.environ, "DAGSTER_HOME": str(home),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}  # fmt: skip
    cmd = [sys.executable, "-m", "pipelines.cli", "run", "--corpus", str(corpus),
           "--out", str(out), "--log-level", "warning"]  # fmt: skip
    t = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t
    if done.returncode != 0:
        raise RuntimeError(f"jane-synth run failed ({done.returncode}): {done.stdout[-2000:]}")
    return seconds


def fresh_run_folders(work: Path) -> tuple[Path, Path, Path]:
    """``(corpus, out, dagster_home)`` under ``work``, emptied: a copy of the bundled corpus,
    an empty output folder, and a Dagster home with telemetry off."""
    shutil.rmtree(work, ignore_errors=True)
    corpus, out, home = work / "corpus", work / "out", work / "dagster_home"
    shutil.copytree(ROOT / "corpus", corpus)
    out.mkdir(parents=True)
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    return corpus, out, home


def run_figures(cache: Path) -> dict:
    """``cold_run_s``, ``noop_rerun_s``, ``one_doc_rerun_s`` (and its share of the cold run),
    and ``peak_rss_mb`` of the three runs."""
    corpus, out, home = fresh_run_folders(cache / "runs")
    out_figures: dict = {}
    loads = {}
    for name in ("cold_run_s", "noop_rerun_s", "one_doc_rerun_s"):
        if name == "one_doc_rerun_s":
            (corpus / ADDED_NAME).write_text(ADDED_TEXT, encoding="utf-8")
        before = os.getloadavg()[0]
        out_figures[name] = round(timed_run(corpus, out, home), 1)
        loads[name] = [round(before, 2), round(os.getloadavg()[0], 2)]
        log(f"{name}: {out_figures[name]} (1-minute load {loads[name]})")
    out_figures["one_doc_over_cold"] = round(
        out_figures["one_doc_rerun_s"] / out_figures["cold_run_s"], 3
    )
    out_figures["run_load_average_1min"] = loads
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out_figures["peak_rss_mb"] = round(peak_kb / 1024, 1)
    return out_figures


if __name__ == "__main__":
    print(json.dumps(run_figures(ROOT / "bench" / ".cache"), indent=2))
