"""Themes, which chunk belongs to which, and the centroids the next run matches against."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from ..records import Theme
from .base import StoreBase

UNASSIGNED = -1
"""``chunk_themes.theme_id`` of a chunk that took part but is near no theme."""


def theme_from_row(r: Any) -> Theme:
    return Theme(
        r["theme_id"], r["label"], tuple(json.loads(r["keyphrases"])), r["size"],
        r["n_documents"], tuple(json.loads(r["representatives"])), r["parent"],
    )  # fmt: skip


def theme_to_row(t: Theme, centroid: np.ndarray | None) -> tuple[object, ...]:
    blob = None if centroid is None else np.asarray(centroid, dtype=np.float32).tobytes()
    return (t.theme_id, t.label, json.dumps(t.keyphrases), t.size, t.n_documents,
            json.dumps(t.representative_chunk_ids), t.parent, blob)  # fmt: skip


class ThemesPart(StoreBase):
    """The ``themes`` and ``chunk_themes`` tables."""

    def replace_themes(
        self,
        themes: Sequence[Theme],
        assignment: Mapping[str, int],
        unassigned: Iterable[str] = (),
        centroids: Mapping[int, np.ndarray] | None = None,
    ) -> None:
        """Replace every theme and the chunk assignment in one transaction; ``unassigned``
        chunks are recorded with theme id ``UNASSIGNED``."""
        centroids = centroids or {}
        rows = sorted({**dict.fromkeys(unassigned, UNASSIGNED), **assignment}.items())
        with self.transaction() as conn:
            conn.execute("DELETE FROM themes")
            conn.execute("DELETE FROM chunk_themes")
            conn.executemany(
                "INSERT INTO themes (theme_id, label, keyphrases, size, n_documents, "
                "representatives, parent, centroid) VALUES (?,?,?,?,?,?,?,?)",
                [theme_to_row(t, centroids.get(t.theme_id)) for t in themes],
            )
            conn.executemany("INSERT INTO chunk_themes VALUES (?,?)", rows)

    def themes(self) -> list[Theme]:
        """Every theme by id."""
        return [
            theme_from_row(r) for r in self.conn.execute("SELECT * FROM themes ORDER BY theme_id")
        ]

    def chunk_theme_ids(self) -> dict[str, int]:
        """``chunk_id -> theme_id`` of every chunk in a theme (its sub-theme)."""
        rows = self.conn.execute("SELECT chunk_id, theme_id FROM chunk_themes WHERE theme_id >= 0")
        return {r[0]: r[1] for r in rows}

    def chunk_assignments(self) -> dict[str, int]:
        """Every chunk the last theme run saw: its theme id, or ``UNASSIGNED``."""
        return {
            r[0]: r[1] for r in self.conn.execute("SELECT chunk_id, theme_id FROM chunk_themes")
        }

    def theme_centroids(self) -> dict[int, np.ndarray]:
        """The stored centroid of each theme that has one."""
        rows = self.conn.execute("SELECT theme_id, centroid FROM themes WHERE centroid IS NOT NULL")
        return {r[0]: np.frombuffer(r[1], dtype=np.float32).astype(np.float64) for r in rows}
