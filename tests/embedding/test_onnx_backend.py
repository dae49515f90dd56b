"""The ONNX backend against sentence-transformers, and its single-query path."""

from __future__ import annotations

import numpy as np
import pytest

from jane_synth.embedding import BackendSpec, Embedder, bundled_model_path
from jane_synth.embedding.onnx_backend import OnnxBackend


@pytest.fixture(scope="module")
def onnx(tmp_path_factory):
    return OnnxBackend(BackendSpec(bundled_model_path(), cache_dir=tmp_path_factory.mktemp("c")))


SAMPLE_EVERY = 5


@pytest.fixture(scope="module")
def bundled_stored_vectors(bundled_index):
    """Every fifth chunk text of the bundled corpus with the vector the session's embedder
    (the product's default bulk backend, ONNX) stored for it."""
    from jane_synth.embedding import MODEL_NAME
    from jane_synth.store import Store

    _, layout = bundled_index
    with Store(layout.database) as store:
        texts = {c.chunk_id: c.text for c in store.chunks()}
        ids, vectors = store.chunk_vectors(MODEL_NAME)
    rows = range(0, len(ids), SAMPLE_EVERY)
    return [texts[ids[i]] for i in rows], vectors[list(rows)]


@pytest.mark.slow
@pytest.mark.xdist_group("bundled")
def test_onnx_vectors_match_torch_on_the_bundled_chunk_texts(embedder, bundled_stored_vectors):
    assert embedder.backend == "onnx"
    texts, onnx_vectors = bundled_stored_vectors
    assert len(texts) > 100
    torch_vectors = Embedder(backend="torch").encode(texts, batch_size=32)
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


@pytest.mark.slow
def test_the_int8_model_is_quantised_once_beside_the_export_and_stays_close(onnx, tmp_path):
    from jane_synth.embedding.export import onnx_int8_path
    from jane_synth.embedding.onnx_backend import OnnxInt8Backend

    int8 = OnnxInt8Backend(BackendSpec(bundled_model_path(), cache_dir=onnx.spec.cache_dir))
    texts = ["patient involvement in network governance", "sustainable funding of biobanks"]
    vectors = np.stack([int8.encode_one(t) for t in texts])
    path = onnx_int8_path(bundled_model_path(), onnx.spec.cache_dir)
    assert int8.model_file() == path and path.is_file()
    # int8 matrix weights; the word-embedding table stays float
    assert path.stat().st_size < 0.7 * onnx.model_file().stat().st_size
    cosine = (vectors * np.stack([onnx.encode_one(t) for t in texts])).sum(axis=1)
    assert 0.98 < float(cosine.min()) < 0.99999  # close, but not the float model's vectors
    mtime = path.stat().st_mtime_ns
    again = OnnxInt8Backend(BackendSpec(bundled_model_path(), cache_dir=onnx.spec.cache_dir))
    again.encode_one("x")
    assert path.stat().st_mtime_ns == mtime  # made once
