"""Project settings from flags, environment variables and defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

ENV_CORPUS_DIR = "JANE_CORPUS_DIR"
ENV_OUTPUT_DIR = "JANE_OUTPUT_DIR"
ENV_STORE_URL = "JANE_STORE_URL"
"""A ``postgresql://`` URL puts the store on PostgreSQL; unset, it is a SQLite file per output
folder. Only the environment sets it, so that a password never lands in run configuration."""


def store_url_from_environment() -> str:
    """``$JANE_STORE_URL``, or "" (the SQLite file in the output folder)."""
    return os.environ.get(ENV_STORE_URL, "").strip()


# The embedding model ships in a package: the Hugging Face libraries must never try the network,
# and tokenizers must not start threads that a forked worker process would inherit.
OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def use_offline_model() -> None:
    """Set the variables that keep the model libraries offline (values already set are kept).

    Called before the embedding model loads and at the entry points; the one place that sets them.
    """
    for name, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(name, value)


def default_corpus_dir() -> Path:
    """``$JANE_CORPUS_DIR``, else ``corpus_dir`` of ``jane-synth.toml``, else ``corpus/``."""
    from .settings import load_settings  # the settings module builds on this one

    return load_settings().corpus_dir


def default_output_dir() -> Path:
    """``$JANE_OUTPUT_DIR``, else ``output_dir`` of ``jane-synth.toml``, else ``outputs/``."""
    from .settings import load_settings

    return load_settings().output_dir


class FolderError(ValueError):
    """A folder given on the command line or in the settings cannot be used."""


def check_corpus_dir(path: Path) -> Path:
    """The corpus folder, resolved; :class:`FolderError` when it is missing or not a folder."""
    path = path.resolve()
    if not path.exists():
        raise FolderError(f"corpus folder not found: {path}")
    if not path.is_dir():
        raise FolderError(f"corpus path is not a folder: {path}")
    return path


def check_output_dir(path: Path) -> Path:
    """The output folder, resolved and created; :class:`FolderError` when it is a file, cannot be
    created or cannot be written."""
    path = path.resolve()
    if path.exists() and not path.is_dir():
        raise FolderError(f"output path is not a folder: {path}")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FolderError(f"output folder cannot be created: {path} ({exc.strerror})") from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise FolderError(f"output folder is not writable: {path}")
    return path


@dataclass(frozen=True)
class OutputLayout:
    """Where a run writes what, below one output folder (and the store, which may be on a
    PostgreSQL server instead: ``store_url``)."""

    root: Path
    store_url: str = field(default_factory=store_url_from_environment)

    @property
    def database(self) -> Path:
        """The SQLite file of the store (unused when ``store_url`` is set)."""
        return self.root / "index" / "jane.sqlite"

    @property
    def store(self) -> Path | str:
        """What :class:`jane_synth.store.Store` opens: the PostgreSQL URL, else the SQLite file."""
        return self.store_url or self.database

    def has_store(self) -> bool:
        """Whether a run has written the store (a PostgreSQL store is assumed to exist)."""
        return bool(self.store_url) or self.database.is_file()

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

    @property
    def corpus_hashes(self) -> Path:
        """The change sensor's cache of file hashes (``jane_synth.corpus_cache``)."""
        return self.root / "index" / "corpus_hashes.json"

    @property
    def failures(self) -> Path:
        """One JSON line per failed run (``jane_synth.failures``)."""
        return self.root / "failures.jsonl"
