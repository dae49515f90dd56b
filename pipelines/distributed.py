"""The code location of a distributed deployment: the same assets, jobs, sensors and schedule,
with every step run as a Celery task by whichever worker takes it (``dagster-celery``).

    dagster-daemon run -m pipelines.distributed          # the scheduler host
    dagster-celery worker start -y deploy/celery.yaml     # on each worker host

A run's configuration names the broker: ``deploy/celery_run_config.yaml``. See deploy/README.md.
"""

from __future__ import annotations

from dagster_celery import celery_executor

from .definitions import build_definitions

defs = build_definitions(executor=celery_executor)
