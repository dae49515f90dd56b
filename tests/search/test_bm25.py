import numpy as np

from jane_synth.search.bm25 import BM25Index, BM25Params
from jane_synth.search.tokenize import terms_of

TEXTS = [
    "patient involvement in network governance",
    "funding of research infrastructures and funding cycles",
    "governance boards decide membership",
    "",
]


def test_scores_match_bm25s_and_rank_the_matching_rows():
    index = BM25Index.build(TEXTS)
    query = "governance funding"
    scores = index.scores(query)
    expected = index.retriever.get_scores(terms_of(query))
    assert scores.dtype == np.float32
    np.testing.assert_allclose(scores, expected, rtol=1e-6)
    assert scores[3] == 0.0 and scores[1] > 0 and scores[0] > 0


def test_single_term_and_unknown_terms():
    index = BM25Index.build(TEXTS)
    single = index.scores("membership")
    assert np.flatnonzero(single).tolist() == [2]
    assert not index.scores("zebra unicorn").any()
    assert not index.scores("the of").any()


def test_save_and_load_keep_scores_and_params(tmp_path):
    index = BM25Index.build(TEXTS, BM25Params(k1=0.9, b=0.4))
    index.save(tmp_path / "bm25")
    loaded = BM25Index.load(tmp_path / "bm25")
    assert loaded.params == BM25Params(k1=0.9, b=0.4)
    assert loaded.n_docs == 4
    np.testing.assert_array_equal(loaded.scores("funding boards"), index.scores("funding boards"))


def test_empty_corpus():
    index = BM25Index.build([])
    assert index.scores("anything").shape == (0,)
