"""Ingest many files on all cores: one process per core, results in the order of the input.

Files are handed out largest first, so that one big PDF does not finish alone at the end, and
are yielded in input order, so whatever the caller stores, it stores in a deterministic order.
A file that crashes its worker process is retried alone and, if it crashes again, quarantined.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..records import IngestOutcome, ParsedDocument
from . import IngestLimits, ingest_file, quarantined
from .registry import Reader, reader_for, readers, register

ENV_WORKERS = "JANE_INGEST_WORKERS"

Result = tuple[IngestOutcome, ParsedDocument | None]


def default_workers() -> int:
    """``$JANE_INGEST_WORKERS``, else the number of cores this process may use."""
    env = os.environ.get(ENV_WORKERS, "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` when it is safe (no other threads that could hold a lock), else ``forkserver``
    or ``spawn``; fork is much cheaper, since workers inherit the loaded modules."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    method = "forkserver" if "forkserver" in methods else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["jane_synth.ingest.parallel", "jane_synth.ingest.pdf_extract"])
    return ctx


def warm_up(paths: Sequence[Path]) -> None:
    """Load the parsers the paths need (each reader's ``warm_up``) and the language model once,
    before workers are forked from us."""
    from .language import detect_language

    needed = {r.name: r for r in map(reader_for, paths) if r is not None}
    for name in sorted(needed):
        load = getattr(needed[name], "warm_up", None)
        if callable(load):
            load()
    detect_language("A short English sentence that loads the language identification model.")


def _adopt_readers(parent_readers: tuple[Reader, ...]) -> None:
    """Worker initializer: register the parent's readers that this process does not know (a
    spawned or forkserver worker only has the readers that importing the library registers)."""
    known = readers()
    for reader in parent_readers:
        if reader.name not in known:
            register(reader)


def _pool(workers: int, context: multiprocessing.context.BaseContext) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_adopt_readers,
        initargs=(tuple(readers().values()),),
    )


def _work(path: str, corpus_dir: str | None, limits: IngestLimits) -> Result:
    return ingest_file(Path(path), Path(corpus_dir) if corpus_dir else None, limits)


def _crashed(path: Path, corpus_dir: Path | None, why: str = "") -> Result:
    rel = path.relative_to(corpus_dir).as_posix() if corpus_dir else path.name
    reason = f"corrupt or unreadable structure: {why or 'the parser crashed on this file'}"
    return quarantined(rel, reason), None


def _isolated(path: Path, corpus_dir: Path | None, limits: IngestLimits) -> Result:
    """Ingest one file in a process of its own, so that a crash only costs that file."""
    try:
        with _pool(1, _context()) as pool:
            return pool.submit(_work, str(path), _str(corpus_dir), limits).result()
    except BrokenProcessPool:
        return _crashed(path, corpus_dir)


def _str(path: Path | None) -> str | None:
    return str(path) if path is not None else None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def ingest_files(
    paths: Sequence[Path],
    corpus_dir: Path | None,
    limits: IngestLimits | None = None,
    workers: int | None = None,
) -> Iterator[tuple[Path, IngestOutcome, ParsedDocument | None]]:
    """``(path, outcome, document)`` for every path, in the order of ``paths``.

    With one file or one worker the files are ingested in this process.
    """
    limits = limits or IngestLimits()
    paths = [Path(p) for p in paths]
    workers = min(workers or default_workers(), len(paths))
    if workers <= 1:
        for path in paths:
            yield (path, *ingest_file(path, corpus_dir, limits))
        return

    order = sorted(range(len(paths)), key=lambda i: (-_size(paths[i]), i))
    context = _context()
    if context.get_start_method() == "fork":
        warm_up(paths)
    pool = _pool(workers, context)
    try:
        futures: dict[int, Future[Result]] = {
            i: pool.submit(_work, str(paths[i]), _str(corpus_dir), limits) for i in order
        }
        for i, path in enumerate(paths):
            try:
                outcome, parsed = futures[i].result()
            except BrokenProcessPool:
                outcome, parsed = _isolated(path, corpus_dir, limits)
            except Exception as exc:  # e.g. a result that cannot be sent back
                outcome, parsed = _crashed(path, corpus_dir, f"{type(exc).__name__}: {exc}")
            yield path, outcome, parsed
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
