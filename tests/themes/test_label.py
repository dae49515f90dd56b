import numpy as np

from jane_synth.themes import ClassTfidfLabeler
from tests.themes.data import TEXTS


def test_class_tfidf_labels_name_each_cluster():
    labels = np.repeat([0, 1, 2], 20)
    phrases = ClassTfidfLabeler(top_n=3).keyphrases(TEXTS, labels)
    assert any("palliative" in p for p in phrases[0])
    assert any("genomic" in p or "ngs" in p for p in phrases[1])
    assert any("funding" in p or "grants" in p for p in phrases[2])


def test_domain_words_never_label_and_bigrams_do():
    texts = ["the European cancer network JANE funds hospice beds"] * 3 + [
        "European Reference Networks of expertise share genomic testing"
    ] * 3
    labeler = ClassTfidfLabeler(top_n=4)
    phrases = labeler.keyphrases(texts, np.repeat([0, 1], 3))
    words = " ".join(p for ps in phrases.values() for p in ps).split()
    for generic in ("european", "cancer", "network", "networks", "jane", "expertise"):
        assert generic not in words
    assert "hospice beds" in phrases[0] or "genomic testing" in phrases[1]
    assert labeler.label(["hospice beds", "funds", "x"]) == "hospice beds / funds / x"


def test_no_phrase_shares_a_word_with_another_and_addresses_never_label():
    texts = ["see https://www.eurordis.org/epags for patient advocacy groups"] * 3 + [
        "hospice beds"
    ] * 3
    phrases = ClassTfidfLabeler(top_n=4).keyphrases(texts, np.repeat([0, 1], 3))
    for picked in phrases.values():
        words = [w for p in picked for w in p.split()]
        assert len(words) == len(set(words))
    assert not any("https" in p or "www" in p for p in phrases[0])


def _bundled_texts() -> list[str]:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "corpus"
    return [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))]


def test_phrase_counts_are_count_vectorizers_on_the_bundled_corpus():
    """The labeler counts without scikit-learn; what it counts is what CountVectorizer (the
    labeler's counter before) counts with the same pattern and stop words."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN_STOP_WORDS
    from sklearn.feature_extraction.text import CountVectorizer

    from jane_synth.themes.label import STOP_WORDS, phrase_counts
    from jane_synth.themes.stop_words import ENGLISH_STOP_WORDS

    assert ENGLISH_STOP_WORDS == SKLEARN_STOP_WORDS
    texts = [*_bundled_texts(), "Ünïcode café-bar e-Health C++ a-b x", "", "the and of"]
    assert len(texts) > 20
    for ngrams, min_df in (((1, 2), 1), ((1, 1), 1), ((2, 3), 2)):
        reference = CountVectorizer(
            ngram_range=ngrams, stop_words=sorted(STOP_WORDS), min_df=min_df,
            token_pattern=r"(?u)\b[A-Za-z][A-Za-z+\-]{2,}\b",
        )  # fmt: skip
        expected = reference.fit_transform(texts).toarray()
        terms, counts = phrase_counts(texts, ngrams, min_df)
        assert terms.tolist() == reference.get_feature_names_out().tolist()
        assert np.array_equal(counts, expected)


def test_phrase_counts_of_stop_words_only_are_empty_and_label_nothing():
    from jane_synth.themes.label import phrase_counts

    terms, counts = phrase_counts(["the and of", "a an"], (1, 2))
    assert len(terms) == 0 and counts.shape == (2, 0)
    assert ClassTfidfLabeler().keyphrases(["the and of"] * 2, np.array([0, 1])) == {0: [], 1: []}
