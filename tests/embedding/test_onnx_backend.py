"""The ONNX backend against sentence-transformers, and its single-query path."""

from __future__ import annotations

import numpy as np
import pytest

from jane_synth.config import OutputLayout
from jane_synth.embedding import BackendSpec, Embedder, bundled_model_path
from jane_synth.embedding.onnx_backend import OnnxBackend
from tests.conftest import CORPUS_DIR


@pytest.fixture(scope="module")
def onnx(tmp_path_factory):
    return OnnxBackend(BackendSpec(bundled_model_path(), cache_dir=tmp_path_factory.mktemp("c")))


@pytest.fixture(scope="module")
def bundled_chunk_texts(tmp_path_factory):
    """Every chunk text of the bundled corpus, through the product's ingest and chunking."""
    from jane_synth.pipeline import chunk_pending, sync_documents
    from jane_synth.store import Store

    layout = OutputLayout(tmp_path_factory.mktemp("bundled"))
    with Store(layout.database) as store:
        sync_documents(store, CORPUS_DIR, layout)
        chunk_pending(store)
        return [text for _, text in store.texts_missing_embeddings("none")]


@pytest.mark.slow
def test_onnx_vectors_match_torch_on_the_bundled_chunk_texts(onnx, bundled_chunk_texts):
    assert len(bundled_chunk_texts) > 500
    torch_vectors = Embedder(backend="torch").encode(bundled_chunk_texts)
    onnx_vectors = onnx.encode(bundled_chunk_texts, batch_size=32)
    cosine = (torch_vectors * onnx_vectors).sum(axis=1)
    assert float(cosine.min()) > 0.9999


@pytest.mark.slow
def test_a_long_text_is_truncated_as_sentence_transformers_does(onnx):
    text = "Networks of expertise share registries and clinical guidelines. " * 80
    torch_vector = Embedder(backend="torch").encode([text])[0]
    assert float(torch_vector @ onnx.encode_one(text)) > 0.9999


@pytest.mark.slow
def test_single_queries_run_on_one_thread_in_one_session_made_once(onnx):
    onnx.encode_one("warm up")
    session = onnx.session(1)
    assert session.get_session_options().intra_op_num_threads == 1
    onnx.encode_one("patient involvement in governance")
    assert onnx.session(1) is session
    assert onnx._tokenize() is onnx._tokenize()


@pytest.mark.slow
def test_a_query_and_the_same_text_in_a_batch_agree(onnx):
    texts = ["survivorship care plans", "a much longer text about quality indicators " * 5]
    batch = onnx.encode(texts, batch_size=8)
    assert np.allclose(batch[0], onnx.encode_one(texts[0]), atol=1e-5)
