import numpy as np

from jane_synth.themes import (
    OUTLIER,
    AgglomerativeClusterer,
    HDBSCANClusterer,
    KMeansClusterer,
    SpectralClusterer,
    StabilityKMeans,
)
from tests.themes.data import blobs


def _recovers_three_groups(labels: np.ndarray) -> bool:
    groups = [labels[i * 20 : (i + 1) * 20] for i in range(3)]
    return all(len(set(g)) == 1 for g in groups) and len({g[0] for g in groups}) == 3


def test_kmeans_clusterer_recovers_separated_groups():
    clusterer = KMeansClusterer(candidates=(2, 3, 4, 5))
    labels = clusterer.fit_predict(blobs())
    assert clusterer.chosen_k == 3
    assert _recovers_three_groups(labels)


def test_agglomerative_clusterer_recovers_separated_groups():
    assert _recovers_three_groups(AgglomerativeClusterer(n_clusters=3).fit_predict(blobs()))
    assert AgglomerativeClusterer().fit_predict(blobs()[:1]).tolist() == [0]


def test_hdbscan_labels_isolated_points_as_outliers():
    far = np.eye(8)[5:8] * 3  # three lone points, each far from every group and each other
    points = np.concatenate([blobs(), far / np.linalg.norm(far, axis=1, keepdims=True)])
    labels = HDBSCANClusterer(min_cluster_size=5).fit_predict(points)
    assert labels[-3:].tolist() == [OUTLIER] * 3
    assert _recovers_three_groups(labels[:60])
    assert HDBSCANClusterer(min_cluster_size=5).fit_predict(blobs()[:3]).tolist() == [OUTLIER] * 3


def test_spectral_and_stability_clusterers_find_the_number_of_groups_themselves():
    for clusterer in (
        SpectralClusterer(min_k=3, max_k=6, min_rows_per_cluster=5, n_neighbors=8),
        StabilityKMeans(min_k=3, max_k=6, min_rows_per_cluster=5),
    ):
        labels = clusterer.fit_predict(blobs())
        assert clusterer.chosen_k == 3 and _recovers_three_groups(labels), clusterer
        assert set(clusterer.scores) == set(range(3, 7))
        assert (clusterer.fit_predict(blobs()) == labels).all()
    assert SpectralClusterer().fit_predict(blobs()[:5]).tolist() == [0] * 5


def test_adjusted_rand_is_scikit_learn_s_to_the_last_bit():
    from sklearn.metrics import adjusted_rand_score

    from jane_synth.themes.cluster import adjusted_rand

    rng = np.random.default_rng(0)
    cases = [(rng.integers(0, ka, n), rng.integers(0, kb, n))
             for n, ka, kb in ((500, 7, 9), (60, 3, 3), (5, 2, 4), (1000, 20, 2))]  # fmt: skip
    same = rng.integers(0, 5, 100)
    cases += [(same, same), (same, same + 3), (np.zeros(10, int), np.zeros(10, int))]
    cases += [(np.array([0, 0, 1, 1]), np.array([5, 5, 5, 5])), (np.zeros(0, int),) * 2]
    for a, b in cases:
        assert adjusted_rand(a, b) == adjusted_rand_score(a, b), (a, b)


def test_the_theme_model_clusters_on_one_thread():
    from threadpoolctl import threadpool_info

    from jane_synth.themes import ChunkInput, ThemeModel

    seen: list[int] = []

    class Watching(StabilityKMeans):
        def fit_predict(self, points):
            seen.extend(pool["num_threads"] for pool in threadpool_info())
            return super().fit_predict(points)

    ids = [f"c{i}" for i in range(60)]
    ThemeModel(clusterer=Watching(max_k=4)).fit(ChunkInput(ids, ["x"] * 60, blobs(), ids))
    assert seen and set(seen) == {1}
