import numpy as np

from jane_synth.themes import OUTLIER, NearestCentroidAssigner
from jane_synth.themes.assign import centroids_of, unit


def test_nearest_centroid_above_the_threshold_else_outlier():
    centroids = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    vectors = np.array([[0.9, 0.1, 0.0], [0.1, 2.0, 0.0], [0.0, 0.0, 1.0]])
    assert NearestCentroidAssigner(0.5).assign(vectors, centroids).tolist() == [0, 1, OUTLIER]
    assert NearestCentroidAssigner(0.5).assign(vectors, centroids[:0]).tolist() == [OUTLIER] * 3


def test_centroids_are_unit_means():
    vectors = np.array([[2.0, 0.0], [0.0, 2.0], [5.0, 5.0]])
    got = centroids_of(vectors, np.array([0, 0, 1]), [0, 1])
    assert np.allclose(got, unit(np.array([[1.0, 1.0], [1.0, 1.0]])))
