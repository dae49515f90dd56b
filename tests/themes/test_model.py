import numpy as np
import pytest

from jane_synth.themes import (
    OUTLIER,
    AgglomerativeClusterer,
    ChunkInput,
    KMeansClusterer,
    PreviousThemes,
    SpectralClusterer,
    StageChoice,
    ThemeModel,
    ThemeSettings,
)
from tests.themes.data import DOCS, IDS, TEXTS, blobs
from tests.themes.planted import planted
from tests.themes.test_select import SOURCES


def _data(ids=IDS, texts=TEXTS, vectors=None, docs=DOCS, languages=()) -> ChunkInput:
    return ChunkInput(ids, texts, blobs() if vectors is None else vectors, docs, languages)


def _previous(fit) -> PreviousThemes:
    parents = {t.theme_id: t.parent for t in fit.themes}
    assignment = {**dict.fromkeys(fit.unassigned, -1), **fit.assignment}
    return PreviousThemes(dict(fit.centroids), parents, assignment)


@pytest.fixture(scope="module")
def planted_fit(embedder):
    texts, topics = planted()
    ids = [f"p{i}" for i in range(len(texts))]
    data = ChunkInput(ids, texts, embedder.encode(texts), [f"d{i}" for i in range(len(texts))])
    return data, topics, ThemeModel().fit(data)


PLANTED_WORDS = {"palliative": "palliative", "sequencing": "sequencing", "grants": "grant"}


def test_three_planted_topics_are_three_themes_named_by_their_words(planted_fit):
    data, topics, fit = planted_fit
    leaves = [t for t in fit.themes if not any(s.parent == t.theme_id for s in fit.themes)]
    assert len(leaves) == 3 and not fit.unassigned
    for theme in leaves:
        members = fit.members(theme.theme_id)
        planted_topic = {topics[data.chunk_ids.index(c)] for c in members}
        assert len(planted_topic) == 1 and len(members) == 15
        # The label a reader sees (not only the keyword list) names the planted topic.
        assert PLANTED_WORDS[planted_topic.pop()] in theme.label, (theme.label, theme.keyphrases)


def test_two_runs_give_identical_themes(planted_fit, embedder):
    data, _, fit = planted_fit
    again = ThemeModel().fit(
        ChunkInput(data.chunk_ids, data.texts, embedder.encode(data.texts), data.doc_ids)
    )
    assert again.themes == fit.themes and dict(again.assignment) == dict(fit.assignment)


def test_ids_stay_when_documents_are_added(planted_fit, embedder):
    data, topics, fit = planted_fit
    extra = ["Hospice volunteers sit with dying patients at night.",
             "Sequencing of tumour genomes finds KRAS mutations."] * 3  # fmt: skip
    grown = ChunkInput(
        [*data.chunk_ids, *(f"n{i}" for i in range(6))],
        [*data.texts, *extra],
        np.concatenate([data.embeddings, embedder.encode(extra)]),
        [*data.doc_ids, *(f"nd{i}" for i in range(6))],
    )
    old_theme = {c: fit.assignment[c] for c in data.chunk_ids}
    for refit in (
        ThemeModel().fit(grown, _previous(fit)),
        ThemeModel().extend(grown, _previous(fit)),
    ):
        assert all(refit.assignment[c] == t for c, t in old_theme.items())
        hospice = fit.assignment[data.chunk_ids[topics.index("palliative")]]
        assert refit.assignment["n0"] == hospice
    fresh = ThemeModel().fit(grown)  # no stored themes: ids follow size order only
    assert {t.theme_id for t in fresh.themes} == set(range(len(fresh.themes)))


def test_incremental_run_without_changes_repeats_the_themes(planted_fit):
    data, _, fit = planted_fit
    again = ThemeModel().extend(data, _previous(fit))
    assert again.themes == fit.themes and dict(again.assignment) == dict(fit.assignment)


def test_outliers_join_a_near_theme_or_stay_unassigned():
    far = np.eye(8)[6:8] * 3
    near = blobs()[:2] + 0.05
    vectors = np.concatenate([blobs(), near, far])
    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [*IDS, "near0", "near1", "far0", "far1"]
    texts = [*TEXTS, "palliative care", "palliative care", "unrelated", "unrelated"]
    docs = [*DOCS, "dn", "dn", "df", "df"]
    model = ThemeModel(
        clusterer=EveryFifthIsNoise(outliers=("near0", "near1", "far0", "far1"), ids=ids),
        split_themes=False,
    )
    fit = model.fit(ChunkInput(ids, texts, vectors, docs))
    assert set(fit.unassigned) == {"far0", "far1"}
    assert fit.assignment["near0"] == fit.assignment["c0"] == fit.assignment["near1"]
    assert fit.unassigned_fraction() == pytest.approx(2 / 64)
    assert not {"far0", "far1"} & {c for t in fit.themes for c in t.representative_chunk_ids}


class EveryFifthIsNoise:
    """A density-style clusterer: groups of 20 rows, the named rows outliers."""

    def __init__(self, outliers=(), ids=()):
        self.outlier_rows = [i for i, c in enumerate(ids) if c in outliers]

    def fit_predict(self, points: np.ndarray) -> np.ndarray:
        labels = np.minimum(np.arange(points.shape[0]) // 20, 2)
        labels[self.outlier_rows] = OUTLIER
        return labels


def test_non_english_chunks_never_form_a_theme():
    french = blobs(seed=3)[:20] * 0 + np.eye(8)[7]  # their own tight group, far from the rest
    vectors = np.concatenate([blobs(), french])
    ids = [*IDS, *(f"fr{i}" for i in range(20))]
    texts = [*TEXTS, *["soins palliatifs et hospices"] * 20]
    languages = ["en"] * 60 + ["fr"] * 20
    fit = ThemeModel(clusterer=KMeansClusterer(candidates=(3, 4)), split_themes=False).fit(
        ChunkInput(ids, texts, vectors, [*DOCS, *["dfr"] * 20], languages)
    )
    assert {c for c in ids if c.startswith("fr")} == set(fit.unassigned)
    assert not any("palliatifs" in t.label for t in fit.themes)


def test_small_themes_are_merged_into_the_nearest():
    class SplitsOneGroup:
        def fit_predict(self, points):
            labels = np.arange(points.shape[0]) // 20
            labels[:3] = 9  # a theme of three rows
            return labels

    fit = ThemeModel(clusterer=SplitsOneGroup(), min_theme_size=5, split_themes=False).fit(_data())
    assert len({fit.assignment[c] for c in IDS[:20]}) == 1
    assert len(set(fit.assignment.values())) == 3  # the three rows joined their group
    assert not fit.unassigned


def test_theme_model_on_empty_input():
    fit = ThemeModel().fit(ChunkInput([], [], np.zeros((0, 8)), []))
    assert fit.themes == () and not fit.assignment


def test_reference_lists_get_no_theme_and_urls_never_label_one():
    ids = [f"c{i}" for i in range(61)]
    vectors = np.concatenate([blobs(), blobs()[:1]])
    fit = ThemeModel(clusterer=KMeansClusterer(candidates=(3,)), split_themes=False).fit(
        ChunkInput(ids, [*TEXTS, SOURCES], vectors, ids)
    )
    assert "c60" not in fit.assignment and "c60" not in fit.unassigned
    labels = " ".join(p for t in fit.themes for p in t.keyphrases)
    assert "https" not in labels and "www" not in labels


def test_default_settings_build_the_default_model():
    assert ThemeModel.from_settings(ThemeSettings()) == ThemeModel()
    assert isinstance(ThemeModel().clusterer, SpectralClusterer)


def test_settings_swap_in_an_agglomerative_clusterer():
    settings = ThemeSettings(
        clusterer=StageChoice.of("agglomerative", n_clusters=3), split_themes=False
    )
    model = ThemeModel.from_settings(settings)
    assert model.clusterer == AgglomerativeClusterer(n_clusters=3)
    fit = model.fit(_data())
    leaves = [t for t in fit.themes if t.theme_id in set(fit.assignment.values())]
    assert sorted(t.size for t in leaves) == [20, 20, 20] and len(fit.assignment) == 60


def test_a_clusterer_with_a_bad_label_is_refused():
    class Broken:
        def fit_predict(self, points: np.ndarray) -> np.ndarray:
            return np.full(points.shape[0], -2)

    with pytest.raises(ValueError, match="-1 for an outlier"):
        ThemeModel(clusterer=Broken()).fit(_data())


def test_settings_from_a_mapping():
    settings = ThemeSettings.from_mapping(
        {
            "clusterer": {"name": "hdbscan", "min_cluster_size": 4},
            "reducer": {"name": "pca", "n_components": 8},
            "min_theme_size": 8,
        }
    )
    assert settings.clusterer == StageChoice.of("hdbscan", min_cluster_size=4)
    assert settings.reducer.params == (("n_components", 8),) and settings.min_theme_size == 8
    assert settings.labeler == ThemeSettings().labeler
    with pytest.raises(ValueError, match="unknown theme stages: clusterr"):
        ThemeSettings.from_mapping({"clusterr": {"name": "kmeans"}})


def test_each_broad_theme_is_split_into_sub_themes_with_it_as_parent():
    rng = np.random.default_rng(1)
    centres = np.array([[3, 0.8, 0, 0], [3, -0.8, 0, 0], [0, 0, 3, 0.8], [0, 0, 3, -0.8]])
    vectors = np.concatenate([c + rng.normal(scale=0.05, size=(15, 4)) for c in centres])
    ids = [f"c{i}" for i in range(60)]
    fit = ThemeModel(clusterer=KMeansClusterer(candidates=(2,))).fit(
        ChunkInput(ids, TEXTS, vectors, ids)
    )
    broad = [t for t in fit.themes if t.parent is None]
    assert [t.size for t in broad] == [30, 30]
    for t in broad:
        subs = [s for s in fit.themes if s.parent == t.theme_id]
        assert sorted(s.size for s in subs) == [15, 15]
        assert set(fit.members(t.theme_id)) == {c for s in subs for c in fit.members(s.theme_id)}
