"""Building, opening and validating the search index: every registered retriever's files."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import new_folder_beside, replace_folder
from ..config import OutputLayout
from ..store import Store
from .retrievers import (
    IndexContext,
    IndexNotBuiltError,
    IndexRows,
    Retriever,
    get_retriever,
    retriever_names,
)
from .settings import SearchSettings

if TYPE_CHECKING:
    from ..embedding import Embedder


@dataclass(frozen=True)
class BuiltIndex:
    """What one build wrote: the rows indexed and each retriever's own figures."""

    layout: OutputLayout
    chunks: int
    retrievers: dict[str, dict[str, int]] = field(default_factory=dict)

    def metadata(self) -> dict[str, int]:
        """Figures for the run's metadata: chunks, each retriever's figures, bytes on disk."""
        out = {"chunks_indexed": self.chunks}
        for name, figures in self.retrievers.items():
            # The BM25 vocabulary keeps its historic key; other retrievers are prefixed.
            out.update({k if name == "bm25" else f"{name}_{k}": v for k, v in figures.items()})
        files = [] if self.layout.store_url else [self.layout.database]
        for name in self.retrievers:
            folder = retriever_folder(self.layout, name)
            files += sorted(folder.iterdir()) if folder.is_dir() else []
        out["index_bytes"] = sum(p.stat().st_size for p in files if p.is_file())
        return out


def retriever_folder(layout: OutputLayout, name: str) -> Path:
    """Where retriever ``name`` keeps its files (``index/<name>/``, beside the database)."""
    return layout.database.parent / name


def index_rows(store: Store) -> IndexRows:
    """The store's chunks in order, with their documents' titles."""
    chunks = store.chunks()
    titles = {d.doc_id: d.meta.title for d in store.documents()}
    return IndexRows(tuple(chunks), tuple(titles[c.doc_id] for c in chunks))


def build_search_index(
    store: Store, layout: OutputLayout, settings: SearchSettings | None = None
) -> BuiltIndex:
    """Build every registered retriever's index over the store's chunks, in the store's order."""
    settings = settings or SearchSettings()
    rows = index_rows(store)
    built = {name: _build_retriever(name, rows, layout, settings) for name in retriever_names()}
    return BuiltIndex(layout, len(rows.chunks), built)


def _build_retriever(
    name: str, rows: IndexRows, layout: OutputLayout, settings: SearchSettings
) -> dict[str, int]:
    """Build one retriever's files in a fresh folder, then put it in place of the old one, so
    that a reader or a killed run never meets a half-written index."""
    target = retriever_folder(layout, name)
    folder = new_folder_beside(target)
    try:
        figures = get_retriever(name).build(rows, folder, settings)
        if any(folder.iterdir()):
            replace_folder(folder, target)
        else:  # a retriever that keeps nothing on disk (dense: the vectors are in the store)
            folder.rmdir()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return figures


def check_output_dir(output_dir: Path | str) -> OutputLayout:
    """The layout of an output folder that holds a database; ``IndexNotBuiltError`` if not."""
    root = Path(output_dir)
    if not root.is_dir():
        why = "not a folder" if root.exists() else "no such folder"
        raise IndexNotBuiltError.missing(root, why)
    layout = OutputLayout(root)
    if not layout.has_store():
        raise IndexNotBuiltError.missing(root, f"no {layout.database.relative_to(root)}")
    return layout


def open_retrievers(
    layout: OutputLayout,
    store: Store,
    embedder: Embedder,
    rows: IndexRows,
    settings: SearchSettings,
) -> dict[str, Retriever]:
    """Every registered retriever opened over ``rows``; raises ``IndexNotBuiltError``."""
    opened = {}
    for name in retriever_names():
        context = IndexContext(
            layout.root, retriever_folder(layout, name), store, embedder, rows, settings
        )
        opened[name] = get_retriever(name).load(context)
    return opened
