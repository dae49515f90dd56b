"""The Searcher end to end on a small store, with the real embedding model."""

import pytest
import torch
from threadpoolctl import threadpool_info

from jane_synth.chunking import chunk_id_for, text_hash
from jane_synth.records import Chunk
from jane_synth.search import Filters, IndexNotBuiltError, Searcher, SearchSettings
from jane_synth.store import Store
from tests.search_helpers import build_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def layout(tmp_path_factory, embedder):
    return build_store(tmp_path_factory.mktemp("searcher"), embedder)


@pytest.fixture()
def searcher(layout, embedder):
    s = Searcher.open(layout.root, embedder=embedder)
    yield s
    s.close()


def test_hybrid_finds_the_passage_with_citation_and_snippet(searcher):
    hits = searcher.search("CPMS workload of virtual case discussions", k=3)
    top = hits[0]
    assert top.doc_id in {"d-eval", "d-eval-v2"}
    assert (top.title, top.page) in {
        ("ERN evaluation report 2021", 2),
        ("ERN evaluation report 2021 (revised)", 1),
    }
    assert "**workload**" in top.snippet and "**case**" in top.snippet
    assert top.path.startswith("ern/evaluation-2021")


def test_near_identical_passages_collapse_into_one_hit_citing_both(searcher):
    hits = searcher.search("clinical patient management system workload", k=5)
    shared = [h for h in hits if h.doc_id in {"d-eval", "d-eval-v2"} and "workload" in h.text]
    assert len(shared) == 1
    sources = {(shared[0].doc_id, shared[0].page)} | {(c.doc_id, c.page) for c in shared[0].also_in}
    assert sources == {("d-eval", 2), ("d-eval-v2", 1)}
    assert {c.title for c in shared[0].also_in} <= {
        "ERN evaluation report 2021",
        "ERN evaluation report 2021 (revised)",
    }
    apart = searcher.search("clinical patient management system workload", k=5, collapse=False)
    assert {h.doc_id for h in apart[:2]} == {"d-eval", "d-eval-v2"}
    assert all(not h.also_in for h in apart)


def test_collapse_still_returns_k_distinct_hits(searcher):
    hits = searcher.search("network evaluation funding fertility", k=5)
    assert len(hits) == 5
    assert len({h.chunk_id for h in hits}) == 5


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_every_mode_answers_and_is_deterministic(searcher, mode):
    first = searcher.search("fertility preservation for young adults", k=3, mode=mode)
    again = searcher.search("fertility preservation for young adults", k=3, mode=mode)
    assert first[0].doc_id == "d-aya"
    assert first == again


def test_unknown_mode_is_refused(searcher):
    with pytest.raises(ValueError, match="unknown search mode"):
        searcher.search("x", mode="magic")  # type: ignore[arg-type]


def test_weighted_fusion_setting(layout, embedder):
    settings = SearchSettings(fusion="weighted", alpha=0.5, normalise="zscore")
    with Searcher.open(layout.root, embedder=embedder, settings=settings) as s:
        assert s.search("how are ERICs funded", k=1)[0].doc_id == "d-eric"


def test_filters_and_text_kept_verbatim(searcher):
    hits = searcher.search("markup injection", k=3, filters=Filters.parse(["doc_type=webpage"]))
    assert [h.doc_id for h in hits] == ["d-script"]
    assert '<script>alert("xss")</script>' in hits[0].text
    assert searcher.search("markup", filters=Filters.parse(["doc_type=minutes"])) == []


def test_thread_caps_are_restored_after_a_query(searcher):
    torch_before = torch.get_num_threads()
    blas_before = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
    searcher.search("governance", k=3)
    assert torch.get_num_threads() == torch_before
    assert [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"] == blas_before


def test_open_refuses_a_missing_or_stale_index(tmp_path, layout, embedder):
    with pytest.raises(IndexNotBuiltError, match="jane-synth run"):
        Searcher.open(tmp_path / "nothing", embedder=embedder)
    stale = build_store(tmp_path / "stale", embedder)
    with Store(stale.database) as store:
        text = "A chunk added after the index was built."
        store.replace_chunks(
            "d-aya",
            [*store.chunks(["d-aya"]),
             Chunk(chunk_id_for("d-aya", 1, 0, 1), "d-aya", 1, 0, 1, 9, text, text_hash(text))],
        )  # fmt: skip
    with pytest.raises(IndexNotBuiltError, match="out of date"):
        Searcher.open(stale.root, embedder=embedder)


def test_the_current_version_leads_a_collapsed_hit(searcher):
    from dataclasses import replace

    searcher.documents["d-eval"] = replace(searcher.documents["d-eval"], superseded_by="d-eval-v2")
    hits = searcher.search("clinical patient management system workload", k=5)
    (shared,) = [h for h in hits if h.doc_id in {"d-eval", "d-eval-v2"} and "workload" in h.text]
    assert shared.doc_id == "d-eval-v2"
    assert [(c.doc_id, c.page) for c in shared.also_in] == [("d-eval", 2)]
