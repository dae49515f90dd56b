"""Every registered retriever keeps one contract; a new one is its class plus one register()."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jane_synth.search import (
    IndexNotBuiltError,
    Searcher,
    register,
    retriever_names,
    search_modes,
)
from jane_synth.search.retrievers import (
    IndexContext,
    IndexRows,
    VectorRetriever,
    get_retriever,
    unregister,
)
from jane_synth.search.settings import SearchSettings
from jane_synth.store import Store
from tests.search_helpers import FakeEmbedder, build_store


class ExactPhraseRetriever:
    """A toy retriever: 1 for chunks that contain the query verbatim (ignoring case)."""

    name = "phrase"
    positive_only = True

    def __init__(self, texts: list[str]):
        self.texts = [t.lower() for t in texts]

    @classmethod
    def build(cls, rows: IndexRows, folder: Path, settings: SearchSettings) -> dict[str, int]:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "rows.txt").write_text("\n".join(rows.chunk_ids))
        return {"rows": len(rows.chunks)}

    @classmethod
    def load(cls, context: IndexContext) -> ExactPhraseRetriever:
        if not (context.folder / "rows.txt").is_file():
            raise IndexNotBuiltError.missing(context.root, "no phrase index")
        return cls(context.rows.texts)

    def score(self, query: str) -> np.ndarray:
        q = query.lower()
        return np.array([1.0 if q in t else 0.0 for t in self.texts], dtype=np.float32)

    def vectors(self, rows: np.ndarray) -> np.ndarray | None:
        return None


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("contract"), FakeEmbedder())


def test_bm25_and_dense_are_registered_and_modes_follow_the_registry():
    assert retriever_names()[:2] == ("bm25", "dense")
    assert get_retriever("dense").score_vector and not hasattr(
        get_retriever("bm25"), "score_vector"
    )
    assert search_modes() == ("hybrid", *retriever_names())
    with pytest.raises(ValueError, match="unknown retriever"):
        get_retriever("nope")


@pytest.mark.parametrize("name", retriever_names())
def test_contract(name, layout):
    """Build, load and score: one float32 score per row, the exact phrase ranks its chunk."""
    cls = get_retriever(name)
    assert cls.name == name
    with Store(layout.database) as store:
        from jane_synth.search.index import index_rows, retriever_folder

        rows = index_rows(store)
        figures = cls.build(rows, retriever_folder(layout, name), SearchSettings())
        assert all(isinstance(v, int) for v in figures.values())
        context = IndexContext(layout.root, retriever_folder(layout, name), store,
                               FakeEmbedder(), rows, SearchSettings())  # fmt: skip
        retriever = cls.load(context)
        query = "fertility preservation counselling"
        scores = retriever.score(query)
        assert scores.shape == (len(rows.chunks),) and scores.dtype == np.float32
        best = int(np.argmax(scores))
        assert rows.chunks[best].doc_id == "d-aya"
        np.testing.assert_array_equal(scores, retriever.score(query))  # deterministic
        if isinstance(retriever, VectorRetriever):  # an encoded query scores as the query does
            vector = FakeEmbedder().encode_query(query)
            np.testing.assert_allclose(retriever.score_vector(vector), scores, atol=1e-6)
        vectors = retriever.vectors(np.array([0, 1]))
        assert vectors is None or vectors.shape[0] == 2
        assert isinstance(retriever.positive_only, bool)
        if retriever.positive_only:
            assert not retriever.score("zebra unicorn").any()
        # A store whose chunks changed since the build is refused as stale.
        fewer = IndexRows(rows.chunks[1:], rows.titles[1:])
        stale = IndexContext(layout.root, retriever_folder(layout, name), store,
                             FakeEmbedder(), fewer, SearchSettings())  # fmt: skip
        with pytest.raises(IndexNotBuiltError, match=r"out of date|no search index"):
            cls.load(stale)


@pytest.fixture()
def toy_registered():
    register(ExactPhraseRetriever)
    yield
    unregister("phrase")


def test_a_toy_retriever_searches_alone_and_in_hybrid(tmp_path, toy_registered):
    assert "phrase" in search_modes()
    layout = build_store(tmp_path, FakeEmbedder())  # builds every registered retriever
    assert (layout.root / "index" / "phrase" / "rows.txt").is_file()
    with Searcher.open(layout.root, embedder=FakeEmbedder()) as searcher:
        assert list(searcher.retrievers) == [*retriever_names()]
        alone = searcher.search("oncofertility services", mode="phrase", k=5)
        assert [h.doc_id for h in alone] == ["d-aya"]
        assert searcher.search("no chunk says this", mode="phrase") == []
        hybrid = searcher.rank("oncofertility services", k=5, mode="hybrid")
        # The toy's candidates join the fusion: its only match leads the hybrid ranking.
        assert searcher.chunks[hybrid[0][0]].doc_id == "d-aya"
        scores = {n: searcher.retrievers[n].score("oncofertility services")
                  for n in searcher.retrievers}  # fmt: skip
        with_toy = searcher.rank_scores(scores, 3)
        without = searcher.rank_scores({n: s for n, s in scores.items() if n != "phrase"}, 3)
        assert [r for r, _ in with_toy] != [] and with_toy != without
    unregister("phrase")
    assert "phrase" not in search_modes()


def test_the_hybrid_mode_and_empty_names_are_reserved():
    class Bad(ExactPhraseRetriever):
        name = "hybrid"

    with pytest.raises(ValueError, match="cannot be called"):
        register(Bad)
