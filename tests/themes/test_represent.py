import numpy as np

from jane_synth.themes import CentroidRepresenter


def test_nearest_the_centroid_first_one_per_document():
    embeddings = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.95, 0.05], [0.2, 0.8]])
    labels = np.array([0, 0, 1, 0, 0])
    docs = ["a", "a", "b", "b", "c"]
    reps = CentroidRepresenter(n_representatives=3).representatives(embeddings, labels, docs, 0)
    assert reps == [0, 3, 4]  # row 1 shares document "a" with the nearer row 0
    assert CentroidRepresenter(n_representatives=1).representatives(
        embeddings, labels, docs, 1
    ) == [2]
