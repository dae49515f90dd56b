from jane_synth.records import Theme
from jane_synth.store import Store


def test_themes_round_trip(store_location):
    with Store(store_location) as store:
        theme = Theme(0, "funding, grants", ("funding", "grants"), 3, 2, ("c1", "c2"))
        store.replace_themes([theme], {"c1": 0, "c2": 0})
        assert store.themes() == [theme]
        assert store.chunk_theme_ids() == {"c1": 0, "c2": 0}


def test_parents_centroids_and_unassigned_chunks_are_kept(store_location):
    import numpy as np

    with Store(store_location) as store:
        themes = [Theme(0, "a", ("a",), 1, 1, ()), Theme(1, "b", ("b",), 1, 1, (), parent=0)]
        store.replace_themes(themes, {"c1": 1}, ["c2"], {1: np.array([0.5, 0.25])})
        assert store.themes() == themes
        assert store.chunk_theme_ids() == {"c1": 1}
        assert store.chunk_assignments() == {"c1": 1, "c2": -1}
        assert list(store.theme_centroids()) == [1]
        assert store.theme_centroids()[1].tolist() == [0.5, 0.25]
