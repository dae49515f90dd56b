"""A process that holds an output folder's lock: ``python -m tests.safety.lock_holder OUT SECONDS``.

Prints ``locked`` once it holds the lock, then sleeps (tests kill it or let it finish).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from jane_synth.lock import OutputLock

ROOT = Path(__file__).resolve().parents[2]


def start_holder(folder: Path, seconds: float) -> subprocess.Popen[str]:
    """Start a holder process and return once it holds the lock."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.safety.lock_holder", str(folder), str(seconds)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


if __name__ == "__main__":
    OutputLock(sys.argv[1], "test holder").acquire()
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
