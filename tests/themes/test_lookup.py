import numpy as np

from jane_synth.records import Theme
from jane_synth.store import Store
from jane_synth.themes import previous_themes, themes_of_chunks


def test_themes_of_chunks_gives_broad_then_sub_theme(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        assert previous_themes(store) is None
        themes = [
            Theme(0, "funding", ("funding",), 2, 1, ("c1",)),
            Theme(1, "grants", ("grants",), 1, 1, ("c1",), parent=0),
            Theme(2, "eur", ("eur",), 1, 1, ("c2",), parent=0),
            Theme(3, "hospice", ("hospice",), 1, 1, ("c3",)),
        ]
        centroids = {t.theme_id: np.full(2, t.theme_id, dtype=np.float64) for t in themes}
        store.replace_themes(themes, {"c1": 1, "c2": 2, "c3": 3}, ["c4"], centroids)
        got = themes_of_chunks(store, ["c1", "c3", "c4", "missing"])
        assert got == {"c1": [0, 1], "c3": [3], "c4": [], "missing": []}
        previous = previous_themes(store)
    assert previous is not None
    assert previous.leaves() == [1, 2, 3] and previous.assignment["c4"] == -1
    assert np.allclose(previous.centroids[3], [3.0, 3.0]) and previous.parents[1] == 0
