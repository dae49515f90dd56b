"""Recurring themes: a pipeline of small, swappable stages in the style of BERTopic.

    chunks -> select (drop reference lists) -> reduce (PCA) -> cluster (k-means, k by
    silhouette) -> label (class TF-IDF) -> represent (chunks nearest the centroid, from distinct
    documents)

Each stage is typed by a protocol (:mod:`.stages`) and registered by name below, so settings
(:class:`ThemeSettings`) choose the model. Adding a stage is its class plus one ``register``
line. Seeds are fixed: the same inputs give the same themes.
"""

from .cluster import AgglomerativeClusterer, HDBSCANClusterer, KMeansClusterer
from .label import ClassTfidfLabeler
from .model import StageChoice, ThemeModel, ThemeSettings
from .reduce import PCAReducer
from .registry import CLUSTERERS, LABELERS, REDUCERS, REPRESENTERS, SELECTORS, StageRegistry
from .represent import CentroidRepresenter
from .select import ReferenceListFilter
from .stages import OUTLIER, Clusterer, Labeler, Reducer, Representer, Selector
from .write import themes_payload, write_themes_json

SELECTORS.register("reference-lists", ReferenceListFilter)
REDUCERS.register("pca", PCAReducer)
CLUSTERERS.register("kmeans", KMeansClusterer)
CLUSTERERS.register("agglomerative", AgglomerativeClusterer)
CLUSTERERS.register("hdbscan", HDBSCANClusterer)
LABELERS.register("class-tfidf", ClassTfidfLabeler)
REPRESENTERS.register("centroid", CentroidRepresenter)

__all__ = [
    "CLUSTERERS",
    "LABELERS",
    "OUTLIER",
    "REDUCERS",
    "REPRESENTERS",
    "SELECTORS",
    "AgglomerativeClusterer",
    "CentroidRepresenter",
    "ClassTfidfLabeler",
    "Clusterer",
    "HDBSCANClusterer",
    "KMeansClusterer",
    "Labeler",
    "PCAReducer",
    "Reducer",
    "ReferenceListFilter",
    "Representer",
    "Selector",
    "StageChoice",
    "StageRegistry",
    "ThemeModel",
    "ThemeSettings",
    "themes_payload",
    "write_themes_json",
]
