import bm25s
import Stemmer

from jane_synth.search.tokenize import query_terms, terms_of, tokenize

TEXTS = [
    "Governance of the European Reference Networks and their governing boards.",
    "AYA fertility-preservation services: 15-39 year olds, in 2023!",
    "a an the of",
    "",
]


def test_same_terms_as_bm25s_tokenize():
    expected = bm25s.tokenize(
        TEXTS, stopwords="en", stemmer=Stemmer.Stemmer("english"), return_ids=False,
        show_progress=False,
    )  # fmt: skip
    assert tokenize(TEXTS) == expected


def test_stems_and_stop_words():
    assert terms_of("The networks networked") == ["network", "network"]
    assert terms_of("of the and") == []


def test_query_terms_are_distinct_in_order():
    assert query_terms("funding models, funded ERICs funding") == ["fund", "model", "eric"]
