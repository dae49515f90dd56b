"""Killed and overlapping runs of ``jane-synth run`` on a copy of the bundled corpus.

Used by ``bench/faults.py`` (see there). A clean run writes the reference outputs. Then one
chain of runs on a second output folder: each run is killed with SIGKILL (its whole process
group) a few seconds after one step starts (ingestion, embedding, indexing, themes, briefs),
and the next run picks up from what the last one left; a final run completes. A kill is
recovered when a later run finishes the killed step and the final run succeeds. The outputs
are then compared with the clean run's (duplicate chunks, vectors without chunks, chunks
without vectors, documents missing, briefs and themes byte for byte). Last, two runs start at
once on the same output folder: one must run, the other stop naming it, and nothing changes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

KILL_POINTS = (
    ("ingestion", "documents", 4.0),
    ("embedding", "embeddings", 8.0),
    ("indexing", "search_index", 0.0),
    ("themes", "themes", 3.0),
    ("briefs", "briefs", 5.0),
)
"""(phase, the step whose start is watched, seconds after its start to kill)."""
RUN_TIMEOUT_S = 1800.0


@dataclass
class Run:
    """One ``jane-synth run`` process and the lines it printed."""

    proc: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.lines)

    def started(self, step: str) -> bool:
        return f'Started execution of step "{step}"' in self.text()

    def finished(self, step: str) -> bool:
        return f'Finished execution of step "{step}"' in self.text()


def start_run(corpus: Path, out: Path, home: Path) -> Run:
    """Start ``jane-synth run`` in its own process group, its output read by a thread."""
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "COLUMNS": "200",
    }
    cmd = [sys.executable, "-m", "pipelines.cli", "run", "--corpus", str(corpus)]
    cmd += ["--out", str(out), "--log-level", "debug"]
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    run = Run(proc)

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            run.lines.append(line)

    threading.Thread(target=read, daemon=True).start()
    return run


def finish(run: Run, timeout: float = RUN_TIMEOUT_S) -> int:
    """Wait for the run; its exit code."""
    code = run.proc.wait(timeout=timeout)
    time.sleep(0.2)  # let the reader thread take the last lines
    return code


def kill_at(run: Run, step: str, delay: float) -> bool:
    """SIGKILL the run's process group ``delay`` seconds after ``step`` starts; False when the
    run ended before that."""
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while not run.started(step):
        if run.proc.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    time.sleep(delay)
    if run.proc.poll() is not None:
        return False
    os.killpg(run.proc.pid, signal.SIGKILL)
    run.proc.wait()
    return True


def new_home(folder: Path) -> Path:
    """A Dagster home with the project's instance settings."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / ".dagster_home" / "dagster.yaml", folder / "dagster.yaml")
    return folder


def kill_chain(corpus: Path, out: Path, home: Path) -> tuple[list[dict[str, object]], int]:
    """Kill one run per kill point, each continuing from the last; then a final run.
    Returns a record per kill and the final run's exit code."""
    from jane_synth.lock import OutputLock

    kills: list[dict[str, object]] = []
    runs: list[Run] = []
    for phase, step, delay in KILL_POINTS:
        run = start_run(corpus, out, home)
        killed = kill_at(run, step, delay)
        if not killed:
            finish(run)
        runs.append(run)
        lock_free = True
        if killed:
            try:
                OutputLock(out, "kill benchmark").acquire(timeout=10).release()
            except Exception:
                lock_free = False
        kills.append({"phase": phase, "step": step, "killed": killed, "lock_released": lock_free})
        print(f"kill {phase}: {'killed' if killed else 'run ended first'}", file=sys.stderr)
    final = start_run(corpus, out, home)
    code = finish(final)
    runs.append(final)
    for i, record in enumerate(kills):
        later = runs[i + 1 :]
        record["recovered"] = bool(
            record["killed"] and code == 0 and any(r.finished(str(record["step"])) for r in later)
        )
    return kills, code


def compare(clean: Path, other: Path) -> dict[str, object]:
    """Consistency of ``other``'s store and its outputs against the clean run's."""
    from jane_synth.config import OutputLayout
    from jane_synth.embedding import MODEL_NAME
    from jane_synth.integrity import chunk_problems
    from jane_synth.store import Store

    def docs(folder: Path) -> set[str]:
        with Store(OutputLayout(folder).store) as store:
            return {d.doc_id for d in store.documents()}

    with Store(OutputLayout(other).store) as store:
        duplicates = chunk_problems(store).figures["duplicate_chunks"]
        orphans = store.orphan_vector_count()
        without_vector = len(store.texts_missing_embeddings(MODEL_NAME))

    def files(folder: Path) -> dict[str, bytes]:
        briefs = OutputLayout(folder).briefs_dir
        return {p.name: p.read_bytes() for p in sorted(briefs.iterdir())} if briefs.is_dir() else {}

    themes = [OutputLayout(f).themes for f in (clean, other)]
    return {
        "duplicate_chunks": duplicates,
        "orphan_vectors": orphans,
        "chunks_without_vectors": without_vector,
        "missing_docs": len(docs(clean) - docs(other)),
        "extra_docs": len(docs(other) - docs(clean)),
        "briefs_identical": bool(files(clean)) and files(clean) == files(other),
        "themes_identical": themes[0].read_bytes() == themes[1].read_bytes(),
    }


def concurrent(corpus: Path, out: Path, home: Path) -> dict[str, object]:
    """Two runs started at once on one output folder: one runs, the other stops naming it."""
    runs = [start_run(corpus, out, home), start_run(corpus, out, home)]
    codes = sorted(finish(r) for r in runs)
    refused = [r for r in runs if r.proc.returncode == 3]
    named = bool(refused) and "in use by another jane-synth run: pid" in " ".join(
        refused[0].text().split()
    )
    return {"exit_codes": codes, "refusal_names_the_other": named}


def run_kill_benchmark(workdir: Path) -> dict[str, object]:
    """The clean run, the kill chain, the comparison and the concurrent start."""
    corpus = workdir / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    t0 = time.perf_counter()
    clean_out, killed_out = workdir / "clean", workdir / "killed"
    clean_code = finish(start_run(corpus, clean_out, new_home(workdir / "home-clean")))
    clean_s = time.perf_counter() - t0
    print(f"clean run: exit {clean_code}, {clean_s:.0f} s", file=sys.stderr)
    home = new_home(workdir / "home-killed")
    kills, final_code = kill_chain(corpus, killed_out, home)
    figures = compare(clean_out, killed_out)
    overlap = concurrent(corpus, killed_out, home)
    after = compare(clean_out, killed_out)
    concurrent_ok = (
        overlap["exit_codes"] == [0, 3] and overlap["refusal_names_the_other"] and after == figures
    )
    return {
        "kills": sum(1 for k in kills if k["killed"]),
        "kill_recovered": sum(1 for k in kills if k["recovered"]),
        "concurrent_ok": concurrent_ok,
        **figures,
        "kill_points": kills,
        "final_run_exit_code": final_code,
        "clean_run_exit_code": clean_code,
        "clean_run_s": round(clean_s, 1),
        "concurrent": overlap,
        "kill_seconds": round(time.perf_counter() - t0, 1),
    }
