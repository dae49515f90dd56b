"""The theme model: stages typed by their protocols, chosen by name through settings."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from ..threads import one_thread
from .assemble import NOT_TAKING_PART, Assembler, Layout
from .assign import NearestCentroidAssigner, centroids_of
from .cluster import SpectralClusterer
from .fit import ChunkInput, PreviousThemes, ThemeFit
from .hierarchy import CentroidGrouper
from .ids import fresh_ids, match_ids
from .label import ClassTfidfLabeler
from .reduce import PCAReducer
from .registry import (
    ASSIGNERS,
    CLUSTERERS,
    GROUPERS,
    LABELERS,
    REDUCERS,
    REPRESENTERS,
    SELECTORS,
)
from .represent import MMRRepresenter
from .select import ReferenceListFilter
from .stages import (
    OUTLIER,
    Assigner,
    Clusterer,
    Grouper,
    Labeler,
    Reducer,
    Representer,
    Selector,
)

Param = int | float | str | bool | None | tuple[int | float | str, ...]
STEPS = ("selector", "reducer", "clusterer", "assigner", "grouper", "labeler", "representer")
_REGISTRIES: dict[str, Any] = {
    "selector": SELECTORS, "reducer": REDUCERS, "clusterer": CLUSTERERS, "assigner": ASSIGNERS,
    "grouper": GROUPERS, "labeler": LABELERS, "representer": REPRESENTERS,
}  # fmt: skip
ENGLISH = ("en", "")
"""Languages the embedder was trained on ("" is a chunk too short to tell)."""


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
    """Which registered stage does each step, with which parameters, and the model's own
    numbers: the smallest theme kept (smaller ones are merged into their nearest), the
    similarity at which a theme keeps its id across runs, and whether to re-cluster."""

    selector: StageChoice = StageChoice("reference-lists")
    reducer: StageChoice = StageChoice("pca")
    clusterer: StageChoice = StageChoice("spectral")
    assigner: StageChoice = StageChoice("nearest-centroid")
    grouper: StageChoice = StageChoice("centroid-average")
    labeler: StageChoice = StageChoice("class-tfidf")
    representer: StageChoice = StageChoice("mmr")
    min_theme_size: int = 5
    id_similarity: float = 0.8
    split_themes: bool = True
    recluster: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ThemeSettings:
        """From ``{"clusterer": {"name": "hdbscan", "min_cluster_size": 5}, ...}`` (config files);
        the model's own numbers are plain keys (``"min_theme_size": 8``)."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown theme stages: {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for key, spec in data.items():
            if key not in STEPS:
                values[key] = spec
                continue
            params = {k: tuple(v) if isinstance(v, list) else v for k, v in spec.items()}
            values[key] = StageChoice.of(str(params.pop("name")), **params)
        return cls(**values)


@dataclass
class ThemeModel:
    """The theme pipeline; swap any stage by passing another object with the same protocol."""

    selector: Selector = field(default_factory=ReferenceListFilter)
    reducer: Reducer = field(default_factory=PCAReducer)
    clusterer: Clusterer = field(default_factory=SpectralClusterer)
    assigner: Assigner = field(default_factory=NearestCentroidAssigner)
    grouper: Grouper = field(default_factory=CentroidGrouper)
    labeler: Labeler = field(default_factory=ClassTfidfLabeler)
    representer: Representer = field(default_factory=MMRRepresenter)
    min_theme_size: int = 5
    id_similarity: float = 0.8
    languages: tuple[str, ...] = ENGLISH
    split_themes: bool = True
    """Sub-themes by clustering each broad theme again; off: broad themes by grouping the
    clusters' centroids (the ``grouper``)."""

    @classmethod
    def from_settings(cls, settings: ThemeSettings) -> ThemeModel:
        """A model of the registered stages ``settings`` names."""
        stages = {}
        for step in STEPS:
            choice: StageChoice = getattr(settings, step)
            stages[step] = _REGISTRIES[step].create(choice.name, dict(choice.params))
        return cls(
            **stages,
            min_theme_size=settings.min_theme_size,
            id_similarity=settings.id_similarity,
            split_themes=settings.split_themes,
        )

    def _first_labels(self, data: ChunkInput) -> np.ndarray:
        """Broad cluster labels of the English prose rows; ``OUTLIER`` for the other prose
        rows and the clusterer's outliers."""
        n = len(data.chunk_ids)
        keep = self.selector.keep(data.texts) if n else np.zeros(0, dtype=bool)
        labels = np.where(keep, OUTLIER, NOT_TAKING_PART)
        rows = np.flatnonzero(keep & data.english(frozenset(self.languages)))
        if rows.size:
            labels[rows] = self._cluster(self.clusterer, data.embeddings[rows])
        return labels

    def _split(self, data: ChunkInput, broad: np.ndarray) -> tuple[np.ndarray, dict[int, int]]:
        """Each broad cluster clustered again by a copy of the clusterer (same criterion):
        sub-theme labels per row and each sub-theme's broad cluster. Clusters smaller than
        ``min_theme_size`` become outliers, to join their nearest theme."""
        leaf = np.where(broad >= 0, OUTLIER, broad)
        group_of: dict[int, int] = {}
        for c in sorted(set(broad[broad >= 0].tolist())):
            rows = np.flatnonzero(broad == c)
            sub = np.zeros(rows.size, dtype=int)
            if self.split_themes:
                sub = self._cluster(copy.deepcopy(self.clusterer), data.embeddings[rows])
            for s in sorted(set(sub[sub >= 0].tolist())):
                if (sub == s).sum() >= self.min_theme_size:
                    label = len(group_of)
                    group_of[label] = c
                    leaf[rows[sub == s]] = label
        return leaf, group_of

    def _cluster(self, clusterer: Clusterer, embeddings: np.ndarray) -> np.ndarray:
        with one_thread():  # many small fits: faster on one thread (see one_thread)
            labels = np.asarray(clusterer.fit_predict(self.reducer.fit_transform(embeddings)))
        if labels.shape != (embeddings.shape[0],) or (labels < OUTLIER).any():
            raise ValueError("a clusterer returns one label per row, -1 for an outlier")
        return labels.astype(int)

    def fit(self, data: ChunkInput, previous: PreviousThemes | None = None) -> ThemeFit:
        """Cluster ``data`` afresh; themes close to ``previous`` ones keep their ids."""
        labels, group_of = self._split(data, self._first_labels(data))
        clusters = sorted(set(labels[labels >= 0].tolist()))
        if not clusters:
            return Assembler(self.labeler, self.representer).assemble(data, Layout(labels, {}))
        centroids = centroids_of(data.embeddings, labels, clusters)
        outliers = np.flatnonzero(labels == OUTLIER)
        joined = self.assigner.assign(data.embeddings[outliers], centroids)
        labels[outliers[joined != OUTLIER]] = [clusters[j] for j in joined[joined != OUTLIER]]
        centroids = centroids_of(data.embeddings, labels, clusters)
        if self.split_themes:
            groups = np.array([group_of[c] for c in clusters])
        else:
            groups = self.grouper.groups(centroids)
        return self._build(data, labels, clusters, groups, previous)

    def _build(
        self,
        data: ChunkInput,
        labels: np.ndarray,
        clusters: list[int],
        groups: np.ndarray,
        previous: PreviousThemes | None,
    ) -> ThemeFit:
        centroids = centroids_of(data.embeddings, labels, clusters)
        shared = [g for g in sorted(set(groups.tolist())) if (groups == g).sum() > 1]
        group_rows = np.full(len(labels), OUTLIER)
        for k, c in enumerate(clusters):
            group_rows[labels == c] = groups[k]
        group_centroids = centroids_of(data.embeddings, group_rows, shared)
        prev = previous or PreviousThemes({}, {}, {})
        leaf_prev = {i: prev.centroids[i] for i in prev.leaves() if i in prev.centroids}
        parent_prev = {i: v for i, v in prev.centroids.items() if i not in leaf_prev}
        taken = set(prev.parents) | set(prev.centroids)
        leaf_ids = match_ids(centroids, leaf_prev, set(), self.id_similarity)
        parent_ids = match_ids(group_centroids, parent_prev, set(), self.id_similarity)
        ids = fresh_ids(parent_ids + leaf_ids, taken)
        parent_of_group = dict(zip(shared, ids[: len(shared)], strict=True))
        leaf_id = dict(zip(clusters, ids[len(shared) :], strict=True))
        leaf_of_row = np.array([leaf_id.get(int(c), int(c)) for c in labels])
        parent_of = {
            leaf_id[c]: parent_of_group.get(int(groups[k])) for k, c in enumerate(clusters)
        }
        return Assembler(self.labeler, self.representer).assemble(
            data, Layout(leaf_of_row, parent_of)
        )

    def extend(self, data: ChunkInput, previous: PreviousThemes) -> ThemeFit:
        """Keep every known chunk's theme; new chunks join the nearest stored sub-theme (or stay
        unassigned). Ids, parents and the stored centroids used for matching do not change."""
        n = len(data.chunk_ids)
        keep = self.selector.keep(data.texts) if n else np.zeros(0, dtype=bool)
        leaf_of_row = np.where(keep, OUTLIER, NOT_TAKING_PART)
        leaves = [t for t in previous.leaves() if t in previous.centroids]
        new_rows = []
        for i in np.flatnonzero(keep).tolist():
            known = previous.assignment.get(data.chunk_ids[i])
            if known is None:
                new_rows.append(i)
            elif known in previous.parents:
                leaf_of_row[i] = known
        if new_rows and leaves:
            centroids = np.stack([previous.centroids[t] for t in leaves])
            joined = self.assigner.assign(data.embeddings[new_rows], centroids)
            for i, j in zip(new_rows, joined, strict=True):
                leaf_of_row[i] = leaves[j] if j != OUTLIER else OUTLIER
        parent_of = {t: previous.parents.get(t) for t in leaves}
        fit = Assembler(self.labeler, self.representer).assemble(
            data, Layout(leaf_of_row, parent_of)
        )
        # Matching keeps using the centroids the themes were found with.
        return ThemeFit(fit.themes, fit.assignment, fit.unassigned, dict(previous.centroids))
