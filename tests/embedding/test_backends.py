"""The backend registry, and a contract every registered backend keeps (real model)."""

from __future__ import annotations

import numpy as np
import pytest

from jane_synth.embedding import BackendSpec, backend_names, bundled_model_path
from jane_synth.embedding.backends import create_backend

TEXTS = [
    "ERN coordination is funded by multi-annual grants.",
    "Patient representatives sit on the board of every network.",
    "ok",
]


def test_torch_onnx_and_int8_are_registered():
    assert {"torch", "onnx", "onnx-int8"} <= set(backend_names())


def test_an_unknown_backend_is_refused_naming_the_known_ones():
    with pytest.raises(ValueError, match="onnx, onnx-int8, torch"):
        create_backend("tensorflow", BackendSpec(bundled_model_path()))


@pytest.fixture(scope="module", params=backend_names())
def backend(request, tmp_path_factory):
    spec = BackendSpec(bundled_model_path(), cache_dir=tmp_path_factory.mktemp("onnx-cache"))
    return create_backend(request.param, spec)


@pytest.mark.slow
def test_a_backend_encodes_normalised_vectors_one_or_many(backend):
    vectors = backend.encode(TEXTS, batch_size=2)
    assert vectors.dtype == np.float32 and vectors.shape == (len(TEXTS), backend.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    single = np.stack([backend.encode_one(t) for t in TEXTS])
    if getattr(backend, "batch_invariant", True):
        assert np.allclose(single, vectors, atol=1e-4)
    else:  # int8: activation ranges are the batch's
        assert float((single * vectors).sum(axis=1).min()) > 0.98
    # Different texts, different vectors.
    assert float(vectors[0] @ vectors[2]) < 0.9
    assert backend.encode([], batch_size=4).shape == (0, backend.dim)
