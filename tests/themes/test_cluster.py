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
