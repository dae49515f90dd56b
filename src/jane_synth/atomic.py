"""Files written whole or not at all: a temporary file in the same folder, then a rename.

A reader (``jane-synth serve``, an analyst, the next run) sees the old file or the new one,
never half of one, and a run killed mid-write leaves the old file in place (and at worst a
``.<name>.*.tmp`` file that the next write of the same name does not trip over).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file and ``os.replace``."""
    write_bytes_atomic(path, text.encode(encoding))


def new_folder_beside(target: Path) -> Path:
    """A fresh, empty folder next to ``target``, to build its replacement in; folders that a
    killed writer left behind for the same target are removed first (writers hold the output
    folder's lock, so none of them is in use)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    folder.chmod(0o755)  # mkdtemp makes it private; the index is read by analysts and serve
    return folder


def replace_folder(built: Path, target: Path) -> None:
    """Put the folder ``built`` at ``target``, replacing what was there.

    Two renames: the old folder moves aside, then the new one takes its name, then the old one
    is deleted. A kill between the renames leaves no ``target`` for a moment (readers then say
    the index is not built) but never a mixture of old and new files.
    """
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(built, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
