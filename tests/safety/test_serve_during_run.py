"""A searcher (what ``jane-synth serve`` holds) keeps answering while a run rewrites the store."""

from __future__ import annotations

import pytest

from jane_synth.search import IndexNotBuiltError, Searcher
from jane_synth.search.index import build_search_index
from jane_synth.store import Store
from tests.search_helpers import DOCS, FakeEmbedder, build_store


def test_an_open_searcher_answers_from_the_index_it_loaded(tmp_path):
    embedder = FakeEmbedder()
    layout = build_store(tmp_path, embedder)
    searcher = Searcher.open(tmp_path, embedder=embedder)
    try:
        before = [(h.chunk_id, h.score) for h in searcher.search("network workload", k=5)]
        assert before
        with Store(layout.database) as store:  # a run: one document's chunks replaced ...
            store.replace_chunks(DOCS[0].doc_id, [])
            with pytest.raises(IndexNotBuiltError):  # ... a new reader refuses the half state
                Searcher.open(tmp_path, embedder=embedder)
            build_search_index(store, layout)  # ... then the index is rebuilt
        after = [(h.chunk_id, h.score) for h in searcher.search("network workload", k=5)]
        assert after == before  # the open searcher still answers from its complete index
    finally:
        searcher.close()
    with Searcher.open(tmp_path, embedder=embedder) as fresh:  # a restart sees the new one
        assert all(h.doc_id != DOCS[0].doc_id for h in fresh.search("network workload", k=5))
