"""From each chunk's sub-theme and each sub-theme's parent to labelled, represented themes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..records import Theme
from .assign import centroids_of
from .fit import ChunkInput, ThemeFit
from .stages import OUTLIER, Labeler, Representer

NOT_TAKING_PART = -2
"""A row the selector dropped (a source list): neither in a theme nor unassigned."""


@dataclass(frozen=True)
class Layout:
    """Each row's sub-theme id (``OUTLIER`` unassigned, ``NOT_TAKING_PART``) and each
    sub-theme's broad theme (``None`` when it stands alone)."""

    leaf_of_row: np.ndarray
    parent_of: Mapping[int, int | None]

    def top_of_row(self) -> np.ndarray:
        """Each row's top-level theme id (its sub-theme's parent, or the sub-theme itself)."""
        top = self.leaf_of_row.copy()
        for leaf, parent in self.parent_of.items():
            if parent is not None:
                top[self.leaf_of_row == leaf] = parent
        return top


def _order(layout: Layout) -> list[int]:
    """Top-level themes largest first, each followed by its sub-themes largest first."""
    top = layout.top_of_row()
    sizes = {t: int((top == t).sum()) for t in set(top[top >= 0].tolist())}
    leaf_sizes = {t: int((layout.leaf_of_row == t).sum()) for t in layout.parent_of}
    order: list[int] = []
    for t in sorted(sizes, key=lambda t: (-sizes[t], t)):
        order.append(t)
        children = [c for c, p in layout.parent_of.items() if p == t and leaf_sizes[c]]
        order.extend(sorted(children, key=lambda c: (-leaf_sizes[c], c)))
    return order


@dataclass
class Assembler:
    """Labels, representatives and records for a :class:`Layout` of ``data``."""

    labeler: Labeler
    representer: Representer

    def assemble(self, data: ChunkInput, layout: Layout) -> ThemeFit:
        """The :class:`ThemeFit` of ``layout``."""
        rows = np.flatnonzero(layout.leaf_of_row >= 0).tolist()
        leaf, top = layout.leaf_of_row[rows], layout.top_of_row()[rows]
        texts = [data.texts[i] for i in rows]
        vectors, docs = data.embeddings[rows], [data.doc_ids[i] for i in rows]
        phrases = {**self.labeler.keyphrases(texts, leaf), **self.labeler.keyphrases(texts, top)}
        themes, centroids = [], {}
        for theme_id in _order(layout):
            labels = leaf if theme_id in layout.parent_of else top
            members = np.flatnonzero(labels == theme_id)
            reps = self.representer.representatives(vectors, labels, docs, theme_id)
            keyphrases = tuple(phrases.get(theme_id, ()))
            themes.append(
                Theme(
                    theme_id=theme_id,
                    label=self.labeler.label(keyphrases) or f"theme {theme_id}",
                    keyphrases=keyphrases,
                    size=int(members.size),
                    n_documents=len({docs[i] for i in members}),
                    representative_chunk_ids=tuple(data.chunk_ids[rows[i]] for i in reps),
                    parent=layout.parent_of.get(theme_id),
                )
            )
            # At the store's precision, so a run that reads them back draws the same map.
            centroid = centroids_of(vectors, labels, [theme_id])[0].astype(np.float32)
            centroids[theme_id] = centroid.astype(np.float64)
        return ThemeFit(
            themes=tuple(themes),
            assignment={data.chunk_ids[r]: int(t) for r, t in zip(rows, leaf, strict=True)},
            unassigned=tuple(
                sorted(
                    data.chunk_ids[i]
                    for i in np.flatnonzero(layout.leaf_of_row == OUTLIER).tolist()
                )
            ),
            centroids=centroids,
        )
