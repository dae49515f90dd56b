"""A run that sleeps, in its own process: ``python -m tests.safety.sleepy_run`` (DAGSTER_HOME set).

Tests kill it to leave a run whose process is gone.
"""

from __future__ import annotations

import time

from dagster import DagsterInstance, job, op


@op
def sleep_a_minute() -> None:
    time.sleep(60)


@job
def sleepy() -> None:
    sleep_a_minute()


if __name__ == "__main__":
    with DagsterInstance.get() as instance:
        sleepy.execute_in_process(instance=instance)
