import numpy as np
import pytest

from jane_synth.search.ranking import rank_scores
from jane_synth.search.settings import SearchSettings

LEXICAL = np.array([0.0, 2.0, 1.0, 0.0], dtype=np.float32)
DENSE = np.array([0.9, 0.1, 0.5, 0.3], dtype=np.float32)


def test_one_retriever_alone_keeps_its_order_and_drops_non_matches_if_lexical():
    ranked = rank_scores({"bm25": LEXICAL}, 10, SearchSettings(), positive_only={"bm25"})
    assert ranked == [(1, 2.0), (2, 1.0)]
    dense = rank_scores({"dense": DENSE}, 2, SearchSettings())
    assert [r for r, _ in dense] == [0, 2]
    assert dense[0][1] == pytest.approx(0.9)


def test_mask_applies_to_every_retriever():
    mask = np.array([False, False, True, True])
    ranked = rank_scores({"bm25": LEXICAL, "dense": DENSE}, 10, SearchSettings(), mask, {"bm25"})
    assert {r for r, _ in ranked} == {2, 3}


def test_fusion_reads_each_retrievers_candidates():
    settings = SearchSettings(candidates=1)
    ranked = rank_scores({"bm25": LEXICAL, "dense": DENSE}, 1, settings, None, {"bm25"})
    # depth is max(k, candidates) = 1: row 1 from BM25 and row 0 from dense are the candidates
    assert ranked[0][0] in {0, 1}
    both = rank_scores({"bm25": LEXICAL, "dense": DENSE}, 4, settings, None, {"bm25"})
    assert {r for r, _ in both} == {0, 1, 2, 3}


def test_no_retriever_is_an_error():
    with pytest.raises(ValueError, match="no retriever"):
        rank_scores({}, 3, SearchSettings())
