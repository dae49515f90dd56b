"""Themes as other stages see them: stored previous themes, and the themes of given chunks."""

from __future__ import annotations

from collections.abc import Iterable

from ..store import Store
from .fit import PreviousThemes


def previous_themes(store: Store) -> PreviousThemes | None:
    """The themes the store holds, or ``None`` when it holds none with centroids."""
    centroids = store.theme_centroids()
    if not centroids:
        return None
    parents = {t.theme_id: t.parent for t in store.themes()}
    return PreviousThemes(centroids, parents, store.chunk_assignments())


def themes_of_chunks(store: Store, chunk_ids: Iterable[str]) -> dict[str, list[int]]:
    """``chunk_id -> [broad theme id, sub-theme id]`` (or ``[theme id]`` for a theme without a
    parent; ``[]`` for a chunk in no theme), for a brief section to list its quotes' themes."""
    assigned = store.chunk_theme_ids()
    parents = {t.theme_id: t.parent for t in store.themes()}
    out: dict[str, list[int]] = {}
    for cid in chunk_ids:
        theme = assigned.get(cid)
        if theme is None:
            out[cid] = []
            continue
        parent = parents.get(theme)
        out[cid] = [theme] if parent is None else [parent, theme]
    return out
