import dataclasses

import pytest

from jane_synth.search.settings import BM25Params, SearchSettings


def test_settings_are_frozen_and_hold_every_tunable():
    s = SearchSettings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.alpha = 0.9  # type: ignore[misc]
    names = {f.name for f in dataclasses.fields(SearchSettings)}
    assert {"fusion", "alpha", "weights", "normalise", "rrf_k", "candidates", "threads", "bm25",
            "near_duplicate_jaccard", "version_duplicate_overlap"} <= names  # fmt: skip
    assert s.bm25 == BM25Params(k1=1.2, b=0.75)
    assert hash(s) == hash(SearchSettings())


def test_alpha_splits_bm25_and_dense_and_weights_win():
    s = SearchSettings(alpha=0.25)
    assert (s.weight_of("bm25"), s.weight_of("dense")) == (0.75, 0.25)
    assert SearchSettings(weights=(("dense", 2.0),)).weight_of("dense") == 2.0
    assert SearchSettings(default_weight=0.1).weight_of("title") == 0.1
