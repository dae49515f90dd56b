"""Each consistency check passes on a sound store and fails on the fault it looks for."""

from __future__ import annotations

import json

import numpy as np
import pytest

from jane_synth.chunking import chunk_id_for, text_hash
from jane_synth.config import OutputLayout
from jane_synth.integrity import (
    chunk_problems,
    documents_without_chunks,
    index_matches_store,
    missing_briefs,
    theme_coverage,
    vector_problems,
)
from jane_synth.records import Chunk, Theme
from jane_synth.search.index import build_search_index
from jane_synth.store import Store
from tests.store.factories import outcome, parsed

MODEL, DIM = "test-model", 8
TEXT = (
    "The Board of Member States approves every European Reference Network after assessment. "
    "EURACAN gathers one hundred and two centres in eighteen countries for rare adult cancers. "
    "Networks report their activity every year through a common monitoring framework."
)


def _chunks(doc_id: str) -> list[Chunk]:
    spans = [(0, 87), (88, 178)]
    return [
        Chunk(chunk_id_for(doc_id, 1, a, b), doc_id, 1, a, b, i, TEXT[a:b], text_hash(TEXT[a:b]))
        for i, (a, b) in enumerate(spans)
    ]


def _unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=DIM).astype(np.float32)
    return v / np.linalg.norm(v)


@pytest.fixture
def store(tmp_path):
    with Store(OutputLayout(tmp_path).database) as s:
        for doc_id in ("d1", "d2"):
            s.record(
                outcome(f"{doc_id}.md", doc_id), doc_id * 8, parsed(doc_id, f"{doc_id}.md", TEXT)
            )
            chunks = _chunks(doc_id)
            s.replace_chunks(doc_id, chunks)
            s.put_embeddings(MODEL, [c.text_hash for c in chunks], [_unit(i) for i in range(2)])
        yield s


def test_a_sound_store_passes_every_check(store, tmp_path):
    build_search_index(store, OutputLayout(tmp_path))
    assert chunk_problems(store).passed
    assert documents_without_chunks(store).passed
    assert vector_problems(store, MODEL, DIM).passed
    assert index_matches_store(store, OutputLayout(tmp_path)).passed


def test_empty_and_duplicate_chunks_fail(store):
    store.conn.execute(
        "INSERT INTO chunks (chunk_id, doc_id, page, start, end, seq, text, text_hash, entities)"
        " SELECT 'copy', doc_id, page, start, end, 9, text, text_hash, entities FROM chunks"
        " WHERE doc_id = 'd1' AND seq = 0"
    )
    store.conn.execute("UPDATE chunks SET text = '  ' WHERE doc_id = 'd2' AND seq = 1")
    found = chunk_problems(store)
    assert not found.passed
    assert found.figures["empty_chunks"] == 1 and found.figures["duplicate_chunks"] == 1


def test_wrong_dimension_wrong_norm_and_orphan_vectors_fail(store):
    hashes = [c.text_hash for c in _chunks("d1")]
    store.put_embeddings(MODEL, hashes[:1], [np.ones(DIM + 1, dtype=np.float32)])
    store.put_embeddings(MODEL, hashes[1:], [2 * _unit(1)])
    store.put_embeddings(MODEL, ["no-such-chunk"], [_unit(3)])
    found = vector_problems(store, MODEL, DIM)
    assert not found.passed
    assert (found.figures["wrong_dimension"], found.figures["wrong_norm"]) == (1, 1)
    assert found.figures["orphan_vectors"] == 1


def test_an_index_over_other_chunks_or_none_fails(store, tmp_path):
    layout = OutputLayout(tmp_path)
    assert not index_matches_store(store, layout).passed  # not built
    build_search_index(store, layout)
    store.replace_chunks("d2", _chunks("d2")[:1])  # the store moved on; the index did not
    found = index_matches_store(store, layout)
    assert not found.passed and found.figures == {"chunks": 3, "index_rows": 4}


def test_a_document_without_chunks_fails(store):
    store.replace_chunks("d2", [])
    found = documents_without_chunks(store)
    assert not found.passed and found.examples == ["d2.md"]


def test_chunks_missing_from_the_theme_run_fail_and_the_unassigned_share_is_reported(store):
    ids = [c.chunk_id for c in store.chunks()]
    store.replace_themes(
        [Theme(0, "networks", ("network",), 2, 2, ())], {ids[0]: 0, ids[1]: 0}, [ids[2]]
    )
    keep_all = lambda texts: np.ones(len(texts), dtype=bool)  # noqa: E731
    found = theme_coverage(store, keep_all)
    assert not found.passed and found.examples == [ids[3]]
    assert found.figures["unassigned_fraction"] == round(1 / 3, 4)
    keep_none = lambda texts: np.zeros(len(texts), dtype=bool)  # noqa: E731
    assert theme_coverage(store, keep_none).passed  # left out by the selector: fine
    store.replace_themes([], {})
    assert not theme_coverage(store, keep_none).passed  # no themes at all


def test_a_missing_or_empty_brief_fails(tmp_path):
    for slug in ("survivorship", "palliative-care"):
        (tmp_path / f"{slug}.md").write_text("# brief\n")
        (tmp_path / f"{slug}.json").write_text(json.dumps({}))
    (tmp_path / "palliative-care.md").write_text("")
    found = missing_briefs(tmp_path, ["survivorship", "palliative-care", "aya"], [".md", ".json"])
    assert not found.passed
    assert found.examples == ["palliative-care.md", "aya.md", "aya.json"]
    assert missing_briefs(tmp_path, ["survivorship"], [".md", ".json"]).passed
