"""The ``torch`` backend: sentence-transformers on the bundled weights."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..config import use_offline_model
from ..threads import limited_threads
from .backends import BackendSpec, Vectors, register

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Below this many texts a single thread is faster: torch's intra-op pool costs more to
# coordinate than it saves, and on 2 cores it fights BLAS (measured: ~14 ms per query on one
# thread against 240-480 ms with the default pools while the other core is busy).
SMALL_BATCH = 8


class TorchBackend:
    """sentence-transformers, loaded on first use."""

    name = "torch"

    def __init__(self, spec: BackendSpec):
        self.spec = spec
        self._model: SentenceTransformer | None = None

    def _load(self) -> SentenceTransformer:
        if self._model is None:
            use_offline_model()
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(self.spec.model_path), device=self.spec.device)
        return self._model

    @property
    def dim(self) -> int:
        model = self._load()
        getter = (
            getattr(model, "get_embedding_dimension", None)
            or model.get_sentence_embedding_dimension
        )
        dim = getter()
        if dim is None:
            raise ValueError(f"the model at {self.spec.model_path} does not say its dimension")
        return int(dim)

    def encode(self, texts: Sequence[str], batch_size: int) -> Vectors:
        """Normalised vectors; small batches run on one thread."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        with limited_threads(1 if len(texts) <= SMALL_BATCH else None):
            vectors = model.encode(
                list(texts),
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def encode_one(self, text: str) -> Vectors:
        """One normalised vector."""
        vector: Vectors = self.encode([text], batch_size=1)[0]
        return vector


register(TorchBackend.name, TorchBackend)
