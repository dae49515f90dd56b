from jane_synth.records import Theme
from jane_synth.store import Store


def test_themes_round_trip(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        theme = Theme(0, "funding, grants", ("funding", "grants"), 3, 2, ("c1", "c2"))
        store.replace_themes([theme], {"c1": 0, "c2": 0})
        assert store.themes() == [theme]
        assert store.chunk_theme_ids() == {"c1": 0, "c2": 0}
