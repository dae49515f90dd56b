"""Incremental work: a run after one added document, and the change sensor over a large folder.

    python bench/incremental.py --json [--part all|runs|sensor] [--files 10000] [--changed 10]

Runs (``--part runs``): on a copy of the bundled corpus, a full ``jane-synth run`` in a child
process (``full_s``: start-up, Dagster and the model load included, as a user meets them), then
one added document and the same command again (``incremental_s``; target at most 10% of
``full_s``). ``reembedded_chunks`` counts the chunk texts that got a new vector in the second
run, read from the store before and after; ``added_document_chunks`` those of the new document.
Document-level work (ingest, chunks, vectors) is done for the new file only; the corpus-level
assets that read every chunk (search index, themes, briefs) run again because their input
changed, and reuse what they stored (themes match new chunks to stored centroids; briefs embed
only sentences they have not seen).

Sensor (``--part sensor``): generates ``--files`` small text files in a temporary corpus, then runs the product's
``corpus_change_sensor`` (the function the daemon calls, with its ``settings`` resource) on an
ephemeral Dagster instance: a cold tick (every file hashed, every partition added), a tick with
nothing changed (``sensor_tick_s_10k``: files found and stat'ed, none read; target at most 2 s),
and a tick after ``--changed`` files were rewritten (only those hashed). ``hashed_*`` count the
files each tick read, from the hash cache's own statistics.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

sys.path.insert(0, str(ROOT / "bench"))

from pipeline_runs import ADDED_NAME, ADDED_TEXT, fresh_run_folders, timed_run  # noqa: E402

from bench._common import CACHE, log, print_result  # noqa: E402

TARGET_TICK_S = 2.0
TARGET_INCREMENTAL_SHARE = 0.10


def make_corpus(folder: Path, n: int) -> None:
    """``n`` small Markdown files in 100 sub-folders."""
    for i in range(n):
        sub = folder / f"batch{i % 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"note{i:05d}.md").write_text(
            f"# Note {i}\n\nNetwork note {i} on governance and patient involvement.\n"
        )


def _counting_hashes() -> list[int]:
    """Count the files each tick hashes (wraps the cache's hashing function)."""
    from jane_synth import corpus_cache

    calls = [0]
    real = corpus_cache.entry_sha256

    def counted(entry):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return real(entry)

    corpus_cache.entry_sha256 = counted
    return calls


def run(n_files: int, n_changed: int) -> dict:
    """The three ticks' figures."""
    from dagster import DagsterInstance, SkipReason, build_sensor_context

    from pipelines.jobs import corpus_change_sensor
    from pipelines.resources import JaneSettings

    calls = _counting_hashes()
    with tempfile.TemporaryDirectory(prefix="jane-sensor-") as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        make_corpus(corpus, n_files)
        time.sleep(2.5)  # older than the cache's racy window, as a corpus between ticks is
        settings = JaneSettings(corpus_dir=str(corpus), output_dir=str(out))
        instance = DagsterInstance.ephemeral()

        def tick(cursor: str | None) -> tuple[object, float, int]:
            before = calls[0]
            with build_sensor_context(
                instance=instance, cursor=cursor, resources={"settings": settings}
            ) as context:
                t0 = time.perf_counter()
                result = corpus_change_sensor(context)
                seconds = time.perf_counter() - t0
            for request in getattr(result, "dynamic_partitions_requests", []):
                if request.__class__.__name__.startswith("Add"):
                    instance.add_dynamic_partitions("corpus_files", list(request.partition_keys))
            return result, seconds, calls[0] - before

        log(f"{n_files} files: cold tick")
        cold, cold_s, cold_hashed = tick(None)
        cursor = cold.cursor  # type: ignore[attr-defined]
        log("tick with nothing changed")
        idle, idle_s, idle_hashed = tick(cursor)
        for i in range(n_changed):
            path = corpus / f"batch{i % 100:03d}" / f"note{i:05d}.md"
            path.write_text(path.read_text() + "Changed.\n")
        log(f"tick after {n_changed} changed files")
        _, changed_s, changed_hashed = tick(cursor)
    return {
        "files": n_files,
        "sensor_tick_s_10k" if n_files == 10_000 else "sensor_tick_s": round(idle_s, 3),
        "target_s": TARGET_TICK_S,
        "nothing_changed_skipped": isinstance(idle, SkipReason),
        "hashed_nothing_changed": idle_hashed,
        "cold_tick_s": round(cold_s, 3),
        "hashed_cold": cold_hashed,
        "changed_tick_s": round(changed_s, 3),
        "changed_files": n_changed,
        "hashed_changed": changed_hashed,
        "load_average": list(os.getloadavg()),
    }


def _vector_hashes(out: Path) -> set[str]:
    from jane_synth.config import OutputLayout
    from jane_synth.embedding import MODEL_NAME
    from jane_synth.store import Store

    with Store(OutputLayout(out).store) as store:
        return store.embedded_hashes(MODEL_NAME)


def _added_document_hashes(out: Path) -> set[str]:
    from jane_synth.config import OutputLayout
    from jane_synth.store import Store

    with Store(OutputLayout(out).store) as store:
        added = [d.doc_id for d in store.documents() if Path(d.path).name == ADDED_NAME]
        return {c.text_hash for c in store.chunks(added)}


def run_runs(cache: Path) -> dict:
    """``full_s``, ``incremental_s`` and what the second run embedded."""
    corpus, out, home = fresh_run_folders(cache / "incremental_runs")
    log("full run on a copy of the bundled corpus")
    load_full = os.getloadavg()[0]
    full_s = timed_run(corpus, out, home)
    before = _vector_hashes(out)
    (corpus / ADDED_NAME).write_text(ADDED_TEXT, encoding="utf-8")
    log("run after one added document")
    load_incremental = os.getloadavg()[0]
    incremental_s = timed_run(corpus, out, home)
    new = _vector_hashes(out) - before
    added = _added_document_hashes(out)
    return {
        "full_s": round(full_s, 1),
        "incremental_s": round(incremental_s, 1),
        "incremental_over_full": round(incremental_s / full_s, 3),
        "target_share": TARGET_INCREMENTAL_SHARE,
        "reembedded_chunks": len(new),
        "added_document_chunks": len(added),
        "only_the_added_document_embedded": new <= added,
        "load_average_1min_at_start": {
            "full": round(load_full, 2),
            "incremental": round(load_incremental, 2),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--part", choices=("all", "runs", "sensor"), default="all")
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args()
    result: dict = {"cores": len(os.sched_getaffinity(0))}
    if args.part in ("all", "runs"):
        result.update(run_runs(args.cache))
    if args.part in ("all", "sensor"):
        result.update(run(args.files, args.changed))
    print_result(result, args.json)


if __name__ == "__main__":
    main()
