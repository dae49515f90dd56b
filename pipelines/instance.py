"""The Dagster instance the project's runs use: its folder and its settings file."""

from __future__ import annotations

import os
from pathlib import Path

from jane_synth.config import PROJECT_ROOT

INSTANCE_CONFIG = (PROJECT_ROOT / ".dagster_home" / "dagster.yaml").read_text()
"""The committed instance settings (``.dagster_home/dagster.yaml``): what a new home gets."""


def dagster_home() -> Path:
    """``$DAGSTER_HOME``, else ``.dagster_home`` in the project, with telemetry turned off.

    Writes ``dagster.yaml`` when the folder has none and exports ``DAGSTER_HOME``.
    """
    home = Path(os.environ.get("DAGSTER_HOME") or PROJECT_ROOT / ".dagster_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_CONFIG)
    os.environ["DAGSTER_HOME"] = str(home)
    return home
