"""The theme stages as protocols: what any replacement must offer.

    chunks -> select -> reduce -> cluster -> assign (outliers, non-English chunks) ->
    group (sub-themes under broad themes) -> label -> represent

A clusterer may leave rows out of every cluster by labelling them ``OUTLIER`` (-1), as density
clusterers do; those rows never form or join a theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

OUTLIER = -1


class Selector(Protocol):
    """Which chunks take part at all (a boolean mask over ``texts``)."""

    def keep(self, texts: Sequence[str]) -> np.ndarray: ...


class Reducer(Protocol):
    """Embeddings to fewer dimensions, one row per chunk."""

    def fit_transform(self, embeddings: np.ndarray) -> np.ndarray: ...


class Clusterer(Protocol):
    """A cluster label per row; ``OUTLIER`` for a row that belongs to no cluster."""

    def fit_predict(self, points: np.ndarray) -> np.ndarray: ...


class Assigner(Protocol):
    """The index of the centroid each row joins, or ``OUTLIER``; ``min_similarity`` is the
    cosine below which a row is too far from every theme."""

    min_similarity: float

    def assign(self, vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray: ...


class Grouper(Protocol):
    """A group per sub-theme centroid; sub-themes sharing a group have one broad theme."""

    def groups(self, centroids: np.ndarray) -> np.ndarray: ...


class Labeler(Protocol):
    """Keyphrases per cluster label, best first, and a short label made of them."""

    def keyphrases(self, texts: Sequence[str], labels: np.ndarray) -> dict[int, list[str]]: ...

    def label(self, keyphrases: Sequence[str]) -> str: ...


class Representer(Protocol):
    """Rows of the chunks that stand for one cluster, best first."""

    def representatives(
        self, embeddings: np.ndarray, labels: np.ndarray, doc_ids: Sequence[str], cluster: int
    ) -> list[int]: ...
