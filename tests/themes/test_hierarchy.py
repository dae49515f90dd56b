import numpy as np

from jane_synth.themes import CentroidGrouper
from jane_synth.themes.assign import unit


def test_close_sub_themes_share_a_broad_theme():
    centroids = unit(np.array([[1.0, 0.1, 0, 0], [1.0, -0.1, 0, 0], [0, 0, 1.0, 0.1],
                               [0, 0, 1.0, -0.1], [0, 1.0, 0, 1.0]]))  # fmt: skip
    groups = CentroidGrouper(max_distance=0.2).groups(centroids)
    assert groups[0] == groups[1] and groups[2] == groups[3]
    assert len({groups[0], groups[2], groups[4]}) == 3


def test_one_subject_is_not_folded_into_one_broad_theme():
    centroids = unit(np.array([[1.0, 0.01 * i, 0] for i in range(6)]))
    groups = CentroidGrouper(max_distance=0.5, max_share=0.5).groups(centroids)
    assert np.bincount(groups).max() <= 3
    assert CentroidGrouper().groups(centroids[:2]).tolist() == [0, 1]
