import numpy as np

from jane_synth.themes import ClassTfidfLabeler
from tests.themes.data import TEXTS


def test_class_tfidf_labels_name_each_cluster():
    labels = np.repeat([0, 1, 2], 20)
    phrases = ClassTfidfLabeler(top_n=3).keyphrases(TEXTS, labels)
    assert any("palliative" in p for p in phrases[0])
    assert any("genomic" in p or "ngs" in p for p in phrases[1])
    assert any("funding" in p or "grants" in p for p in phrases[2])


def test_no_phrase_contains_another_and_addresses_never_label():
    texts = ["see https://www.eurordis.org/epags for patient advocacy groups"] * 3 + [
        "hospice beds"
    ] * 3
    phrases = ClassTfidfLabeler(top_n=4).keyphrases(texts, np.repeat([0, 1], 3))
    for picked in phrases.values():
        assert not any(a != b and a in b for a in picked for b in picked)
    assert not any("https" in p or "www" in p for p in phrases[0])
