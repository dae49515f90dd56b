"""The embedding backends: a small protocol and a registry keyed by name.

A backend turns texts into normalised float32 vectors of the bundled model. ``torch`` runs
sentence-transformers; ``onnx`` runs the same weights, exported once, on ONNX Runtime.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True)
class BackendSpec:
    """What a backend is built from: the model folder, the device and the export cache."""

    model_path: Path
    device: str = "cpu"
    cache_dir: Path | None = None


class EmbeddingBackend(Protocol):
    """Encodes texts with one runtime; vectors are L2-normalised."""

    name: str

    @property
    def dim(self) -> int:
        """Length of one vector."""
        ...

    def encode(self, texts: Sequence[str], batch_size: int) -> Vectors:
        """Vectors of shape ``(len(texts), dim)``, for bulk work on every core."""
        ...

    def encode_one(self, text: str) -> Vectors:
        """One vector, on one thread: the interactive query path."""
        ...


BackendFactory = Callable[[BackendSpec], EmbeddingBackend]
_BACKENDS: dict[str, BackendFactory] = {}


def register(name: str, factory: BackendFactory) -> None:
    """Make a backend available under ``name``."""
    _BACKENDS[name] = factory


def backend_names() -> list[str]:
    """Names of the registered backends, sorted."""
    return sorted(_BACKENDS)


def create_backend(name: str, spec: BackendSpec) -> EmbeddingBackend:
    """A new backend ``name`` over ``spec``; ``ValueError`` names the known ones."""
    try:
        factory = _BACKENDS[name]
    except KeyError:
        known = ", ".join(backend_names())
        raise ValueError(f"unknown embedding backend {name!r}; known: {known}") from None
    return factory(spec)
