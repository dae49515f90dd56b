"""Ingest throughput: the product's ingest path against a plain pypdf loop, in one run.

    python bench/ingest.py --json [--corpus DIR] [--workers N] [--repeat N] [--ocr]

The pipeline side runs :func:`jane_synth.ingest.parallel.ingest_files`, the same pool function
``sync_documents`` uses (extraction, cleaning, language, metadata, on every core); the plain side
is a single-process ``PdfReader(path).pages[i].extract_text()`` loop over the same PDFs. Both are
timed end to end, best of ``--repeat`` runs each, alternating. OCR is off unless ``--ocr``: the
plain loop does no OCR, so including it would compare different work.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "real_pdfs"
TARGET_RATIO = 1.6


def _cpu() -> float:
    """CPU seconds of this process and of its finished (joined) child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def raw_pypdf(paths: list[Path]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and pages of a single-process pypdf ``extract_text()`` loop."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    c0, t0 = _cpu(), time.perf_counter()
    pages = 0
    for path in paths:
        for page in PdfReader(path).pages:
            page.extract_text()
            pages += 1
    return time.perf_counter() - t0, _cpu() - c0, pages


def pipeline(
    paths: list[Path], corpus: Path, workers: int | None, ocr: bool
) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (all processes) and pages of the product's ingest path."""
    from jane_synth.ingest import IngestLimits
    from jane_synth.ingest.parallel import ingest_files

    c0, t0 = _cpu(), time.perf_counter()
    pages = 0
    for _path, outcome, _parsed in ingest_files(paths, corpus, IngestLimits(ocr=ocr), workers):
        pages += outcome.pages
    return time.perf_counter() - t0, _cpu() - c0, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=None, help="default: all usable cores")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs of each side")
    parser.add_argument("--ocr", action="store_true", help="OCR pages without a text layer")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    from jane_synth.ingest import discover
    from jane_synth.ingest.parallel import default_workers

    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"corpus folder not found: {corpus}", file=sys.stderr)
        return 2
    paths = [p for p in discover(corpus) if p.suffix.lower() == ".pdf"]
    for path in paths:  # the same warm file cache for both sides
        path.read_bytes()

    raw_times, pipe_times, raw_cpu, pipe_cpu = [], [], [], []
    raw_pages = pipe_pages = 0
    load_before = os.getloadavg()[0]
    for _ in range(max(1, args.repeat)):
        seconds, cpu, raw_pages = raw_pypdf(paths)
        raw_times.append(seconds)
        raw_cpu.append(cpu)
        seconds, cpu, pipe_pages = pipeline(paths, corpus, args.workers, args.ocr)
        pipe_times.append(seconds)
        pipe_cpu.append(cpu)

    raw_s, pipe_s = min(raw_times), min(pipe_times)
    result = {
        "corpus": str(corpus),
        "files": len(paths),
        "pages": raw_pages,
        "pipeline_pages": pipe_pages,
        "workers": args.workers or default_workers(),
        "ocr": args.ocr,
        "repeat": args.repeat,
        "pipeline_seconds": round(pipe_s, 3),
        "raw_pypdf_seconds": round(raw_s, 3),
        "pipeline_pages_per_s": round(raw_pages / pipe_s, 2),
        "raw_pypdf_pages_per_s": round(raw_pages / raw_s, 2),
        "ratio": round(raw_s / pipe_s, 3),
        "target_ratio": TARGET_RATIO,
        "all_runs": {
            "pipeline_seconds": [round(t, 3) for t in pipe_times],
            "raw_pypdf_seconds": [round(t, 3) for t in raw_times],
        },
        # CPU time does not depend on other processes sharing the cores: the pipeline's extra
        # work per page, and the ratio the cores would allow if this benchmark had them alone.
        "pipeline_cpu_seconds": round(min(pipe_cpu), 3),
        "raw_pypdf_cpu_seconds": round(min(raw_cpu), 3),
        "cpu_overhead": round(min(pipe_cpu) / min(raw_cpu), 3),
        "ratio_bound_from_cpu": round(
            (args.workers or default_workers()) * min(raw_cpu) / min(pipe_cpu), 3
        ),
        # Cores the pipeline actually got (CPU / wall); near 1 means others held a core.
        "pipeline_cores_used": round(
            max(c / t for c, t in zip(pipe_cpu, pipe_times, strict=True)), 2
        ),
        "cpu_count": os.cpu_count(),
        "load_average_1m_before": round(load_before, 2),
        "python": platform.python_version(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['pages']} pages: pipeline {result['pipeline_pages_per_s']} pages/s, "
            f"plain pypdf {result['raw_pypdf_pages_per_s']} pages/s, ratio {result['ratio']} "
            f"(target {TARGET_RATIO})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
