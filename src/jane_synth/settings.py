"""One settings object for every tunable value: defaults, then ``jane-synth.toml``, then the
environment, then command-line flags.

The stages keep their parameters in frozen dataclasses (``IngestLimits``, ``SearchSettings``,
``Chunker``'s numbers); this module composes them, so a default lives in one place. A file
``jane-synth.toml`` at the project root (or ``$JANE_SETTINGS``) may set any key::

    corpus_dir = "/data/jane/corpus"

    [ingest]
    max_pages = 500

    [search]
    alpha = 0.4

and ``JANE_<SECTION>__<KEY>`` overrides one key from the environment (``JANE_SEARCH__ALPHA=0.4``;
``JANE_CORPUS_DIR`` and ``JANE_OUTPUT_DIR`` for the folders).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .config import ENV_CORPUS_DIR, ENV_OUTPUT_DIR, PROJECT_ROOT
from .embedding import DEFAULT_BACKEND, DEFAULT_QUERY_BACKEND, Embedder, backend_names
from .ingest import IngestLimits
from .search.settings import SearchSettings

if TYPE_CHECKING:
    from .chunking import Chunker

ENV_SETTINGS_FILE = "JANE_SETTINGS"
SETTINGS_FILE = PROJECT_ROOT / "jane-synth.toml"
ENV_PREFIX = "JANE_"


class ChunkingSettings(BaseModel):
    """The numbers of :class:`~jane_synth.chunking.Chunker`; a key left unset (None) keeps the
    chunker's own default (the chunker is not imported here: it brings spaCy, seconds to load)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_tokens: int | None = Field(default=None, gt=0)
    min_chars: int | None = Field(default=None, ge=0)
    language_min_chars: int | None = Field(default=None, ge=0)
    language_min_confidence: float | None = Field(default=None, ge=0, le=1)

    def chunker(self) -> Chunker:
        """A chunker with the numbers that are set."""
        from . import chunking

        return chunking.Chunker(**self.model_dump(exclude_none=True))


class EmbeddingSettings(BaseModel):
    """How texts are sent to the embedding model, and which backend runs it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    batch_size: int = Field(default=16, gt=0)
    backend: str = DEFAULT_BACKEND
    """Encodes the chunk texts; changing it re-embeds the store."""
    query_backend: str = DEFAULT_QUERY_BACKEND
    """Encodes single queries (search, the web page, the briefs' questions)."""

    @field_validator("backend", "query_backend")
    @classmethod
    def _registered(cls, name: str) -> str:
        if name not in backend_names():
            raise ValueError(f"unknown backend {name!r}; known: {', '.join(backend_names())}")
        return name

    def embedder(self) -> Embedder:
        """An embedder with these settings."""
        return Embedder(
            batch_size=self.batch_size, backend=self.backend, query_backend=self.query_backend
        )


class ThemeStageSettings(BaseModel):
    """The theme model: a registered stage name per step (``jane_synth.themes``), each step's
    parameters under ``params`` (``{"clusterer": {"max_k": 40}}``) and the model's numbers.
    The defaults are :class:`~jane_synth.themes.ThemeSettings`'s (a test keeps them equal; the
    themes package is not imported here: it brings scikit-learn)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    selector: str = "reference-lists"
    reducer: str = "pca"
    clusterer: str = "spectral"
    assigner: str = "nearest-centroid"
    grouper: str = "centroid-average"
    labeler: str = "class-tfidf"
    representer: str = "mmr"
    params: dict[str, dict[str, Any]] = Field(default_factory=dict)
    min_theme_size: int = Field(default=5, gt=0)
    id_similarity: float = Field(default=0.8, ge=0, le=1)
    split_themes: bool = True


class BriefSettings(BaseModel):
    """How the briefs choose their statements (:class:`~jane_synth.briefs.select.SectionSelector`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scoring: Literal["similarity", "calibrated"] = "calibrated"
    cap: int | None = Field(default=None, gt=0)
    """Statements per strand at most (None: 2 by similarity, the model's cap when calibrated)."""


class Settings(BaseModel):
    """Every tunable value of a run; sections are the stages' own settings records."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    output_dir: Path = PROJECT_ROOT / "outputs"
    allow_empty: bool = False
    """Let an empty corpus folder empty a store that has documents."""
    ingest: IngestLimits = Field(default_factory=IngestLimits)
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)
    themes: ThemeStageSettings = Field(default_factory=ThemeStageSettings)
    briefs: BriefSettings = Field(default_factory=BriefSettings)


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``extra`` laid over it, section by section."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(dict(merged[key]), value)
        else:
            merged[key] = value
    return merged


def _from_environment(env: Mapping[str, str]) -> dict[str, Any]:
    """The keys the environment sets: the two folders and ``JANE_<SECTION>__<KEY>``."""
    found: dict[str, Any] = {}
    for name, field in ((ENV_CORPUS_DIR, "corpus_dir"), (ENV_OUTPUT_DIR, "output_dir")):
        if env.get(name):
            found[field] = env[name]
    for name, value in env.items():
        if name.startswith(ENV_PREFIX) and "__" in name:
            section, _, key = name[len(ENV_PREFIX) :].lower().partition("__")
            found.setdefault(section, {})[key] = value
    return found


def settings_file(env: Mapping[str, str] | None = None) -> Path:
    """``$JANE_SETTINGS``, else ``jane-synth.toml`` at the project root (it may not exist)."""
    env = os.environ if env is None else env
    return Path(env.get(ENV_SETTINGS_FILE) or SETTINGS_FILE)


def load_settings(
    path: Path | None = None, env: Mapping[str, str] | None = None, **flags: Any
) -> Settings:
    """The settings: defaults < the TOML file (if any) < the environment < ``flags``.

    ``flags`` are the command line's values (``None`` means "not given"); a nested key is given
    as a mapping (``search={"alpha": 0.4}``). Invalid values raise pydantic's ValidationError,
    which names the key.
    """
    env = os.environ if env is None else env
    path = path or settings_file(env)
    layers: dict[str, Any] = {}
    if path.is_file():
        layers = _merge(layers, tomllib.loads(path.read_text("utf-8")))
    layers = _merge(layers, _from_environment(env))
    layers = _merge(layers, {k: v for k, v in flags.items() if v is not None})
    return Settings.model_validate(layers)


def setting_keys(model: type[BaseModel] = Settings, prefix: str = "") -> list[str]:
    """Every key, dotted (``search.alpha``), in declaration order: what the README lists."""
    keys: list[str] = []
    for name, info in model.model_fields.items():
        kind = info.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            keys += setting_keys(kind, f"{prefix}{name}.")
        elif isinstance(kind, type) and hasattr(kind, "__dataclass_fields__"):
            keys += [f"{prefix}{name}.{f.name}" for f in fields(kind)]
        else:
            keys.append(prefix + name)
    return keys
