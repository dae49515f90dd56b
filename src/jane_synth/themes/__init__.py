"""Recurring themes: a pipeline of small, swappable stages in the style of BERTopic.

    chunks -> select (drop reference lists) -> reduce (PCA) -> cluster (k-means, k by
    silhouette over a range; English chunks only) -> assign (outliers, small themes and
    non-English chunks join the nearest theme above a similarity, or stay unassigned) ->
    group (sub-themes under broad themes) -> label (class TF-IDF) -> represent (maximal
    marginal relevance)

Each stage is typed by a protocol (:mod:`.stages`) and registered by name below, so settings
(:class:`ThemeSettings`) choose the model. Adding a stage is its class plus one ``register``
line. Seeds are fixed: the same inputs give the same themes; ids follow stored centroids.
"""

from .assign import NearestCentroidAssigner
from .cluster import (
    AgglomerativeClusterer,
    HDBSCANClusterer,
    KMeansClusterer,
    SpectralClusterer,
    StabilityKMeans,
)
from .fit import ChunkInput, PreviousThemes, ThemeFit
from .hierarchy import CentroidGrouper
from .label import ClassTfidfLabeler
from .lookup import previous_themes, themes_of_chunks
from .model import StageChoice, ThemeModel, ThemeSettings
from .reduce import PCAReducer
from .registry import (
    ASSIGNERS,
    CLUSTERERS,
    GROUPERS,
    LABELERS,
    REDUCERS,
    REPRESENTERS,
    SELECTORS,
    StageRegistry,
)
from .report import render_theme_report, write_theme_report
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
from .write import themes_payload, write_themes_json

SELECTORS.register("reference-lists", ReferenceListFilter)
REDUCERS.register("pca", PCAReducer)
CLUSTERERS.register("spectral", SpectralClusterer)
CLUSTERERS.register("stability-kmeans", StabilityKMeans)
CLUSTERERS.register("kmeans", KMeansClusterer)
CLUSTERERS.register("agglomerative", AgglomerativeClusterer)
CLUSTERERS.register("hdbscan", HDBSCANClusterer)
ASSIGNERS.register("nearest-centroid", NearestCentroidAssigner)
GROUPERS.register("centroid-average", CentroidGrouper)
LABELERS.register("class-tfidf", ClassTfidfLabeler)
REPRESENTERS.register("mmr", MMRRepresenter)

__all__ = [
    "ASSIGNERS",
    "CLUSTERERS",
    "GROUPERS",
    "LABELERS",
    "OUTLIER",
    "REDUCERS",
    "REPRESENTERS",
    "SELECTORS",
    "AgglomerativeClusterer",
    "Assigner",
    "CentroidGrouper",
    "ChunkInput",
    "ClassTfidfLabeler",
    "Clusterer",
    "Grouper",
    "HDBSCANClusterer",
    "KMeansClusterer",
    "Labeler",
    "MMRRepresenter",
    "NearestCentroidAssigner",
    "PCAReducer",
    "PreviousThemes",
    "Reducer",
    "ReferenceListFilter",
    "Representer",
    "Selector",
    "SpectralClusterer",
    "StabilityKMeans",
    "StageChoice",
    "StageRegistry",
    "ThemeFit",
    "ThemeModel",
    "ThemeSettings",
    "previous_themes",
    "render_theme_report",
    "themes_of_chunks",
    "themes_payload",
    "write_theme_report",
    "write_themes_json",
]
