import numpy as np
import pytest

from jane_synth.themes import (
    OUTLIER,
    AgglomerativeClusterer,
    KMeansClusterer,
    StageChoice,
    ThemeModel,
    ThemeSettings,
)
from tests.themes.data import DOCS, IDS, TEXTS, blobs
from tests.themes.test_select import SOURCES


def test_theme_model_is_deterministic_and_covers_every_chunk():
    model = ThemeModel(clusterer=KMeansClusterer(candidates=(2, 3, 4)))
    themes, assignment = model.fit(IDS, TEXTS, blobs(), DOCS)
    again, assignment2 = ThemeModel(clusterer=KMeansClusterer(candidates=(2, 3, 4))).fit(
        IDS, TEXTS, blobs(), DOCS
    )
    assert themes == again and assignment == assignment2
    assert set(assignment) == set(IDS)
    assert sum(t.size for t in themes) == 60
    assert [t.theme_id for t in themes] == list(range(len(themes)))
    for t in themes:
        reps = t.representative_chunk_ids
        assert len({DOCS[int(r[1:])] for r in reps}) == len(reps)  # one per document


def test_theme_model_on_empty_input():
    assert ThemeModel().fit([], [], np.zeros((0, 8)), []) == ([], {})


def test_reference_lists_get_no_theme_and_urls_never_label_one():
    ids = [f"c{i}" for i in range(61)]
    texts = [*TEXTS, SOURCES]
    vectors = np.concatenate([blobs(), blobs()[:1]])
    themes, assignment = ThemeModel(clusterer=KMeansClusterer(candidates=(3,))).fit(
        ids, texts, vectors, ids
    )
    assert "c60" not in assignment and len(assignment) == 60
    labels = " ".join(p for t in themes for p in t.keyphrases)
    assert "https" not in labels and "www" not in labels


def test_default_settings_build_the_default_model():
    assert ThemeModel.from_settings(ThemeSettings()) == ThemeModel()


def test_settings_swap_in_an_agglomerative_clusterer():
    settings = ThemeSettings(clusterer=StageChoice.of("agglomerative", n_clusters=3))
    model = ThemeModel.from_settings(settings)
    assert model.clusterer == AgglomerativeClusterer(n_clusters=3)
    themes, assignment = model.fit(IDS, TEXTS, blobs(), DOCS)
    assert sorted(t.size for t in themes) == [20, 20, 20] and len(assignment) == 60
    assert {t.label.split(",")[0] for t in themes} != {""}


class EveryFifthIsNoise:
    """A density-style clusterer: groups of 20 rows, every fifth row an outlier."""

    def fit_predict(self, points: np.ndarray) -> np.ndarray:
        labels = np.arange(points.shape[0]) // 20
        labels[::5] = OUTLIER
        return labels


def test_outliers_never_become_a_theme_nor_join_one():
    themes, assignment = ThemeModel(clusterer=EveryFifthIsNoise()).fit(IDS, TEXTS, blobs(), DOCS)
    outliers = {IDS[i] for i in range(0, 60, 5)}
    assert len(themes) == 3 and [t.size for t in themes] == [16, 16, 16]
    assert sorted(assignment.values()) == sorted([0, 1, 2] * 16)
    assert not outliers & set(assignment)
    assert not outliers & {c for t in themes for c in t.representative_chunk_ids}
    assert all(t.theme_id >= 0 for t in themes)


def test_all_outliers_give_no_theme():
    class AllNoise:
        def fit_predict(self, points: np.ndarray) -> np.ndarray:
            return np.full(points.shape[0], OUTLIER)

    assert ThemeModel(clusterer=AllNoise()).fit(IDS, TEXTS, blobs(), DOCS) == ([], {})


def test_a_clusterer_with_a_bad_label_is_refused():
    class Broken:
        def fit_predict(self, points: np.ndarray) -> np.ndarray:
            return np.full(points.shape[0], -2)

    with pytest.raises(ValueError, match="-1 for an outlier"):
        ThemeModel(clusterer=Broken()).fit(IDS, TEXTS, blobs(), DOCS)


def test_settings_from_a_mapping():
    settings = ThemeSettings.from_mapping(
        {
            "clusterer": {"name": "hdbscan", "min_cluster_size": 4},
            "reducer": {"name": "pca", "n_components": 8},
        }
    )
    assert settings.clusterer == StageChoice.of("hdbscan", min_cluster_size=4)
    assert (
        settings.reducer.params == (("n_components", 8),)
        and settings.labeler == ThemeSettings().labeler
    )
    with pytest.raises(ValueError, match="unknown theme stages: clusterr"):
        ThemeSettings.from_mapping({"clusterr": {"name": "kmeans"}})
