from dataclasses import dataclass

import numpy as np
import pytest

from jane_synth.themes import (
    CLUSTERERS,
    REDUCERS,
    ChunkInput,
    StageRegistry,
    ThemeModel,
    ThemeSettings,
)
from jane_synth.themes.model import StageChoice
from tests.themes.data import DOCS, IDS, TEXTS, blobs


def test_every_stage_kind_has_its_default_registered():
    defaults = ThemeSettings()
    assert defaults.clusterer.name in CLUSTERERS.names()
    assert {"spectral", "kmeans", "agglomerative", "hdbscan"} <= set(CLUSTERERS.names())
    assert REDUCERS.names() == ("pca",)


def test_create_with_parameters_and_refuse_unknown_or_taken_names():
    assert CLUSTERERS.create("kmeans", {"candidates": (2, 3)}).candidates == (2, 3)
    with pytest.raises(KeyError, match="known: spectral, stability-kmeans"):
        CLUSTERERS.create("dbscan")
    with pytest.raises(ValueError, match="already registered"):
        CLUSTERERS.register("kmeans", dict)


@dataclass
class HalvesClusterer:
    """A toy stage: the first half of the rows one cluster, the second another."""

    def fit_predict(self, points: np.ndarray) -> np.ndarray:
        return (np.arange(points.shape[0]) >= points.shape[0] // 2).astype(int)


def test_a_new_stage_is_one_register_line_and_settings_choose_it():
    registry = StageRegistry[HalvesClusterer]("clusterer")
    registry.register("halves", HalvesClusterer)
    assert registry.names() == ("halves",)
    CLUSTERERS.register("halves-test", HalvesClusterer)
    try:
        settings = ThemeSettings(clusterer=StageChoice("halves-test"))
        fit = ThemeModel.from_settings(settings).fit(ChunkInput(IDS, TEXTS, blobs(), DOCS))
    finally:
        CLUSTERERS._factories.pop("halves-test")
    # Two broad halves, each split again by the same stage into two sub-themes.
    assert [t.size for t in fit.themes if t.parent is None] == [30, 30]
    assert sorted(t.size for t in fit.themes if t.parent is not None) == [15, 15, 15, 15]
