"""Represent: the chunks that stand for a cluster."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class CentroidRepresenter:
    """The chunks nearest a cluster's centroid, at most one per document."""

    n_representatives: int = 3

    def representatives(
        self, embeddings: np.ndarray, labels: np.ndarray, doc_ids: Sequence[str], cluster: int
    ) -> list[int]:
        """Rows of ``cluster`` by similarity to its centroid, one per document."""
        rows = np.flatnonzero(labels == cluster)
        centroid = embeddings[rows].mean(axis=0)
        similarity = embeddings[rows] @ centroid
        picked: list[int] = []
        seen_docs: set[str] = set()
        for i in rows[np.lexsort((rows, -similarity))]:
            if doc_ids[i] in seen_docs:
                continue
            seen_docs.add(doc_ids[i])
            picked.append(int(i))
            if len(picked) == self.n_representatives:
                break
        return picked
