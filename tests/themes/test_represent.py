import numpy as np

from jane_synth.themes import MMRRepresenter


def test_diverse_representatives_one_per_document():
    embeddings = np.array(
        [[1.0, 0.0, 0.0], [0.99, 0.14, 0.0], [0.98, 0.0, 0.2], [0.0, 1.0, 0.0], [0.9, 0.0, 0.44]]
    )
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    labels = np.array([0, 0, 0, 1, 0])
    docs = ["a", "b", "c", "d", "a"]
    reps = MMRRepresenter(n_representatives=3, diversity=0.5).representatives(
        embeddings, labels, docs, 0
    )
    assert len(reps) == 3 and len({docs[i] for i in reps}) == 3 and 3 not in reps
    # Without diversity the nearest to the centroid come first.
    plain = MMRRepresenter(n_representatives=2, diversity=0.0).representatives(
        embeddings, labels, docs, 0
    )
    centroid = embeddings[labels == 0].mean(axis=0)
    assert plain[0] == int(
        np.flatnonzero(labels == 0)[np.argmax(embeddings[labels == 0] @ centroid)]
    )
    assert MMRRepresenter().representatives(embeddings, labels, docs, 5) == []
