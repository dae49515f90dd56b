"""Briefs with stored sentence and question vectors, passage spans and sentence verdicts: the
same briefs, and a rerun embeds no sentence, encodes no question, splits no passage and judges
no sentence."""

import dataclasses
import shutil

import pytest

from jane_synth.briefs import brief_to_dict, build_briefs
from jane_synth.briefs.stored import (
    StoredPassageSpans,
    StoredQueryVectors,
    StoredSentenceVectors,
    StoredVerdicts,
    query_vector_key,
    stored_vector_counts,
)
from jane_synth.embedding import MODEL_NAME
from jane_synth.evidence import EvidenceSelector
from jane_synth.search import Searcher
from jane_synth.taxonomy import load_taxonomy

pytestmark = pytest.mark.slow


def test_stored_vectors_and_spans_give_the_same_briefs_and_are_reused(
    indexed_fixture, embedder, tmp_path
):
    _, layout = indexed_fixture
    root = tmp_path / "out"
    shutil.copytree(layout.root, root)  # the shared fixture's store stays as it is
    full = load_taxonomy()
    taxonomy = dataclasses.replace(
        full, noe_domains=full.noe_domains[:2], dimensions=full.dimensions[:3]
    )
    with Searcher.open(root, embedder=embedder) as searcher:
        plain = [brief_to_dict(b) for b in build_briefs(searcher, taxonomy)]
    runs = []
    for _ in range(2):
        with Searcher.open(root, embedder=embedder) as searcher:
            vectors = StoredSentenceVectors(searcher, model=MODEL_NAME)  # as the briefs asset
            queries = StoredQueryVectors.for_searcher(searcher)
            spans = StoredPassageSpans(store=searcher.store)
            verdicts = StoredVerdicts(store=searcher.store)
            selector = EvidenceSelector(
                searcher, standalone_only=True, vectors=vectors, queries=queries, spans=spans,
                verdicts=verdicts,
            )  # fmt: skip
            briefs = build_briefs(searcher, taxonomy, selector=selector)
            counts = (stored_vector_counts(searcher, vectors) | queries.save() | spans.save()
                      | verdicts.save())  # fmt: skip
        runs.append(counts)
        assert [brief_to_dict(b) for b in briefs] == plain
    assert runs[0]["sentences_embedded"] > 0
    assert runs[0]["questions_encoded"] > 0
    assert runs[0]["passages_split"] > 0
    assert runs[1]["passages_split"] == 0
    assert runs[1]["passage_spans_dropped"] == 0
    assert runs[1]["questions_encoded"] == 0
    assert runs[1]["questions_reused"] == runs[0]["questions_encoded"]
    assert runs[1]["question_vectors_dropped"] == 0
    assert runs[1]["sentences_embedded"] == 0
    assert runs[0]["sentences_judged"] > 0
    assert runs[1]["sentences_judged"] == runs[1]["sentence_verdicts_dropped"] == 0
    assert (
        runs[1]["sentences_reused"] == runs[0]["sentences_embedded"] + runs[0]["sentences_reused"]
    )


def test_question_vectors_are_kept_per_query_backend_and_unasked_ones_dropped(
    indexed_fixture, embedder, tmp_path
):
    _, layout = indexed_fixture
    root = tmp_path / "out"
    shutil.copytree(layout.root, root)
    with Searcher.open(root, embedder=embedder) as searcher:
        first = StoredQueryVectors.for_searcher(searcher)
        a, b = first("palliative care networks"), first("survivorship care plans")
        assert first.save()["questions_encoded"] == 2
        again = StoredQueryVectors.for_searcher(searcher)
        assert again("palliative care networks").tobytes() == a.tobytes()
        assert again.save() == {
            "questions_encoded": 0,
            "questions_reused": 1,
            "question_vectors_dropped": 1,
        }
        other = StoredQueryVectors.for_searcher(searcher, backend="onnx-int8")
        quantised = other("palliative care networks")  # int8's vector, not the float one
        assert quantised.tobytes() != a.tobytes() and float(quantised @ a) > 0.8
        assert other.save()["questions_encoded"] == 1  # another backend's key shares nothing
        assert other.key == query_vector_key(embedder.name, "onnx-int8") != first.key
    assert b.shape == a.shape
