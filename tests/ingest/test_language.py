"""Language identification: EU languages, other scripts, short text, and the unpacked model."""

from __future__ import annotations

import os

import pytest

from jane_synth.ingest import language
from jane_synth.ingest.language import _identifier, _load_identifier, detect_language

SAMPLES = {
    "en": "The network's board meets twice a year and reports to the Member States.",
    "fr": "Le réseau se réunit deux fois par an et rend compte aux États membres.",
    "de": "Das Netzwerk trifft sich zweimal im Jahr und berichtet den Mitgliedstaaten.",
    "it": "La rete si riunisce due volte l'anno e riferisce agli Stati membri.",
    "pl": "Sieć spotyka się dwa razy w roku i składa sprawozdania państwom członkowskim.",
}


def test_eu_languages_are_identified_and_short_text_gets_the_default():
    for code, text in SAMPLES.items():
        assert detect_language(text) == code
    assert detect_language("Too short.", default="en") == "en"
    assert detect_language("这是一个关于欧洲癌症网络的句子，它足够长，可以被识别出来。" * 2) == "zh"


def test_the_unpacked_model_scores_exactly_as_the_packed_one(tmp_path):
    unpacked = _load_identifier(tmp_path)
    packed = _load_identifier(None)
    assert len(list(tmp_path.glob("model-*.npz"))) == 1 and not list(tmp_path.glob("*.tmp"))
    for text in [*SAMPLES.values(), "ERN CPMS ePAG BBMRI-ERIC ECRIN EATRIS"]:
        assert unpacked.classify(text) == packed.classify(text)
    again = _load_identifier(tmp_path)  # read from the cache, not unpacked again
    assert again.classify(SAMPLES["de"]) == packed.classify(SAMPLES["de"])


def test_a_broken_cache_falls_back_to_the_packed_model(tmp_path, caplog, monkeypatch):
    target = language._unpacked_model(tmp_path)
    target.write_bytes(b"not an npz file")
    os.utime(target)
    ident = _load_identifier(tmp_path)
    assert "language model cache not used" in caplog.text
    assert ident.classify(SAMPLES["fr"])[0] == "fr"


@pytest.fixture(autouse=True)
def _fresh_identifiers():
    _identifier.cache_clear()
    yield
    _identifier.cache_clear()
