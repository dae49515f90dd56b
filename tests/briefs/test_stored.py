"""Briefs with stored sentence vectors: the same briefs, and a rerun embeds no sentence."""

import dataclasses
import shutil

import pytest

from jane_synth.briefs import brief_to_dict, build_briefs
from jane_synth.briefs.stored import StoredSentenceVectors, stored_vector_counts
from jane_synth.embedding import MODEL_NAME
from jane_synth.evidence import EvidenceSelector
from jane_synth.search import Searcher
from jane_synth.taxonomy import load_taxonomy

pytestmark = pytest.mark.slow


def test_stored_sentence_vectors_give_the_same_briefs_and_are_reused(
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
            selector = EvidenceSelector(searcher, standalone_only=True, vectors=vectors)
            briefs = build_briefs(searcher, taxonomy, selector=selector)
            counts = stored_vector_counts(searcher, vectors)
        runs.append(counts)
        assert [brief_to_dict(b) for b in briefs] == plain
    assert runs[0]["sentences_embedded"] > 0
    assert runs[1]["sentences_embedded"] == 0
    assert (
        runs[1]["sentences_reused"] == runs[0]["sentences_embedded"] + runs[0]["sentences_reused"]
    )
