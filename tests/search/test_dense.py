import numpy as np

from jane_synth.search.dense import HALF_PRECISION_MIN_ROWS, ExactDenseIndex
from jane_synth.search.fusion import top_k


def _unit(rows: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((rows, 32)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_small_index_is_plain_float32():
    vectors = _unit(50, 0)
    index = ExactDenseIndex(vectors)
    q = vectors[3]
    np.testing.assert_array_equal(index.scores(q), vectors @ q)
    assert len(index) == 50
    np.testing.assert_array_equal(index.rows(np.array([1, 3])), vectors[[1, 3]])


def test_large_index_top_rows_are_exact_and_the_rest_close():
    vectors = _unit(HALF_PRECISION_MIN_ROWS + 5, 1)
    index = ExactDenseIndex(vectors, exact_top=500)
    assert index._half is not None
    for q in (vectors[7], _unit(1, 2)[0]):
        exact = vectors @ q
        scores = index.scores(q)
        assert scores.dtype == np.float32 and scores.shape == exact.shape
        top = top_k(exact, 300)
        assert top_k(scores, 300).tolist() == top.tolist()
        np.testing.assert_array_equal(scores[top], exact[top])
        assert np.abs(scores - exact).max() < 1e-3


def test_empty_index():
    assert ExactDenseIndex(np.zeros((0, 0), dtype=np.float32)).scores(np.zeros(4)).shape == (0,)
