import numpy as np
import pytest

from jane_synth.evidence import EvidenceSelector, not_evidence_reason
from jane_synth.evidence.features import FEATURE_NAMES
from jane_synth.evidence.model import EvidenceModel, Tree
from jane_synth.search import Searcher

pytestmark = pytest.mark.slow


def cosine_model(cut: float, threshold: float = 0.5, cap: int = 2) -> EvidenceModel:
    """A one-split model: evidence when the sentence's cosine with the question exceeds ``cut``."""
    tree = Tree(feature=(FEATURE_NAMES.index("cos_sentence"), -1, -1), threshold=(cut, 0.0, 0.0),
                left=(1, 0, 0), right=(2, 0, 0), value=(0.0, -4.0, 4.0))  # fmt: skip
    return EvidenceModel("test", "0", FEATURE_NAMES, 0.0, (tree,), 1.0, 0.0, threshold, cap)


@pytest.fixture(scope="module")
def searcher(indexed_fixture, embedder):
    _, layout = indexed_fixture
    s = Searcher.open(layout.root, embedder=embedder)
    yield s
    s.close()


QUESTION = "How was ERN coordination funded?"


def test_candidates_are_verbatim_sentences_of_retrieved_passages(searcher):
    found = EvidenceSelector(searcher, model=cosine_model(0.3)).candidates(QUESTION)
    assert len(found) > 3
    assert found.features.shape == (len(found), len(FEATURE_NAMES))
    for s in found.sentences:
        assert s.chunk.text[s.start : s.end] == s.text
        assert not_evidence_reason(s.text) is None
    cos = found.features[:, FEATURE_NAMES.index("cos_sentence")]
    question = EvidenceSelector(searcher).encode_question(QUESTION)
    np.testing.assert_allclose(cos, found.vectors @ question, atol=1e-5)


def test_questions_are_encoded_by_the_models_backend_whatever_search_queries_use(
    indexed_fixture, embedder
):
    from jane_synth.embedding import Embedder

    _, layout = indexed_fixture
    found = {}
    for query_backend in ("onnx", "onnx-int8"):
        other = Embedder(backend=embedder.backend, query_backend=query_backend)
        with Searcher.open(layout.root, embedder=other) as s:
            selector = EvidenceSelector(s, model=cosine_model(0.3))
            assert selector.query_backend == "onnx"
            found[query_backend] = selector.candidates(QUESTION)
            search_vector = s.encode_query(QUESTION)
            assert (search_vector @ selector.encode_question(QUESTION) < 1 - 1e-6) == (
                query_backend == "onnx-int8"
            )
    assert found["onnx"].features.tobytes() == found["onnx-int8"].features.tobytes()


def test_select_keeps_what_passes_the_threshold_best_first_up_to_the_cap(searcher):
    selector = EvidenceSelector(searcher, model=cosine_model(0.3, cap=2))
    found = selector.candidates(QUESTION)
    chosen = selector.select(QUESTION)
    cos = dict(zip([s.text for s in found.sentences],
                   found.features[:, FEATURE_NAMES.index("cos_sentence")], strict=True))  # fmt: skip
    assert 1 <= len(chosen) <= 2
    assert all(c.probability >= 0.5 and cos[c.sentence.text] > 0.3 for c in chosen)
    assert [c.probability for c in chosen] == sorted((c.probability for c in chosen), reverse=True)
    assert any("fund" in c.sentence.text for c in chosen)


def test_select_abstains_when_nothing_passes(searcher):
    assert EvidenceSelector(searcher, model=cosine_model(0.99)).select(QUESTION) == []


def test_the_shipped_model_abstains_on_an_unrelated_question(searcher):
    selector = EvidenceSelector(searcher)
    assert selector.select("Lattice simulations of quantum chromodynamics at finite density.") == []


def test_keep_and_filters_restrict_the_passages(searcher):
    selector = EvidenceSelector(searcher, model=cosine_model(0.0, threshold=0.0, cap=50))
    doc = next(d for d in searcher.documents.values() if d.path.endswith(".md"))
    found = selector.candidates(QUESTION, keep=lambda c: c.doc_id == doc.doc_id)
    assert found.sentences and {s.chunk.doc_id for s in found.sentences} == {doc.doc_id}


def test_standalone_only_drops_fragments(searcher):
    loose = EvidenceSelector(searcher, model=cosine_model(0.0))
    strict = EvidenceSelector(searcher, model=cosine_model(0.0), standalone_only=True)
    a, b = loose.candidates(QUESTION), strict.candidates(QUESTION)
    assert {s.text for s in b.sentences} < {s.text for s in a.sentences}
