"""A wall-clock limit on parsing one file, so that a file that sends a parser into a loop costs
that file only, not the run."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class ParseTimeout(BaseException):
    """Raised inside the parser when its time is up.

    A ``BaseException``, so that the parsers' own ``except Exception`` clauses (which skip a bad
    page and go on) cannot swallow it.
    """


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ParseTimeout` in the block after ``seconds``.

    Uses ``SIGALRM``, so it only works in the main thread of a process (ingestion workers and the
    CLI); elsewhere, or without a limit, the block runs unbounded.
    """
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable or seconds is None:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise ParseTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
