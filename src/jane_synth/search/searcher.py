"""The search API: open the index once, answer many queries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from ..config import OutputLayout
from ..embedding import Embedder
from ..records import Chunk, Citation, SearchHit
from ..store import Store, StoredDocument
from .bm25 import BM25Index
from .dense import DenseIndex, ExactDenseIndex
from .filters import Filters
from .fusion import reciprocal_rank_fusion, top_k, weighted_fusion
from .snippets import make_snippet

Mode = Literal["bm25", "dense", "hybrid"]
CANDIDATES = 100
NEAR_DUPLICATE_JACCARD = 0.8


class IndexNotBuiltError(FileNotFoundError):
    pass


def build_search_index(store: Store, layout: OutputLayout) -> BM25Index:
    """Build and save the BM25 index over the store's chunks, in the store's chunk order."""
    chunks = store.chunks()
    index = BM25Index.build([c.text for c in chunks])
    index.save(layout.bm25_dir)
    (layout.bm25_dir / "chunk_ids.txt").write_text("\n".join(c.chunk_id for c in chunks))
    return index


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class Searcher:
    """Hybrid BM25 + dense search over one jane-synth output folder.

    ``fusion`` is ``"rrf"`` (reciprocal rank fusion) or ``"weighted"`` (convex combination of
    min-max normalised scores with weight ``alpha`` on the dense side).
    """

    store: Store
    chunks: list[Chunk]
    documents: dict[str, StoredDocument]
    bm25: BM25Index
    dense: DenseIndex
    embedder: Embedder
    theme_ids: list[int | None]
    fusion: str = "rrf"
    alpha: float = 0.5

    @classmethod
    def open(cls, output_dir: Path | str, embedder: Embedder | None = None, **kwargs) -> Searcher:
        layout = OutputLayout(Path(output_dir))
        if not layout.database.is_file() or not (layout.bm25_dir / "chunk_ids.txt").is_file():
            raise IndexNotBuiltError(
                f"no search index in {layout.root}: run `jane-synth run` first"
            )
        store = Store(layout.database)
        embedder = embedder or Embedder()
        chunks = store.chunks()
        ids, vectors = store.chunk_vectors(embedder.name)
        saved_ids = (layout.bm25_dir / "chunk_ids.txt").read_text().split("\n")
        if ids != [c.chunk_id for c in chunks] or saved_ids != ids:
            raise IndexNotBuiltError(
                f"the search index in {layout.root} is out of date: run `jane-synth run` again"
            )
        themes = store.chunk_theme_ids()
        return cls(
            store=store,
            chunks=chunks,
            documents={d.doc_id: d for d in store.documents()},
            bm25=BM25Index.load(layout.bm25_dir),
            dense=ExactDenseIndex(vectors),
            embedder=embedder,
            theme_ids=[themes.get(c.chunk_id) for c in chunks],
            **kwargs,
        )

    def close(self) -> None:
        self.store.close()

    def _mask(self, filters: Filters | None) -> np.ndarray | None:
        if not filters:
            return None
        return filters.mask(
            [c.doc_id for c in self.chunks],
            [frozenset(e.slug for e in c.entities) for c in self.chunks],
            self.theme_ids,
            self.documents,
        )

    def rank(
        self, query: str, k: int = 10, mode: Mode = "hybrid", filters: Filters | None = None
    ) -> list[tuple[int, float]]:
        """``(row, score)`` of the best ``k`` chunks, best first."""
        mask = self._mask(filters)
        if mode == "bm25":
            scores = self.bm25.scores(query)
            return [(int(i), float(scores[i])) for i in top_k(scores, k, mask)]
        dense_scores = self.dense.scores(self.embedder.encode_query(query))
        if mode == "dense":
            return [(int(i), float(dense_scores[i])) for i in top_k(dense_scores, k, mask)]
        bm25_scores = self.bm25.scores(query)
        n = max(k, CANDIDATES)
        bm25_top = top_k(bm25_scores, n, mask)
        bm25_top = bm25_top[bm25_scores[bm25_top] > 0]
        dense_top = top_k(dense_scores, n, mask)
        if self.fusion == "weighted":
            candidates = np.union1d(bm25_top, dense_top)
            fused = weighted_fusion(bm25_scores, dense_scores, candidates, self.alpha)
        else:
            fused = reciprocal_rank_fusion([bm25_top, dense_top])
        ranked = sorted(fused.items(), key=lambda item: (-item[1], item[0]))
        return [(int(r), float(s)) for r, s in ranked[:k]]

    def _citation(self, chunk: Chunk) -> Citation:
        doc = self.documents[chunk.doc_id]
        return Citation(chunk.doc_id, doc.meta.title, chunk.page, doc.path, doc.meta.publisher,
                        doc.meta.year)  # fmt: skip

    def search(
        self,
        query: str,
        k: int = 10,
        mode: Mode = "hybrid",
        filters: Filters | None = None,
        collapse: bool = True,
    ) -> list[SearchHit]:
        """The best ``k`` hits, near-identical passages collapsed into one hit."""
        ranked = self.rank(query, k=k * 3 if collapse else k, mode=mode, filters=filters)
        kept: list[tuple[int, float, set[str], list[Citation]]] = []
        for row, score in ranked:
            chunk = self.chunks[row]
            shingles = _shingles(chunk.text)
            twin = next(
                (
                    item
                    for item in kept
                    if collapse and _jaccard(item[2], shingles) >= NEAR_DUPLICATE_JACCARD
                ),
                None,
            )
            if twin is not None:
                twin[3].append(self._citation(chunk))
                continue
            kept.append((row, score, shingles, []))
            if len(kept) == k:
                break
        hits = []
        for row, score, _, also in kept:
            chunk = self.chunks[row]
            cite = self._citation(chunk)
            hits.append(
                SearchHit(
                    chunk_id=chunk.chunk_id,
                    doc_id=chunk.doc_id,
                    title=cite.title,
                    page=chunk.page,
                    score=round(score, 6),
                    text=chunk.text,
                    snippet=make_snippet(chunk.text, query),
                    path=cite.path,
                    also_in=tuple(also),
                )
            )
        return hits
