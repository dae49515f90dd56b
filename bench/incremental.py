"""The corpus change sensor over a large folder: one tick with nothing changed.

    python bench/incremental.py --json [--files 10000] [--changed 10]

Generates ``--files`` small text files in a temporary corpus, then runs the product's
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

from bench._common import log, print_result  # noqa: E402

TARGET_TICK_S = 2.0


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=10)
    args = parser.parse_args()
    print_result(run(args.files, args.changed), args.json)


if __name__ == "__main__":
    main()
