import numpy as np
import pytest

from jane_synth.chunking import chunk_id_for, text_hash
from jane_synth.evidence.features import FEATURE_NAMES, Passages, TermStats, features
from jane_synth.evidence.sentences import split_passage
from jane_synth.records import Chunk, Entity


def _chunk(doc, seq, text, entities=()):
    return Chunk(chunk_id_for(doc, 1, seq, seq + len(text)), doc, 1, seq, seq + len(text), seq,
                 text, text_hash(text), entities)  # fmt: skip


QUESTION = "Aspirin lowers the risk of colorectal cancer by 20%."
A = _chunk("a", 0, "Aspirin was given daily. Colorectal cancer risk fell by 20% with aspirin. "
           "Follow-up lasted ten years.")  # fmt: skip
B = _chunk("b", 1, "Statins were studied in Sweden. The ERN registry held the data.",
           (Entity("NETWORK", "erns", "ERN", 36, 39),))  # fmt: skip


@pytest.fixture
def matrix():
    sentences = split_passage(A) + split_passage(B)
    assert len(sentences) == 5
    q = np.array([1.0, 0.0])
    vectors = np.array([[0.6, 0.8], [0.9, 0.436], [0.1, 0.995], [0.3, 0.954], [0.2, 0.98]])
    passages = Passages(rank=np.array([0, 0, 0, 1, 1.0]), fused=np.array([2, 2, 2, 1, 1.0]),
                        bm25=np.array([5, 5, 5, 0, 0.0]), cosine=np.array([.7, .7, .7, .2, .2]))  # fmt: skip
    stats = TermStats.from_texts([A.text, B.text, "unrelated text about pancreas"])
    x = features(QUESTION, q, sentences, vectors, passages, stats)
    return {name: x[:, i] for i, name in enumerate(FEATURE_NAMES)}


def test_dense_features(matrix):
    assert matrix["cos_sentence"] == pytest.approx([0.6, 0.9, 0.1, 0.3, 0.2])
    assert matrix["cos_prev"] == pytest.approx([0.0, 0.6, 0.9, 0.0, 0.3])
    assert matrix["cos_next"] == pytest.approx([0.9, 0.1, 0.0, 0.2, 0.0])
    assert matrix["cos_rank"].tolist() == [1, 0, 4, 2, 3]
    assert matrix["cos_rank_in_passage"].tolist() == [1, 0, 2, 0, 1]
    assert matrix["cos_minus_best"] == pytest.approx([-0.3, 0, -0.8, -0.6, -0.7])
    assert matrix["cos_minus_doc_best"] == pytest.approx([-0.3, 0, -0.8, 0, -0.1])


def test_lexical_features(matrix):
    assert matrix["bm25_sentence"][1] > matrix["bm25_sentence"][0] > 0
    assert matrix["bm25_sentence"][3] == 0 and matrix["bm25_sentence_share"][1] == 1
    assert matrix["shared_numbers"].tolist() == [0, 1, 0, 0, 0]
    assert matrix["term_overlap"][1] > matrix["term_overlap"][0] > 0
    assert matrix["bigram_overlap"][1] > 0 == matrix["bigram_overlap"][2]


def test_position_and_own_features(matrix):
    assert matrix["sentence_index"].tolist() == [0, 1, 2, 0, 1]
    assert matrix["sentences_after"].tolist() == [2, 1, 0, 1, 0]
    assert matrix["doc_rank"].tolist() == [0, 0, 0, 1, 1]
    assert matrix["first_of_document"].tolist() == [1, 0, 0, 0, 0]
    assert matrix["has_percent"].tolist() == [0, 1, 0, 0, 0]
    assert matrix["n_taxonomy_tags"].tolist() == [0, 0, 0, 0, 1]
    assert matrix["fused_minus_best"].tolist() == [0, 0, 0, -1, -1]


def test_no_candidates_give_an_empty_matrix():
    x = features(QUESTION, np.ones(2), [], np.zeros((0, 2)), Passages(*[np.zeros(0)] * 4),
                 TermStats(0, {}))  # fmt: skip
    assert x.shape == (0, len(FEATURE_NAMES))
