"""Retrievers as registered parts: a ``Retriever`` protocol and a registry keyed by name.

A retriever builds its files from the store's chunks (in the store's order), opens them again,
and scores every row for a query. Search modes are the registered names plus ``"hybrid"``, the
fusion of every registered retriever. Adding one is its module plus one registration line::

    class TitleRetriever:
        name = "title"
        positive_only = True  # a zero score is no match

        @classmethod
        def build(cls, rows: IndexRows, folder: Path, settings: SearchSettings) -> dict[str, int]:
            return {}  # nothing to write: titles are in the store

        @classmethod
        def load(cls, context: IndexContext) -> TitleRetriever:
            return cls(context.rows.titles)

        def score(self, query: str) -> np.ndarray: ...
        def vectors(self, rows: np.ndarray) -> np.ndarray | None: return None

    register(TitleRetriever)  # in jane_synth/search/__init__.py
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from ..records import Chunk
from .settings import SearchSettings

if TYPE_CHECKING:
    from ..embedding import Embedder
    from ..store import Store

HYBRID = "hybrid"


class IndexNotBuiltError(FileNotFoundError):
    """There is no search index in the output folder, or it does not match the store."""

    @classmethod
    def missing(cls, root: Path, why: str = "") -> IndexNotBuiltError:
        """No index: tell the user to run the pipeline (``why`` says what is missing)."""
        detail = f"{why}; " if why else ""
        return cls(f"no search index yet: run `jane-synth run` first ({detail}looked in {root})")

    @classmethod
    def stale(cls, root: Path) -> IndexNotBuiltError:
        """An index built over other chunks than the store holds now."""
        return cls(f"the search index is out of date: run `jane-synth run` again ({root})")


@dataclass(frozen=True)
class IndexRows:
    """What retrievers index: the store's chunks in order, with their documents' titles."""

    chunks: tuple[Chunk, ...]
    titles: tuple[str, ...]

    @property
    def chunk_ids(self) -> list[str]:
        return [c.chunk_id for c in self.chunks]

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.chunks]


@dataclass(frozen=True)
class IndexContext:
    """What a retriever may read when it opens its index."""

    root: Path  # the output folder, for messages
    folder: Path  # this retriever's own folder under index/
    store: Store
    embedder: Embedder
    rows: IndexRows
    settings: SearchSettings


class Retriever(Protocol):
    """An opened retriever: scores every chunk for a query."""

    name: str
    positive_only: bool
    """Whether only rows scoring above zero match (lexical retrievers)."""

    def score(self, query: str) -> np.ndarray:
        """The score of every row for ``query`` (float32, one per row)."""
        ...

    def vectors(self, rows: np.ndarray) -> np.ndarray | None:
        """Normalised vectors of ``rows`` (for collapsing near-duplicates), or ``None``."""
        ...


@runtime_checkable
class VectorRetriever(Retriever, Protocol):
    """A retriever that also scores a query vector its caller already holds (the evidence
    selector's question vectors, encoded once and kept), instead of encoding the query again."""

    def score_vector(self, query_vector: np.ndarray) -> np.ndarray:
        """The score of every row for an encoded query (float32, one per row)."""
        ...


class RetrieverClass(Protocol):
    """What is registered: a retriever class, which builds an index and opens it again."""

    name: str

    def build(self, rows: IndexRows, folder: Path, settings: SearchSettings) -> dict[str, int]:
        """Write the index of ``rows`` below ``folder``; returns figures for the run's metadata."""
        ...

    def load(self, context: IndexContext) -> Retriever:
        """Open the index; raises ``IndexNotBuiltError`` when it is missing or stale."""
        ...


_REGISTRY: dict[str, RetrieverClass] = {}


def register(retriever: RetrieverClass) -> RetrieverClass:
    """Add a retriever under its ``name`` (usable as a class decorator)."""
    if retriever.name == HYBRID or not retriever.name:
        raise ValueError(f"a retriever cannot be called {retriever.name!r}")
    _REGISTRY[retriever.name] = retriever
    return retriever


def unregister(name: str) -> None:
    """Remove a retriever (tests register toy ones)."""
    _REGISTRY.pop(name, None)


def retriever_names() -> tuple[str, ...]:
    """Registered retriever names, in registration order (the order fusion adds them)."""
    return tuple(_REGISTRY)


def get_retriever(name: str) -> RetrieverClass:
    """The retriever registered as ``name``."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown retriever {name!r}; known: {', '.join(_REGISTRY)}") from None


def search_modes() -> tuple[str, ...]:
    """Every search mode: ``"hybrid"`` (all retrievers fused) and each retriever alone."""
    return (HYBRID, *_REGISTRY)
