import pytest

from jane_synth.themes import StageChoice, ThemeModel, ThemeSettings
from pipelines.assets.synthesis import ThemesConfig


def test_default_config_is_the_default_theme_model():
    assert ThemesConfig().theme_settings() == ThemeSettings()


def test_config_chooses_a_clusterer_and_its_parameters_by_name():
    config = ThemesConfig(clusterer="hdbscan", params={"clusterer": {"min_cluster_size": 8}})
    settings = config.theme_settings()
    assert settings.clusterer == StageChoice.of("hdbscan", min_cluster_size=8)
    assert ThemeModel.from_settings(settings).clusterer.min_cluster_size == 8


def test_config_refuses_parameters_of_an_unknown_step():
    with pytest.raises(ValueError, match="unknown theme steps: cluster"):
        ThemesConfig(params={"cluster": {"k": 3}}).theme_settings()
