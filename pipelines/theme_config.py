"""The themes asset's run config: a theme model by stage names, defaults from the settings file."""

from typing import Any

from dagster import Config
from pydantic import Field

from jane_synth.settings import load_settings
from jane_synth.themes import ThemeSettings

_DEFAULT_THEMES = ThemeSettings()


def _loaded(key: str) -> Any:
    """A default from the ``themes`` section of the loaded settings (``jane-synth.toml``)."""
    return lambda: getattr(load_settings().themes, key)


_STEPS = ("selector", "reducer", "clusterer", "assigner", "grouper", "labeler", "representer")


class ThemesConfig(Config):
    """The theme model: a registered stage name per step (``jane_synth.themes``) and, under
    ``params``, each step's parameters, e.g. ``{"clusterer": {"max_k": 40}}``; ``recluster``
    clusters everything afresh instead of assigning new chunks to the stored themes."""

    selector: str = Field(default_factory=_loaded("selector"))
    reducer: str = Field(default_factory=_loaded("reducer"))
    clusterer: str = Field(default_factory=_loaded("clusterer"))
    assigner: str = Field(default_factory=_loaded("assigner"))
    grouper: str = Field(default_factory=_loaded("grouper"))
    labeler: str = Field(default_factory=_loaded("labeler"))
    representer: str = Field(default_factory=_loaded("representer"))
    params: dict[str, dict[str, Any]] = Field(default_factory=_loaded("params"))
    min_theme_size: int = Field(default_factory=_loaded("min_theme_size"))
    id_similarity: float = Field(default_factory=_loaded("id_similarity"))
    split_themes: bool = Field(default_factory=_loaded("split_themes"))
    recluster: bool = _DEFAULT_THEMES.recluster

    def theme_settings(self) -> ThemeSettings:
        unknown = set(self.params) - set(_STEPS)
        if unknown:
            raise ValueError(f"params for unknown theme steps: {', '.join(sorted(unknown))}")
        steps = {s: {"name": getattr(self, s), **self.params.get(s, {})} for s in _STEPS}
        return ThemeSettings.from_mapping(
            {**steps, "min_theme_size": self.min_theme_size, "id_similarity": self.id_similarity,
             "split_themes": self.split_themes, "recluster": self.recluster}
        )  # fmt: skip
