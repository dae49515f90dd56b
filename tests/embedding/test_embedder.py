"""The Embedder and ``embed_missing``: bulk and query backends, and a change of backend."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from jane_synth.chunking import Chunker
from jane_synth.embedding import Embedder, embed_missing
from jane_synth.store import Store
from tests.store.factories import outcome, parsed

TEXTS = {
    "a.md": "European Reference Networks connect experts across borders in virtual panels.",
    "b.md": "ERN coordination is funded by multi-annual grants from the EU4Health programme.",
}


@dataclass
class LabelledEmbedder(Embedder):
    """Vectors from text hashes salted with the backend's name; remembers what it encoded."""

    encoded: list[str] = field(default_factory=list)

    def encode(self, texts, batch_size=None) -> np.ndarray:
        self.encoded.extend(texts)
        rows = [hashlib.sha256(f"{self.backend}:{t}".encode()).digest()[:8] for t in texts]
        vectors = np.frombuffer(b"".join(rows), np.uint8).reshape(len(texts), 8) + 1.0
        return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def _store(tmp_path, texts=TEXTS) -> Store:
    store = Store(tmp_path / "db.sqlite")
    for i, (path, text) in enumerate(texts.items()):
        doc = parsed(str(i) * 64, path, text)
        store.record(outcome(doc.path, doc.doc_id), doc.doc_id, doc)
        store.replace_chunks(doc.doc_id, list(Chunker().chunk_documents([doc])))
    return store


def test_a_change_of_bulk_backend_re_embeds_every_text(tmp_path):
    with _store(tmp_path) as store:
        torch = LabelledEmbedder(backend="torch")
        assert embed_missing(store, torch) == (2, 0)
        assert store.vector_backend(torch.name) == "torch"
        _, torch_vectors = store.chunk_vectors(torch.name)
        assert embed_missing(store, torch) == (0, 2)  # same backend: all reused

        onnx = LabelledEmbedder(backend="onnx")
        assert embed_missing(store, onnx) == (2, 0)
        assert sorted(onnx.encoded) == sorted(TEXTS.values())
        assert store.vector_backend(onnx.name) == "onnx"
        ids, onnx_vectors = store.chunk_vectors(onnx.name)
        assert len(ids) == 2
        # Not one of the torch vectors is left beside the new ones.
        assert not np.isclose(onnx_vectors @ torch_vectors.T, 1.0).any()


def test_a_new_text_under_the_same_backend_is_all_that_is_embedded(tmp_path):
    with _store(tmp_path) as store:
        embed_missing(store, LabelledEmbedder(backend="onnx"))
    more = {**TEXTS, "c.md": "Survivorship care plans follow patients after their treatment."}
    with _store(tmp_path, more) as store:
        again = LabelledEmbedder(backend="onnx")
        assert embed_missing(store, again) == (1, 2)
        assert again.encoded == [more["c.md"]]


def test_the_query_backend_is_separate_from_the_bulk_backend():
    embedder = Embedder(backend="torch", query_backend="onnx")
    assert embedder.runtime("onnx").name == "onnx"
    assert embedder.runtime("onnx") is embedder.runtime("onnx")  # created once
    assert "torch" not in embedder._backends  # nothing loads the bulk backend for queries
