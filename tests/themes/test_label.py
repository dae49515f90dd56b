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
