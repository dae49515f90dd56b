"""The theme model: five stages typed by their protocols, chosen by name through settings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..records import Theme
from .cluster import KMeansClusterer
from .label import ClassTfidfLabeler
from .reduce import PCAReducer
from .registry import CLUSTERERS, LABELERS, REDUCERS, REPRESENTERS, SELECTORS
from .represent import CentroidRepresenter
from .select import ReferenceListFilter
from .stages import OUTLIER, Clusterer, Labeler, Reducer, Representer, Selector

Param = int | float | str | bool | None | tuple[int | float | str, ...]


@dataclass(frozen=True)
class StageChoice:
    """A registered stage name and its parameters (sorted pairs, so the choice is hashable)."""

    name: str
    params: tuple[tuple[str, Param], ...] = ()

    @classmethod
    def of(cls, name: str, **params: Param) -> StageChoice:
        """``StageChoice.of("kmeans", candidates=(4, 8))``."""
        return cls(name, tuple(sorted(params.items())))


@dataclass(frozen=True)
class ThemeSettings:
    """Which registered stage does each step, and with which parameters."""

    selector: StageChoice = StageChoice("reference-lists")
    reducer: StageChoice = StageChoice("pca")
    clusterer: StageChoice = StageChoice("kmeans")
    labeler: StageChoice = StageChoice("class-tfidf")
    representer: StageChoice = StageChoice("centroid")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, Any]]) -> ThemeSettings:
        """From ``{"clusterer": {"name": "hdbscan", "min_cluster_size": 5}, ...}`` (config files)."""
        unknown = set(data) - {"selector", "reducer", "clusterer", "labeler", "representer"}
        if unknown:
            raise ValueError(f"unknown theme stages: {', '.join(sorted(unknown))}")
        choices = {}
        for step, spec in data.items():
            params = {k: tuple(v) if isinstance(v, list) else v for k, v in spec.items()}
            choices[step] = StageChoice.of(str(params.pop("name")), **params)
        return cls(**choices)


def _rows(values: Sequence[str], rows: np.ndarray) -> list[str]:
    return [values[i] for i in rows]


@dataclass
class ThemeModel:
    """The theme pipeline; swap any stage by passing another object with the same protocol."""

    selector: Selector = field(default_factory=ReferenceListFilter)
    reducer: Reducer = field(default_factory=PCAReducer)
    clusterer: Clusterer = field(default_factory=KMeansClusterer)
    labeler: Labeler = field(default_factory=ClassTfidfLabeler)
    representer: Representer = field(default_factory=CentroidRepresenter)

    @classmethod
    def from_settings(cls, settings: ThemeSettings) -> ThemeModel:
        """A model of the registered stages ``settings`` names."""
        return cls(
            selector=SELECTORS.create(settings.selector.name, dict(settings.selector.params)),
            reducer=REDUCERS.create(settings.reducer.name, dict(settings.reducer.params)),
            clusterer=CLUSTERERS.create(settings.clusterer.name, dict(settings.clusterer.params)),
            labeler=LABELERS.create(settings.labeler.name, dict(settings.labeler.params)),
            representer=REPRESENTERS.create(
                settings.representer.name, dict(settings.representer.params)
            ),
        )

    def _cluster(self, embeddings: np.ndarray) -> np.ndarray:
        labels = np.asarray(self.clusterer.fit_predict(self.reducer.fit_transform(embeddings)))
        if labels.shape != (embeddings.shape[0],) or (labels < OUTLIER).any():
            raise ValueError("a clusterer returns one label per row, -1 for an outlier")
        return labels.astype(int)

    def fit(
        self,
        chunk_ids: Sequence[str],
        texts: Sequence[str],
        embeddings: np.ndarray,
        doc_ids: Sequence[str],
    ) -> tuple[list[Theme], dict[str, int]]:
        """Themes, largest first (ids 0..n-1), and the theme id of every clustered chunk
        (chunks the selector drops and outliers of the clusterer have no theme)."""
        keep = self.selector.keep(texts) if len(texts) else np.zeros(0, dtype=bool)
        if not keep.any():
            return [], {}
        rows = np.flatnonzero(keep)
        labels = self._cluster(embeddings[rows])
        rows, labels = rows[labels != OUTLIER], labels[labels != OUTLIER]
        if not rows.size:
            return [], {}
        return self._themes(
            _rows(chunk_ids, rows),
            _rows(texts, rows),
            embeddings[rows],
            _rows(doc_ids, rows),
            labels,
        )

    def _themes(
        self,
        chunk_ids: list[str],
        texts: list[str],
        embeddings: np.ndarray,
        doc_ids: list[str],
        labels: np.ndarray,
    ) -> tuple[list[Theme], dict[str, int]]:
        phrases = self.labeler.keyphrases(texts, labels)
        clusters = sorted(set(labels.tolist()), key=lambda c: (-(labels == c).sum(), c))
        renumber = {c: i for i, c in enumerate(clusters)}
        themes = []
        for c in clusters:
            members = np.flatnonzero(labels == c)
            reps = self.representer.representatives(embeddings, labels, doc_ids, c)
            keyphrases = tuple(phrases.get(c, []))
            themes.append(
                Theme(
                    theme_id=renumber[c],
                    label=", ".join(keyphrases[:3]) or f"theme {renumber[c]}",
                    keyphrases=keyphrases,
                    size=int(members.size),
                    n_documents=len({doc_ids[i] for i in members}),
                    representative_chunk_ids=tuple(chunk_ids[i] for i in reps),
                )
            )
        assignment = {chunk_ids[i]: renumber[int(lab)] for i, lab in enumerate(labels)}
        return themes, assignment
