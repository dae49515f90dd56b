"""Project settings from flags, environment variables and defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

ENV_CORPUS_DIR = "JANE_CORPUS_DIR"
ENV_OUTPUT_DIR = "JANE_OUTPUT_DIR"


def default_corpus_dir() -> Path:
    """``$JANE_CORPUS_DIR`` or ``corpus/`` of the project."""
    return Path(os.environ.get(ENV_CORPUS_DIR) or PROJECT_ROOT / "corpus")


def default_output_dir() -> Path:
    """``$JANE_OUTPUT_DIR`` or ``outputs/`` of the project."""
    return Path(os.environ.get(ENV_OUTPUT_DIR) or PROJECT_ROOT / "outputs")


@dataclass(frozen=True)
class OutputLayout:
    """Where a run writes what, below one output folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "index" / "jane.sqlite"

    @property
    def bm25_dir(self) -> Path:
        return self.root / "index" / "bm25"

    @property
    def ingest_report(self) -> Path:
        return self.root / "ingest_report.json"

    @property
    def themes(self) -> Path:
        return self.root / "themes.json"

    @property
    def briefs_dir(self) -> Path:
        return self.root / "briefs"
