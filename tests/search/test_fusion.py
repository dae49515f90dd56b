import numpy as np
import pytest

from jane_synth.search import SearchSettings
from jane_synth.search.fusion import fuse, reciprocal_rank_fusion, top_k, weighted_fusion


def test_top_k_orders_by_score_then_row_and_respects_mask():
    scores = np.array([0.5, 0.9, 0.5, 0.1, 0.9], dtype=np.float32)
    assert top_k(scores, 3).tolist() == [1, 4, 0]
    mask = np.array([True, False, True, True, False])
    assert top_k(scores, 3, mask).tolist() == [0, 2, 3]
    assert top_k(scores, 10, mask).tolist() == [0, 2, 3]
    assert top_k(scores, 0).tolist() == []
    assert top_k(scores, 5, np.zeros(5, bool)).tolist() == []


def test_reciprocal_rank_fusion_sums_inverse_ranks():
    fused = reciprocal_rank_fusion([np.array([7, 3]), np.array([3, 9])], k=10)
    assert fused[3] == pytest.approx(1 / 12 + 1 / 11)
    assert fused[7] == pytest.approx(1 / 11)
    assert fused[9] == pytest.approx(1 / 12)


def test_weighted_fusion_normalises_over_candidates():
    bm25 = np.array([10.0, 0.0, 5.0, 100.0])
    dense = np.array([0.2, 0.8, 0.5, 0.0])
    cands = np.array([0, 1, 2])
    fused = weighted_fusion([bm25, dense], [0.5, 0.5], cands)
    assert fused.tolist() == pytest.approx([0.5, 0.5, 0.5])
    assert weighted_fusion([bm25, dense], [1, 0], cands).tolist() == pytest.approx([1, 0, 0.5])
    z = weighted_fusion([bm25, dense], [0, 1], cands, normalise="zscore")
    assert z.sum() == pytest.approx(0.0, abs=1e-9)
    assert int(z.argmax()) == 1
    assert weighted_fusion([bm25, dense], [0.5, 0.5], np.array([], dtype=int)).size == 0


def test_weighted_fusion_takes_any_number_of_retrievers():
    a, b, c = np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0]), np.array([0.0, 0.0, 1.0])
    rows = np.arange(3)
    fused = weighted_fusion([a, b, c], [0.2, 0.3, 0.5], rows)
    assert fused.tolist() == pytest.approx([0.2, 0.3, 0.5])
    assert weighted_fusion([c], [2.0], rows).tolist() == pytest.approx([0, 0, 2])


def test_constant_scores_do_not_divide_by_zero():
    fused = weighted_fusion([np.ones(3), np.ones(3)], [0.5, 0.5], np.arange(3), "zscore")
    assert fused.tolist() == [0.0, 0.0, 0.0]


def test_weighted_ties_break_by_row():
    scores = {"bm25": np.array([3.0, 2.0, 2.0, 1.0]), "dense": np.array([0.1, 0.5, 0.5, 0.2])}
    tops = {"bm25": np.array([2, 1, 0]), "dense": np.array([2, 1, 3])}
    ranked = fuse(scores, tops, 4, SearchSettings())
    rows = [r for r, _ in ranked]
    assert rows.index(1) == rows.index(2) - 1
    assert ranked[rows.index(1)][1] == ranked[rows.index(2)][1]


def test_fuse_prefers_rows_both_sides_agree_on():
    scores = {"bm25": np.array([3.0, 2.0, 1.0, 0.0]), "dense": np.array([0.1, 0.9, 0.8, 0.7])}
    tops = {name: top_k(s, 3) for name, s in scores.items()}
    for settings in (
        SearchSettings(fusion="rrf", rrf_k=60),
        SearchSettings(fusion="weighted", alpha=0.5, normalise="minmax"),
    ):
        ranked = fuse(scores, tops, 2, settings)
        assert ranked[0][0] == 1
        assert len(ranked) == 2
    with pytest.raises(ValueError, match="unknown fusion"):
        fuse(scores, tops, 2, SearchSettings(fusion="max"))


def test_fuse_reads_the_candidates_of_every_retriever():
    scores = {
        "bm25": np.array([1.0, 0.0, 0.0, 0.0]),
        "dense": np.array([0.0, 1.0, 0.0, 0.0]),
        "toy": np.array([0.0, 0.0, 0.0, 9.0]),
    }
    tops = {"bm25": np.array([0]), "dense": np.array([1]), "toy": np.array([3])}
    rows = {r for r, _ in fuse(scores, tops, 10, SearchSettings())}
    assert rows == {0, 1, 3}
    rrf = fuse(scores, tops, 10, SearchSettings(fusion="rrf"))
    assert {r for r, _ in rrf} == {0, 1, 3}


def test_weights_per_retriever_override_alpha():
    s = SearchSettings(alpha=0.3, weights=(("bm25", 0.9), ("toy", 0.2)))
    assert s.weight_of("bm25") == 0.9
    assert s.weight_of("dense") == 0.3
    assert s.weight_of("toy") == 0.2
    assert s.weight_of("other") == s.default_weight
    assert SearchSettings(alpha=0.3).weight_of("bm25") == pytest.approx(0.7)
    scores = {"bm25": np.array([1.0, 0.0]), "dense": np.array([0.0, 1.0])}
    tops = {"bm25": np.array([0, 1]), "dense": np.array([0, 1])}
    lexical = SearchSettings(weights=(("bm25", 1.0), ("dense", 0.0)), normalise="minmax")
    assert fuse(scores, tops, 1, lexical)[0][0] == 0
    semantic = SearchSettings(weights=(("bm25", 0.0), ("dense", 1.0)), normalise="minmax")
    assert fuse(scores, tops, 1, semantic)[0][0] == 1
