import numpy as np

from jane_synth.themes.ids import fresh_ids, match_ids


def test_closest_pairs_keep_old_ids_others_get_new_ones():
    old = {7: np.array([1.0, 0.0]), 3: np.array([0.0, 1.0])}
    new = np.array([[0.0, 1.0], [0.6, 0.8], [1.0, 0.0]])
    matched = match_ids(new, old, set(), min_similarity=0.8)
    assert matched == [3, None, 7]  # row 1 is near 3 too, but row 0 is nearer and takes it
    assert fresh_ids(matched, {3, 7, 9}) == [3, 10, 7]


def test_nothing_stored_means_fresh_ids_in_order():
    matched = match_ids(np.eye(3), {}, set())
    assert matched == [None, None, None] and fresh_ids(matched, set()) == [0, 1, 2]


def test_a_dissimilar_theme_never_takes_an_old_id():
    assert match_ids(np.array([[1.0, 0.0]]), {0: np.array([0.0, 1.0])}, set()) == [None]
