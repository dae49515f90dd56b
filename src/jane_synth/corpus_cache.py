"""The corpus folder's file hashes, re-computed only for files that changed.

A change sensor that hashes every file on every tick costs as much as reading the whole corpus.
This cache keeps each file's sha256 under its path, size, modification time and change time
(``st_ctime_ns``, which no program can set back, so a rewrite that keeps size and mtime is still
seen); a file whose four values are unchanged is not read again. Files modified in the last
``RACY_S`` seconds are not cached, since a change within the same clock tick as the scan would
leave the same times behind. The cache is a JSON file written whole or not at all.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_text_atomic
from .ingest import CorpusEntry, entry_sha256, scan_corpus

CACHE_VERSION = 1
RACY_S = 2.0

Key = tuple[int, int, int]
"""(size, mtime_ns, ctime_ns) of a file (of the link itself for a refused link)."""


@dataclass(frozen=True)
class CacheStats:
    """What one scan did: files hashed, hashes reused, and entries dropped (files gone)."""

    hashed: int
    reused: int
    dropped: int


def _key(entry: CorpusEntry) -> Key | None:
    try:
        st = os.lstat(entry.path) if entry.refused else os.stat(entry.path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def load_cache(path: Path) -> dict[str, tuple[Key, str]]:
    """``rel path -> (key, sha256)`` from a cache file (empty when missing or unreadable)."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    files = data.get("files", {})
    return {rel: ((k[0], k[1], k[2]), k[3]) for rel, k in files.items()}


def save_cache(path: Path, entries: dict[str, tuple[Key, str]]) -> None:
    """Write the cache file (atomically)."""
    files = {rel: [*key, sha] for rel, (key, sha) in sorted(entries.items())}
    text = json.dumps({"version": CACHE_VERSION, "files": files}, separators=(",", ":"))
    write_text_atomic(Path(path), text)


def cached_corpus_state(
    corpus_dir: Path,
    cache_file: Path,
    racy_s: float | None = None,
    entries: Sequence[CorpusEntry] | None = None,
) -> tuple[dict[str, str], CacheStats]:
    """``rel path -> sha256`` of every entry of the corpus folder (as
    :func:`jane_synth.pipeline.corpus_state`; ``entries``: the folder already scanned), hashing
    only files whose key changed, and updating ``cache_file`` when anything did (files changed
    in the last ``racy_s`` seconds, default ``RACY_S``, are hashed again next time)."""
    old = load_cache(cache_file)
    fresh_before = time.time_ns() - int((RACY_S if racy_s is None else racy_s) * 1e9)
    new: dict[str, tuple[Key, str]] = {}
    state: dict[str, str] = {}
    hashed = 0
    for entry in scan_corpus(Path(corpus_dir)) if entries is None else entries:
        key = _key(entry)
        cached = old.get(entry.rel)
        if key is not None and cached is not None and cached[0] == key:
            sha = cached[1]
        else:
            sha = entry_sha256(entry)
            hashed += 1
        state[entry.rel] = sha
        if key is not None and sha and key[1] < fresh_before and key[2] < fresh_before:
            new[entry.rel] = (key, sha)
    dropped = len(set(old) - set(state))
    if new != old:
        save_cache(cache_file, new)
    return state, CacheStats(hashed, len(state) - hashed, dropped)
