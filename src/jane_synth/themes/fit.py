"""What the theme model hands on: the themes, which chunk is in which, and the centroids that
the next run matches its themes against."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..records import Theme


@dataclass(frozen=True)
class ChunkInput:
    """The chunks to cluster, row-aligned with ``embeddings``."""

    chunk_ids: Sequence[str]
    texts: Sequence[str]
    embeddings: np.ndarray
    doc_ids: Sequence[str]
    languages: Sequence[str] = ()
    """Empty: every chunk is taken as English."""

    def english(self, languages: frozenset[str]) -> np.ndarray:
        """True for each row whose language the embedder was trained on (or is unknown)."""
        if not self.languages:
            return np.ones(len(self.chunk_ids), dtype=bool)
        return np.array([lang in languages for lang in self.languages], dtype=bool)


@dataclass(frozen=True)
class ThemeFit:
    """Themes (broad ones and sub-themes), each chunk's sub-theme, and what stays unassigned."""

    themes: tuple[Theme, ...] = ()
    assignment: Mapping[str, int] = field(default_factory=dict)
    """``chunk_id -> theme_id`` of the sub-theme (or top-level theme) the chunk belongs to."""
    unassigned: tuple[str, ...] = ()
    """Chunks that took part but are near no theme: outliers and most non-English chunks."""
    centroids: Mapping[int, np.ndarray] = field(default_factory=dict)
    """Unit-length centroid of every theme, by id."""

    def members(self, theme_id: int) -> list[str]:
        """Chunk ids of a theme; a broad theme has the members of all its sub-themes."""
        ids = {theme_id} | {t.theme_id for t in self.themes if t.parent == theme_id}
        return sorted(c for c, t in self.assignment.items() if t in ids)

    def unassigned_fraction(self) -> float:
        """Share of the chunks that took part and belong to no theme."""
        total = len(self.assignment) + len(self.unassigned)
        return len(self.unassigned) / total if total else 0.0


@dataclass(frozen=True)
class PreviousThemes:
    """Themes as stored by an earlier run: what new themes are matched against."""

    centroids: Mapping[int, np.ndarray]
    parents: Mapping[int, int | None]
    assignment: Mapping[str, int]
    """Every chunk seen before: its theme id, or -1 when it was left unassigned."""

    def leaves(self) -> list[int]:
        """Ids of the themes chunks belong to (those no other theme names as parent)."""
        inner = {p for p in self.parents.values() if p is not None}
        return sorted(t for t in self.parents if t not in inner)
