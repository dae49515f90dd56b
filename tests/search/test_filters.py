from dataclasses import replace

import numpy as np
import pytest

from jane_synth.records import DocumentMeta, Theme
from jane_synth.search import FilterError, Filters, Searcher
from jane_synth.store import Store, StoredDocument
from tests.search_helpers import THEMES, FakeEmbedder, build_store


def _doc(**meta) -> StoredDocument:
    return StoredDocument("d", "a/b.pdf", "pdf", DocumentMeta(title="t", **meta), 1, 10)


def test_parse_accepts_pairs_commas_and_dashes():
    f = Filters.parse(["doc_type=evaluation,report", "year-from=2020", "country=Germany"])
    assert f.values == {
        "doc_type": ("evaluation", "report"),
        "year_from": ("2020",),
        "country": ("Germany",),
    }
    assert not Filters.parse([])


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("doc_type", "not KEY=VALUE"),
        ("doc_type=", "not KEY=VALUE"),
        ("colour=red", "unknown filter"),
        ("year_from=recent", "whole years"),
        ("theme=funding", "theme ids"),
    ],
)
def test_parse_rejects_bad_pairs(pair, message):
    with pytest.raises(FilterError, match=message):
        Filters.parse([pair])


def test_from_mapping_skips_empty_form_fields():
    f = Filters.from_mapping({"doc_type": ["evaluation"], "publisher": "", "year_to": ["2022"]})
    assert f.values == {"doc_type": ("evaluation",), "year_to": ("2022",)}


def test_document_conditions():
    doc = _doc(publisher="European Commission", year=2021, doc_type="evaluation", language="en",
               networks=("ern-euracan",), noe_domains=("survivorship",),
               main_noe_domain="palliative-care")  # fmt: skip
    ok = lambda *pairs: Filters.parse(list(pairs)).document_ok(doc)  # noqa: E731
    assert ok("doc_type=Evaluation", "language=en")
    assert ok("doc_type=report,evaluation")
    assert not ok("doc_type=report")
    assert ok("publisher=commission")
    assert not ok("publisher=JANE")
    assert ok("network=ERN-EURACAN") and not ok("network=ern-paedcan")
    assert ok("noe_domain=survivorship") and ok("noe_domain=palliative-care")
    assert not ok("noe_domain=omics-technologies")
    assert ok("year=2021") and not ok("year=2020")
    assert ok("year_from=2021", "year_to=2021") and not ok("year_from=2022")
    assert not ok("year_to=2020")
    assert ok("format=PDF") and not ok("format=html")


def test_missing_year_fails_year_filters_only():
    doc = _doc(year=None)
    assert Filters.parse(["doc_type=report"]).document_ok(doc)
    assert not Filters.parse(["year_from=2000"]).document_ok(doc)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    layout = build_store(tmp_path_factory.mktemp("filters"), FakeEmbedder())
    s = Searcher.open(layout.root, embedder=FakeEmbedder())
    yield s
    s.close()


def _docs(searcher, pairs, query="evaluation workload funding fertility markup soins", mode="bm25"):
    mask = searcher.mask(Filters.parse(pairs))
    hits = searcher.search(query, k=20, mode=mode, filters=Filters.parse(pairs), collapse=False)
    assert {h.doc_id for h in hits} <= {searcher.chunks[r].doc_id for r in np.flatnonzero(mask)}
    return {h.doc_id for h in hits}


def test_mask_over_store(searcher):
    assert searcher.mask(Filters.parse([])) is None
    assert _docs(searcher, ["doc_type=evaluation"]) == {"d-eval", "d-eval-v2"}
    assert _docs(searcher, ["publisher=bbmri"]) == {"d-eric"}
    assert _docs(searcher, ["network=ern-paedcan"]) == {"d-aya"}
    assert _docs(searcher, ["noe_domain=adolescents-young-adults"]) == {"d-aya"}
    assert _docs(searcher, ["language=fr"], query="soins palliatifs") == {"d-fr"}
    assert _docs(searcher, ["year_from=2020", "year_to=2021"]) == {"d-eval", "d-script"}
    assert _docs(searcher, ["doc_type=evaluation", "year=2022"]) == {"d-eval-v2"}
    assert _docs(searcher, ["doc_type=minutes"]) == set()


def test_country_filter_keeps_chunks_naming_the_country(searcher):
    mask = searcher.mask(Filters.parse(["country=Germany"]))
    rows = np.flatnonzero(mask).tolist()
    assert [(searcher.chunks[r].doc_id, searcher.chunks[r].page) for r in rows] == [("d-eval", 1)]
    assert _docs(searcher, ["country=czech republic"], query="fertility") == {"d-aya"}
    assert _docs(searcher, ["country=France,Czech Republic"], mode="dense") == {
        "d-eval",
        "d-aya",
        "d-fr",
    }
    assert not searcher.mask(Filters.parse(["country=Atlantis"])).any()
    assert searcher.country_slugs == ["czech-republic", "france", "germany"]


def test_theme_filter(searcher):
    assert _docs(searcher, ["theme=0"]) == {"d-eval", "d-eval-v2"}
    assert _docs(searcher, ["theme=1"]) == {"d-eric"}
    assert _docs(searcher, ["theme=0,1", "publisher=bbmri"]) == {"d-eric"}


def test_filters_apply_in_every_mode(searcher):
    for mode in ("bm25", "dense", "hybrid"):
        assert _docs(searcher, ["doc_type=factsheet"], mode=mode) <= {"d-aya"}
    hits = searcher.search("workload", k=5, mode="dense", filters=Filters.parse(["year=2023"]))
    assert [h.doc_id for h in hits] == ["d-aya"]


def test_language_filter_applies_to_each_chunk_when_chunk_languages_are_known():
    docs = [_doc(language="en", doc_type="report")]
    chunk_doc, themes = np.array([0, 0]), np.array([-1, -1])
    only_french = Filters.parse(["language=fr"])
    assert only_french.mask(docs, chunk_doc, {}, themes).tolist() == [False, False]
    languages = np.array(["en", "fr"], dtype=object)
    assert only_french.mask(docs, chunk_doc, {}, themes, languages).tolist() == [False, True]
    # Other conditions still hold at document level.
    french_minutes = Filters.parse(["language=fr", "doc_type=minutes"])
    assert french_minutes.mask(docs, chunk_doc, {}, themes, languages).tolist() == [False, False]


def test_with_sub_themes_adds_every_theme_below_a_wanted_one():
    parents = {0: None, 1: 0, 2: 0, 3: None, 4: 3, 5: 1}  # 5 is below 1, which is below 0
    assert Filters.parse(["theme=0"]).with_sub_themes(parents).values == {
        "theme": ("0", "1", "2", "5")
    }
    assert Filters.parse(["theme=4,3", "year=2021"]).with_sub_themes(parents).values == {
        "theme": ("3", "4"),
        "year": ("2021",),
    }
    no_theme = Filters.parse(["year=2021"])
    assert no_theme.with_sub_themes(parents) is no_theme


def test_a_broad_theme_filter_keeps_its_sub_themes_chunks(tmp_path):
    layout = build_store(tmp_path, FakeEmbedder())
    with Store(layout.database) as store:
        assignment = store.chunk_theme_ids()  # chunks stored under sub-themes 0 and 1 only
        broad = Theme(2, "networks at work", ("work",), 3, 3, ())
        subs = [replace(t, parent=2) for t in THEMES]
        store.replace_themes([*subs, broad, Theme(3, "empty", (), 0, 0, ())], assignment)
    with Searcher.open(layout.root, embedder=FakeEmbedder()) as searcher:
        assert _docs(searcher, ["theme=2"]) == {"d-eval", "d-eval-v2", "d-eric"}
        assert _docs(searcher, ["theme=0"]) == {"d-eval", "d-eval-v2"}  # a sub-theme alone
        assert _docs(searcher, ["theme=2", "publisher=bbmri"]) == {"d-eric"}
        assert not searcher.mask(Filters.parse(["theme=3"])).any()
