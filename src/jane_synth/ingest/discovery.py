"""Corpus discovery that never leaves the corpus folder.

A symbolic link is followed only when its resolved target is inside the corpus folder. A link
that leads outside, or nowhere (a loop, a missing target), is listed with the reason it is
refused, and its target is never opened, read or hashed. Links to folders are never descended:
a folder inside the corpus is found at its real place, one outside is refused.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .metadata import SIDECAR_SUFFIX

LINK_OUTSIDE = "link outside the corpus"
LINK_BROKEN = "broken link: a loop or a missing target"


@dataclass(frozen=True)
class CorpusEntry:
    """One candidate document: ``path`` as found in the folder (the link itself for a link)."""

    path: Path
    rel: str
    refused: str = ""
    """Why the entry is never opened (a link outside the corpus or a broken link); "" if not."""


def file_sha256(data: bytes) -> str:
    """The content hash that identifies a file version (and a document)."""
    return hashlib.sha256(data).hexdigest()


def _resolved(path: Path) -> Path | None:
    """The fully resolved target of ``path``, or None for a loop or a missing target."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop before Python 3.13
        return None


def link_refusal(path: Path, corpus_dir: Path) -> str:
    """Why ``path`` must not be opened as part of ``corpus_dir`` ("" when it may be)."""
    root = _resolved(Path(corpus_dir))
    target = _resolved(Path(path))
    if target is None or root is None:
        return LINK_BROKEN if Path(path).is_symlink() else ""
    return "" if target.is_relative_to(root) else LINK_OUTSIDE


def _skipped(rel: str) -> bool:
    parts = rel.split("/")
    if any(part.startswith((".", "_")) for part in parts):
        return True
    return parts[-1].endswith(SIDECAR_SUFFIX) or rel.lower() in {"readme.md", "readme"}


def _entry(path: Path, rel: str, root: Path) -> CorpusEntry | None:
    """The entry for one name found in the folder, or None when it is not a candidate."""
    if not path.is_symlink():
        return CorpusEntry(path, rel) if path.is_file() else None
    target = _resolved(path)
    if target is None:
        return CorpusEntry(path, rel, LINK_BROKEN)
    if not target.is_relative_to(root):
        return CorpusEntry(path, rel, LINK_OUTSIDE)
    return CorpusEntry(path, rel) if target.is_file() else None


def scan_corpus(corpus_dir: Path) -> list[CorpusEntry]:
    """Every candidate below ``corpus_dir``, refused links included, sorted by relative path.

    Skipped: hidden files, anything under a folder starting with ``_`` or ``.``, metadata
    sidecars, and the corpus's own ``README.md``.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    root = corpus_dir.resolve()
    found: list[CorpusEntry] = []
    for folder, dirnames, filenames in os.walk(corpus_dir, followlinks=False):
        base = Path(folder)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        linked_dirs = [d for d in dirnames if (base / d).is_symlink()]
        for name in [*filenames, *linked_dirs]:
            path = base / name
            rel = path.relative_to(corpus_dir).as_posix()
            if _skipped(rel):
                continue
            entry = _entry(path, rel, root)
            if entry is not None:
                found.append(entry)
    return sorted(found, key=lambda e: e.rel)


def discover(corpus_dir: Path) -> list[Path]:
    """Every document below ``corpus_dir`` that may be read, sorted (refused links left out)."""
    return [e.path for e in scan_corpus(corpus_dir) if not e.refused]


def entry_sha256(entry: CorpusEntry) -> str:
    """The version hash of an entry: its content, or for a refused link the link text itself,
    so that the target is never read ("" when the file cannot be read)."""
    try:
        if entry.refused:
            return file_sha256(b"link:" + os.fsencode(os.readlink(entry.path)))
        return file_sha256(entry.path.read_bytes())
    except OSError:
        return ""
