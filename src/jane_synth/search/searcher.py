"""The search API: open the index once, answer many queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import numpy as np

from ..embedding import Embedder
from ..records import Chunk, Citation, SearchHit
from ..store import Store, StoredDocument
from ..threads import limited_threads
from .collapse import NearDuplicates, collapse_ranked
from .filters import Filters
from .hits import citation, make_hits
from .index import check_output_dir, index_rows, open_retrievers
from .ranking import rank_scores
from .retrievers import HYBRID, Retriever, search_modes
from .settings import SearchSettings


@dataclass(frozen=True)
class _RowFacts:
    """Per-row arrays that filters test: document position, theme, language, countries."""

    chunk_doc: np.ndarray
    themes: np.ndarray
    languages: np.ndarray
    country_rows: dict[str, np.ndarray]

    @classmethod
    def of(
        cls, chunks: list[Chunk], documents: dict[str, StoredDocument], theme_ids: list[int | None]
    ) -> _RowFacts:
        doc_pos = {d: i for i, d in enumerate(documents)}
        rows_by_country: dict[str, list[int]] = {}
        for row, chunk in enumerate(chunks):
            for e in chunk.entities:
                if e.label == "COUNTRY":
                    rows_by_country.setdefault(e.slug, []).append(row)
        return cls(
            np.array([doc_pos[c.doc_id] for c in chunks], dtype=np.int64),
            np.array([-1 if t is None else t for t in theme_ids], dtype=np.int64).reshape(-1),
            np.array(
                [(c.language or documents[c.doc_id].meta.language).lower() for c in chunks],
                dtype=object,
            ),
            {s: np.unique(r) for s, r in rows_by_country.items()},
        )


@dataclass
class Searcher:
    """Search over one jane-synth output folder with every registered retriever."""

    store: Store
    chunks: list[Chunk]
    documents: dict[str, StoredDocument]
    retrievers: dict[str, Retriever]
    embedder: Embedder
    theme_ids: list[int | None]
    settings: SearchSettings = field(default_factory=SearchSettings)
    theme_parents: dict[int, int | None] = field(default_factory=dict)
    """Each stored theme's broad theme (``None`` for a broad theme), for the theme filter."""

    def __post_init__(self) -> None:
        self._facts = _RowFacts.of(self.chunks, self.documents, self.theme_ids)
        self._row_of = {c.chunk_id: row for row, c in enumerate(self.chunks)}
        self._duplicates = NearDuplicates(self.chunks, self.documents, self.settings)

    @classmethod
    def open(
        cls,
        output_dir: Path | str,
        embedder: Embedder | None = None,
        settings: SearchSettings | None = None,
    ) -> Searcher:
        """Open the index of an output folder; raises ``IndexNotBuiltError`` (missing, stale)."""
        layout = check_output_dir(output_dir)
        settings = settings or SearchSettings()
        embedder = embedder or Embedder()
        store = Store(layout.store)
        try:
            rows = index_rows(store)
            retrievers = open_retrievers(layout, store, embedder, rows, settings)
            themes = store.chunk_theme_ids()
            parents = {t.theme_id: t.parent for t in store.themes()}
        except BaseException:
            store.close()
            raise
        return cls(
            store=store,
            chunks=list(rows.chunks),
            documents={d.doc_id: d for d in store.documents()},
            retrievers=retrievers,
            embedder=embedder,
            theme_ids=[themes.get(c.chunk_id) for c in rows.chunks],
            settings=settings,
            theme_parents=parents,
        )

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def country_slugs(self) -> list[str]:
        """Slugs of the countries that some chunk names (what the country filter can match)."""
        return sorted(self._facts.country_rows)

    def row_of(self, chunk_id: str) -> int | None:
        """The row of a chunk in this searcher's arrays."""
        return self._row_of.get(chunk_id)

    def chunk(self, chunk_id: str) -> Chunk | None:
        """The chunk with this id, if the index has it."""
        row = self._row_of.get(chunk_id)
        return None if row is None else self.chunks[row]

    def mask(self, filters: Filters | None) -> np.ndarray | None:
        """Boolean row mask of the chunks that pass ``filters`` (``None``: no filter)."""
        if not filters:
            return None
        f = self._facts
        docs = list(self.documents.values())
        filters = filters.with_sub_themes(self.theme_parents)
        return filters.mask(docs, f.chunk_doc, f.country_rows, f.themes, f.languages)

    def encode_query(self, query: str) -> np.ndarray:
        """The query's embedding, with the thread cap of the settings."""
        with limited_threads(self.settings.threads):
            return self.embedder.encode_query(query)

    def rank(
        self, query: str, k: int = 10, mode: str = HYBRID, filters: Filters | None = None
    ) -> list[tuple[int, float]]:
        """``(row, score)`` of the best ``k`` chunks, best first."""
        if mode not in search_modes() or (mode != HYBRID and mode not in self.retrievers):
            raise ValueError(f"unknown search mode {mode!r}; known: {', '.join(search_modes())}")
        names = list(self.retrievers) if mode == HYBRID else [mode]
        with limited_threads(self.settings.threads):
            mask = self.mask(filters)
            scores = {name: self.retrievers[name].score(query) for name in names}
            return self.rank_scores(scores, k, mask)

    def rank_scores(
        self,
        scores: dict[str, np.ndarray],
        k: int,
        mask: np.ndarray | None = None,
        settings: SearchSettings | None = None,
    ) -> list[tuple[int, float]]:
        """Rank from precomputed score vectors keyed by retriever name (one alone, or fused)."""
        positive = {n for n in scores if n in self.retrievers and self.retrievers[n].positive_only}
        return rank_scores(scores, k, settings or self.settings, mask, positive)

    def _vectors(self, rows: list[int]) -> np.ndarray | None:
        if len(rows) < 2:
            return None
        picked = np.asarray(rows, dtype=np.int64)
        for retriever in self.retrievers.values():
            vectors = retriever.vectors(picked)
            if vectors is not None:
                return vectors
        return None

    def search(
        self,
        query: str,
        k: int = 10,
        mode: str = HYBRID,
        filters: Filters | None = None,
        collapse: bool = True,
    ) -> list[SearchHit]:
        """The best ``k`` hits, near-identical passages collapsed into one hit citing every copy."""
        ranked = self.rank(query, k=k * 3 if collapse else k, mode=mode, filters=filters)
        kept: list[tuple[int, float, list[Citation]]]
        if collapse:
            vectors = self._vectors([row for row, _ in ranked])
            kept = collapse_ranked(ranked, k, self._duplicates, vectors,
                             lambda row: citation(self.chunks[row], self.documents))  # fmt: skip
        else:
            kept = [(row, score, []) for row, score in ranked[:k]]
        return make_hits(kept, self.chunks, self.documents, query)
