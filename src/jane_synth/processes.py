"""Whether a process that once ran a job is still the same living process (Linux ``/proc``)."""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")
START_SLACK_S = 2.0
"""A process that started more than this after the job it is said to run started is another
process that was given the same id."""


def _boot_time() -> float | None:
    try:
        for line in (PROC / "stat").read_text().splitlines():
            if line.startswith("btime "):
                return float(line.split()[1])
    except OSError:
        return None
    return None


def process_start_time(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch); None where ``/proc`` cannot say."""
    boot = _boot_time()
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    if boot is None:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its closing one.
    fields = stat.rpartition(")")[2].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return boot + int(fields[19]) / ticks  # field 22: start time in clock ticks since boot


def process_alive(pid: int, started_by: float | None = None) -> bool:
    """Whether ``pid`` runs (and is not a zombie); with ``started_by`` (epoch seconds), also
    whether it started by then, so that a reused process id does not count as the old process."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    try:
        state = (PROC / str(pid) / "stat").read_text().rpartition(")")[2].split()[0]
        if state in {"Z", "X"}:
            return False
    except OSError:
        pass
    if started_by is None:
        return True
    started = process_start_time(pid)
    return started is None or started <= started_by + START_SLACK_S
