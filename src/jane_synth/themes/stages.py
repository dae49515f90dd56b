"""The theme stages as protocols: what any replacement must offer.

    chunks -> select -> reduce -> cluster -> label -> represent

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


class Labeler(Protocol):
    """Keyphrases per cluster label, best first."""

    def keyphrases(self, texts: Sequence[str], labels: np.ndarray) -> dict[int, list[str]]: ...


class Representer(Protocol):
    """Rows of the chunks that stand for one cluster, best first."""

    def representatives(
        self, embeddings: np.ndarray, labels: np.ndarray, doc_ids: Sequence[str], cluster: int
    ) -> list[int]: ...
