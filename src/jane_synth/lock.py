"""One writer per output folder: an advisory lock that a killed holder does not keep.

The lock is ``fcntl.flock`` on ``<output>/jane-synth.lock``. The kernel drops it when the holder's
file descriptors close, so a run killed with SIGKILL never leaves the folder locked. The file
names its holder (process id, host, start time, command) so that a second writer can say who is
writing. The lock is re-entrant within one process: ``jane-synth run`` takes it for the whole
run, and the Dagster steps it executes in-process take it again without waiting.

The file is never deleted: a writer waiting on a deleted file's lock would not exclude one that
opened a new file under the same name.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

LOCK_NAME = "jane-synth.lock"

_HELD: dict[Path, tuple[int, int, int]] = {}
"""Lock file -> (file descriptor, depth, owning pid) of the locks this process holds."""


@dataclass(frozen=True)
class LockHolder:
    """Who holds an output folder's lock, as its lock file tells."""

    pid: int
    host: str
    started: str
    """When the holder took the lock, ISO 8601 in UTC."""
    command: str

    def describe(self) -> str:
        """``pid 123 on host, since 2026-12-01T16:00:00Z (jane-synth run)``."""
        what = f" ({self.command})" if self.command else ""
        return f"pid {self.pid} on {self.host}, since {self.started}{what}"


class OutputLocked(RuntimeError):
    """Another process holds the output folder's lock."""

    def __init__(self, folder: Path, holder: LockHolder | None, waited: float):
        self.folder, self.holder, self.waited = folder, holder, waited
        who = holder.describe() if holder else "a process that has not said who it is yet"
        waited_text = f" after waiting {waited:.0f} s" if waited >= 1 else ""
        super().__init__(
            f"output folder {folder} is in use by another jane-synth run: {who}{waited_text}. "
            "Wait for it to finish (or stop it), or give another --out."
        )


def read_holder(lock_file: Path) -> LockHolder | None:
    """The holder a lock file names (None: no file, or none written yet)."""
    try:
        data = json.loads(lock_file.read_text("utf-8") or "null")
        return LockHolder(**data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError):
        return None


def _this_holder(command: str) -> LockHolder:
    started = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return LockHolder(os.getpid(), socket.gethostname(), started, command)


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class OutputLock:
    """The write lock of one output folder (``with OutputLock(out).hold(timeout=60): ...``)."""

    def __init__(self, folder: Path | str, command: str = ""):
        self.folder = Path(folder).resolve()
        self.path = self.folder / LOCK_NAME
        self.command = command or " ".join(Path(a).name for a in sys.argv[:2])

    def holder(self) -> LockHolder | None:
        """Who holds (or last held) the lock, as the lock file says."""
        return read_holder(self.path)

    def held_here(self) -> bool:
        """Whether this process holds the lock."""
        held = _HELD.get(self.path)
        return held is not None and held[2] == os.getpid()

    def acquire(
        self,
        timeout: float = 0.0,
        poll: float = 0.2,
        on_wait: Callable[[LockHolder | None], object] | None = None,
    ) -> OutputLock:
        """Take the lock, waiting up to ``timeout`` seconds (0: not at all, negative: forever);
        ``on_wait`` is told the holder once when the lock is busy. Raises :class:`OutputLocked`."""
        if self.held_here():
            fd, depth, pid = _HELD[self.path]
            _HELD[self.path] = (fd, depth + 1, pid)
            return self
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        t0 = time.monotonic()
        told = False
        while not _try_flock(fd):
            waited = time.monotonic() - t0
            if 0 <= timeout <= waited:
                os.close(fd)
                raise OutputLocked(self.folder, self.holder(), waited)
            if on_wait is not None and not told:
                on_wait(self.holder())
                told = True
            time.sleep(poll)
        text = json.dumps(asdict(_this_holder(self.command))).encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, text, 0)
        _HELD[self.path] = (fd, 1, os.getpid())
        return self

    def release(self) -> None:
        """Give the lock back (the outermost release of this process closes the file)."""
        if not self.held_here():
            return
        fd, depth, pid = _HELD[self.path]
        if depth > 1:
            _HELD[self.path] = (fd, depth - 1, pid)
            return
        del _HELD[self.path]
        # Closing (not LOCK_UN) releases it: a forked worker that inherited the descriptor and
        # is still running keeps the folder locked until it exits, as it may still write.
        os.close(fd)

    @contextmanager
    def hold(
        self, timeout: float = 0.0, on_wait: Callable[[LockHolder | None], object] | None = None
    ) -> Iterator[OutputLock]:
        """The lock for the ``with`` block (see :meth:`acquire`)."""
        self.acquire(timeout, on_wait=on_wait)
        try:
            yield self
        finally:
            self.release()
