import pytest

from jane_synth.search import Searcher, SearchRequest
from jane_synth.web.service import SearchService, page_url, term_segments
from tests.search_helpers import FakeEmbedder, build_store


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    layout = build_store(tmp_path_factory.mktemp("service"), FakeEmbedder())
    searcher = Searcher.open(layout.root, embedder=FakeEmbedder())
    yield SearchService(searcher, layout.database)
    searcher.close()


def test_page_is_found_only_within_the_document(service):
    doc, text = service.page("d-eval", 2)
    assert doc.doc_id == "d-eval" and "workload" in text
    for page in (0, -1, 3, 10**30):
        assert service.page("d-eval", page) is None
    assert service.page("nope", 1) is None


def test_search_and_hit_rows_link_to_their_pages(service):
    hits = service.search(SearchRequest.parse("oncofertility", 3, "bm25"))
    row = service.hit_json(hits[0], "oncofertility", back="q=oncofertility")
    assert row["doc_id"] == "d-aya" and row["publisher"] == "JANE-2" and row["year"] == 2023
    assert (
        row["url"].startswith("/doc/d-aya/page/1?q=oncofertility&chunk=") and "#hit" in row["url"]
    )


def test_facets_list_what_the_store_holds(service):
    assert ("factsheet", "factsheet") in service.facets["doc_type"]
    assert [v for v, _ in service.facets["theme"]] == ["0", "1"]


def test_page_url_and_term_segments():
    assert page_url("a/b", 2) == "/doc/a%2Fb/page/2"
    assert term_segments("Boards govern networks.", "governance") == [
        ("Boards ", False), ("govern", True), (" networks.", False)]  # fmt: skip
    assert term_segments("text", "") == [("text", False)]
