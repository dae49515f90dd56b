"""Faults: hostile input, and runs killed or started twice (``--part all|hostile|kills``).

    python bench/faults.py --json [--part all] [--bomb-mb 256] [--workers N] [--keep DIR]

Killed and overlapping runs (``--part kills``, about 10 minutes of CPU): see ``bench/kill_runs.py``;
it prints ``kills``, ``kill_recovered``, ``concurrent_ok``, ``duplicate_chunks``, ``orphan_vectors``,
``chunks_without_vectors``, ``missing_docs``, ``briefs_identical`` and ``themes_identical``.

Hostile input (``--part hostile``): peak memory, outcomes and time of the ingest and chunk path.

Builds the hostile corpus of ``tests/hostile_corpus.py`` (a link to a file outside the corpus,
link loops, a link inside, a 2.1-million-character text, DOCX bombs, random bytes named .pdf, an
empty file, a text renamed .docx, odd names, markup in titles), then runs ``sync_documents`` and
``chunk_pending`` (what the ``corpus`` and ``chunks`` assets call) on it in a child process. The
peak resident memory is the largest of that process and the ingest workers it started (from
``wait4``); the target is under 1.5 GB. Each file's outcome is compared with the expected one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_PEAK_RSS_MB = 1536

from bench.kill_runs import KILL_POINTS, run_kill_benchmark  # noqa: E402


def child(corpus: Path, out: Path, workers: int | None) -> None:
    """Ingest and chunk ``corpus`` into ``out``; write ``out/faults.json``."""
    from jane_synth.config import OutputLayout
    from jane_synth.pipeline import chunk_pending, sync_documents
    from jane_synth.store import Store
    from tests.hostile_corpus import OUTSIDE_MARKER

    layout = OutputLayout(out)
    t0 = time.perf_counter()
    with Store(layout.store) as store:
        summary = sync_documents(store, corpus, layout, workers=workers)
        t1 = time.perf_counter()
        made = chunk_pending(store)
        t2 = time.perf_counter()
        pages = [p.text for d in store.documents() for p in store.pages(d.doc_id)]
    result = {
        "outcomes": {o.path: {"status": o.status, "reason": o.reason} for o in summary.outcomes},
        "chunks_made": made,
        "outside_content_stored": any(OUTSIDE_MARKER in text for text in pages),
        "ingest_seconds": round(t1 - t0, 3),
        "chunk_seconds": round(t2 - t1, 3),
    }
    (out / "faults.json").write_text(json.dumps(result, ensure_ascii=False), "utf-8")


def run(corpus: Path, out: Path, workers: int | None) -> tuple[dict, float, float]:
    """The child's result, its wall seconds and its peak RSS in MB (workers included)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    cmd = [sys.executable, __file__, "--child", str(corpus), str(out)]
    if workers:
        cmd += ["--workers", str(workers)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"the ingest and chunk run failed with exit code {proc.returncode}")
    result = json.loads((out / "faults.json").read_text("utf-8"))
    return result, seconds, usage.ru_maxrss / 1024  # Linux reports kilobytes


def unexpected(outcomes: dict[str, dict[str, str]]) -> list[str]:
    """Files whose outcome differs from ``tests/hostile_corpus.EXPECTED``."""
    from tests.hostile_corpus import EXPECTED

    wrong = sorted(set(EXPECTED) ^ set(outcomes))
    for path, (status, reason_part) in EXPECTED.items():
        got = outcomes.get(path)
        if got and (got["status"] != status or reason_part not in got["reason"]):
            wrong.append(path)
    return wrong


def hostile(args: argparse.Namespace) -> tuple[dict, bool]:
    """The hostile-input part: its figures, and whether every outcome was as expected."""
    from tests.hostile_corpus import build_hostile_corpus

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="jane-faults-") as tmp:
        base = args.keep or Path(tmp)
        t0 = time.perf_counter()
        corpus = build_hostile_corpus(base, bomb_mb=args.bomb_mb)
        build_seconds = time.perf_counter() - t0
        result, seconds, peak_mb = run(corpus, base / "out", args.workers)
    wrong = unexpected(result["outcomes"])
    summary = {
        "files": len(result["outcomes"]),
        "outcomes": result["outcomes"],
        "unexpected_outcomes": wrong,
        "outside_content_stored": result["outside_content_stored"],
        "chunks_made": result["chunks_made"],
        "peak_rss_mb": round(peak_mb, 1),
        "target_peak_rss_mb": TARGET_PEAK_RSS_MB,
        "within_target": peak_mb < TARGET_PEAK_RSS_MB,
        "seconds": round(seconds, 3),
        "ingest_seconds": result["ingest_seconds"],
        "chunk_seconds": result["chunk_seconds"],
        "corpus_build_seconds": round(build_seconds, 3),
        "bomb_mb": args.bomb_mb,
        "cpu_count": os.cpu_count(),
        "load_average_1m_before": round(load_before, 2),
        "python": platform.python_version(),
    }
    return summary, not wrong and not result["outside_content_stored"]


def kills_met(result: dict) -> bool:
    """The kill part's targets: every kill recovered, nothing duplicated, orphaned or missing,
    briefs identical, and the concurrent start handled."""
    return (
        result["kill_recovered"] == result["kills"] == len(KILL_POINTS)
        and result["duplicate_chunks"] == result["orphan_vectors"] == result["missing_docs"] == 0
        and result["chunks_without_vectors"] == 0
        and bool(result["briefs_identical"])
        and bool(result["concurrent_ok"])
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--bomb-mb", type=int, default=256, help="size the DOCX bomb inflates to")
    parser.add_argument("--workers", type=int, default=None, help="default: all usable cores")
    parser.add_argument("--keep", type=Path, default=None, help="build and keep the run here")
    parser.add_argument(
        "--part", choices=("all", "hostile", "kills"), default="all", help="which part to run"
    )
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.child:
        child(args.child[0], args.child[1], args.workers)
        return 0
    summary: dict = {}
    ok = True
    if args.part in ("all", "hostile"):
        summary, ok = hostile(args)
    if args.part in ("all", "kills"):
        with tempfile.TemporaryDirectory(prefix="jane-kills-") as tmp:
            killed = run_kill_benchmark(args.keep / "kills" if args.keep else Path(tmp))
        summary.update(killed)
        ok = ok and kills_met(killed)
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        for key, value in summary.items():
            if key != "outcomes":
                print(f"{key}: {value}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
