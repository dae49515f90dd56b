import numpy as np

from jane_synth.chunking import Chunker
from jane_synth.store import Store
from tests.store.factories import outcome, parsed


def test_embedding_cache_is_keyed_by_text_hash(store_location):
    with Store(store_location) as store:
        a, b = parsed("1" * 64, "a.md"), parsed("2" * 64, "b.md")  # same text, two files
        for d in (a, b):
            store.record(outcome(d.path, d.doc_id), d.doc_id, d)
            store.replace_chunks(d.doc_id, list(Chunker().chunk_documents([d])))
        missing = store.texts_missing_embeddings("m")
        assert len(missing) == 1
        store.put_embeddings("m", [missing[0][0]], np.full((1, 3), 0.5, dtype=np.float32))
        ids, vectors = store.chunk_vectors("m")
        assert len(ids) == 2 and vectors.shape == (2, 3)
        assert store.texts_missing_embeddings("m") == []


def test_counts_distinct_texts_and_lists_embedded_hashes(store_location):
    with Store(store_location) as store:
        a, b = (
            parsed("1" * 64, "a.md"),
            parsed(
                "2" * 64,
                "b.md",
                "ECRIN supports multinational clinical trials across Europe through hubs.",
            ),
        )
        for d in (a, b):
            store.record(outcome(d.path, d.doc_id), d.doc_id, d)
            store.replace_chunks(d.doc_id, list(Chunker().chunk_documents([d])))
        assert store.count_chunk_texts() == 2
        first = store.texts_missing_embeddings("m")[0][0]
        store.put_embeddings("m", [first], np.ones((1, 2), dtype=np.float32))
        assert store.embedded_hashes("m") == {first}
        assert store.embedded_hashes("other") == set()


def _one_vector(store, model="m"):
    d = parsed("3" * 64, "c.md")
    store.record(outcome(d.path, d.doc_id), d.doc_id, d)
    store.replace_chunks(d.doc_id, list(Chunker().chunk_documents([d])))
    first = store.texts_missing_embeddings(model)[0][0]
    store.put_embeddings(model, [first], np.ones((1, 2), dtype=np.float32))


def test_a_new_backend_drops_the_vectors_of_the_old_one(store_location):
    with Store(store_location) as store:
        assert store.vector_backend("m") is None
        assert store.use_vector_backend("m", "torch") == 0
        _one_vector(store)
        _one_vector(store, "other-model")
        assert store.use_vector_backend("m", "torch") == 0  # same backend: kept
        assert store.count("embeddings") == 2
        assert store.use_vector_backend("m", "onnx") == 1
        assert store.vector_backend("m") == "onnx"
        assert store.embedded_hashes("m") == set()
        assert len(store.embedded_hashes("other-model")) == 1  # another model is not touched
