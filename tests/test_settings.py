import pytest
from pydantic import ValidationError

from jane_synth.chunking import Chunker
from jane_synth.config import PROJECT_ROOT
from jane_synth.ingest import IngestLimits
from jane_synth.search.searcher import SearchSettings
from jane_synth.settings import Settings, load_settings, setting_keys

TOML = """
output_dir = "/srv/jane/out"

[ingest]
max_pages = 500

[search]
alpha = 0.3
fusion = "rrf"

[chunking]
max_tokens = 120
"""


@pytest.fixture
def toml_file(tmp_path):
    path = tmp_path / "jane-synth.toml"
    path.write_text(TOML)
    return path


def test_the_defaults_are_the_stages_own():
    settings = load_settings(path=PROJECT_ROOT / "no-such.toml", env={})
    assert settings.ingest == IngestLimits() and settings.search == SearchSettings()
    assert settings.chunking.chunker() == Chunker()
    assert settings.corpus_dir == PROJECT_ROOT / "corpus" and settings.allow_empty is False


def test_file_then_environment_then_flags(toml_file):
    from_file = load_settings(path=toml_file, env={})
    assert (
        from_file.ingest.max_pages == 500 and from_file.ingest.max_bytes == IngestLimits.max_bytes
    )
    assert from_file.search.alpha == 0.3 and from_file.search.fusion == "rrf"
    assert from_file.chunking.chunker().max_tokens == 120
    assert str(from_file.output_dir) == "/srv/jane/out"

    env = {"JANE_SEARCH__ALPHA": "0.7", "JANE_OUTPUT_DIR": "/env/out", "JANE_OTHER": "x"}
    from_env = load_settings(path=toml_file, env=env)
    assert from_env.search.alpha == 0.7 and from_env.search.fusion == "rrf"
    assert str(from_env.output_dir) == "/env/out"

    flagged = load_settings(path=toml_file, env=env, output_dir="/flag/out", corpus_dir=None)
    assert str(flagged.output_dir) == "/flag/out"
    assert flagged.corpus_dir == PROJECT_ROOT / "corpus"  # None: the flag was not given


def test_the_settings_file_can_be_named_in_the_environment(toml_file):
    assert load_settings(env={"JANE_SETTINGS": str(toml_file)}).ingest.max_pages == 500


def test_unknown_or_invalid_keys_are_named(toml_file):
    with pytest.raises(ValidationError, match="colour"):
        load_settings(path=toml_file, env={"JANE_SEARCH__COLOUR": "blue"})
    with pytest.raises(ValidationError, match="max_tokens"):
        load_settings(path=toml_file, env={"JANE_CHUNKING__MAX_TOKENS": "0"})


def test_every_key_is_in_the_readme():
    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    keys = setting_keys(Settings)
    assert "search.alpha" in keys and "ingest.max_pages" in keys and "chunking.min_chars" in keys
    assert [k for k in keys if f"`{k}`" not in readme] == []


def test_the_themes_section_defaults_are_the_theme_models():
    """``Settings.themes`` spells the defaults of ``ThemeSettings`` without importing it."""
    from jane_synth.themes import ThemeSettings

    section, model = load_settings(env={}).themes, ThemeSettings()
    steps = ("selector", "reducer", "clusterer", "assigner", "grouper", "labeler", "representer")
    assert {s: getattr(section, s) for s in steps} == {s: getattr(model, s).name for s in steps}
    assert (section.min_theme_size, section.id_similarity, section.split_themes) == (
        model.min_theme_size,
        model.id_similarity,
        model.split_themes,
    )


def test_the_themes_asset_config_takes_its_defaults_from_the_settings(monkeypatch):
    from pipelines.assets.synthesis import ThemesConfig

    monkeypatch.setenv("JANE_THEMES__CLUSTERER", "kmeans")
    config = ThemesConfig()
    assert config.clusterer == "kmeans"
    assert config.theme_settings().clusterer.name == "kmeans"
