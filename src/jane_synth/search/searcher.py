"""The search API: open the index once, answer many queries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from ..config import OutputLayout
from ..embedding import Embedder
from ..records import Chunk, Citation, SearchHit
from ..store import Store, StoredDocument
from ..threads import limited_threads
from .bm25 import BM25Index, BM25Params
from .dense import DenseIndex, ExactDenseIndex
from .filters import Filters
from .fusion import fuse, top_k
from .snippets import make_snippet

Mode = Literal["bm25", "dense", "hybrid"]
NEAR_DUPLICATE_JACCARD = 0.8
# Passages that near-duplicate each other embed almost alike; pairs of hits whose vectors are
# less similar than this are not compared word by word.
NEAR_DUPLICATE_MIN_COSINE = 0.8
# Within a version group (a draft and its final, v1 and v3) passages are revised and chunk
# boundaries shift: a third of the smaller passage's shingles found in the other is "the same
# passage in another version" (overlap coefficient, not Jaccard).
VERSION_DUPLICATE_OVERLAP = 0.35
_SHINGLE_CACHE_SIZE = 20_000


@dataclass(frozen=True)
class SearchSettings:
    """How hybrid scores are fused; the defaults are the ones bench/retrieval.py reports.

    ``fusion`` is ``"weighted"`` (``(1 - alpha) * bm25 + alpha * dense`` after ``normalise``,
    ``"zscore"`` or ``"minmax"``, over the union of both sides' candidates) or ``"rrf"``
    (reciprocal rank fusion with constant ``rrf_k``). ``candidates`` is how deep each side is
    read. ``threads`` caps torch and BLAS threads while one query runs (``0``: no cap).

    Chosen on SciFact train (bench/retrieval.py --sweep, tuned on one half of the queries and
    checked on the other): z-score weighted fusion at alpha 0.5 beat the best RRF by about 0.02
    nDCG@10 on both halves.
    """

    fusion: str = "weighted"
    rrf_k: int = 60
    alpha: float = 0.5
    normalise: str = "zscore"
    candidates: int = 100
    threads: int = 1


class IndexNotBuiltError(FileNotFoundError):
    pass


def build_search_index(
    store: Store, layout: OutputLayout, params: BM25Params | None = None
) -> BM25Index:
    """Build and save the BM25 index over the store's chunks, in the store's chunk order."""
    chunks = store.chunks()
    titles = {d.doc_id: d.meta.title for d in store.documents()}
    index = BM25Index.build(
        [c.text for c in chunks], params or BM25Params(), [titles[c.doc_id] for c in chunks]
    )
    index.save(layout.bm25_dir)
    (layout.bm25_dir / "chunk_ids.txt").write_text("\n".join(c.chunk_id for c in chunks))
    return index


def _shingles(text: str) -> frozenset[str]:
    words = re.findall(r"\w+", text.lower())
    return frozenset(" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2)))


def _jaccard(
    a: frozenset[str], b: frozenset[str], threshold: float = NEAR_DUPLICATE_JACCARD
) -> float:
    if not a or not b or min(len(a), len(b)) < threshold * max(len(a), len(b)):
        return 0.0  # too different in size to reach the threshold
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@dataclass
class Searcher:
    """Hybrid BM25 + dense search over one jane-synth output folder."""

    store: Store
    chunks: list[Chunk]
    documents: dict[str, StoredDocument]
    bm25: BM25Index
    dense: DenseIndex
    embedder: Embedder
    theme_ids: list[int | None]
    settings: SearchSettings = field(default_factory=SearchSettings)

    def __post_init__(self) -> None:
        doc_pos = {d: i for i, d in enumerate(self.documents)}
        self._doc_list = list(self.documents.values())
        self._chunk_doc = np.array([doc_pos[c.doc_id] for c in self.chunks], dtype=np.int64)
        self._themes = np.array(
            [-1 if t is None else t for t in self.theme_ids], dtype=np.int64
        ).reshape(-1)
        self._languages = np.array(
            [(c.language or self.documents[c.doc_id].meta.language).lower() for c in self.chunks],
            dtype=object,
        )
        rows_by_country: dict[str, list[int]] = {}
        for row, chunk in enumerate(self.chunks):
            for e in chunk.entities:
                if e.label == "COUNTRY":
                    rows_by_country.setdefault(e.slug, []).append(row)
        self._country_rows = {s: np.unique(r) for s, r in rows_by_country.items()}
        self._row_of = {c.chunk_id: row for row, c in enumerate(self.chunks)}
        self._shingle_cache: dict[int, frozenset[str]] = {}

    @property
    def country_slugs(self) -> list[str]:
        """Slugs of the countries that some chunk names (what the country filter can match)."""
        return sorted(self._country_rows)

    def row_of(self, chunk_id: str) -> int | None:
        """The row of a chunk in this searcher's arrays."""
        return self._row_of.get(chunk_id)

    def chunk(self, chunk_id: str) -> Chunk | None:
        """The chunk with this id, if the index has it."""
        row = self._row_of.get(chunk_id)
        return None if row is None else self.chunks[row]

    @classmethod
    def open(
        cls,
        output_dir: Path | str,
        embedder: Embedder | None = None,
        settings: SearchSettings | None = None,
    ) -> Searcher:
        layout = OutputLayout(Path(output_dir))
        if not layout.database.is_file() or not (layout.bm25_dir / "chunk_ids.txt").is_file():
            raise IndexNotBuiltError(
                f"no search index yet: run `jane-synth run` first (looked in {layout.root})"
            )
        store = Store(layout.database)
        embedder = embedder or Embedder()
        chunks = store.chunks()
        ids, vectors = store.chunk_vectors(embedder.name)
        saved_ids = (layout.bm25_dir / "chunk_ids.txt").read_text().split("\n")
        if ids != [c.chunk_id for c in chunks] or (saved_ids != ids and ids):
            store.close()
            raise IndexNotBuiltError(
                f"the search index is out of date: run `jane-synth run` again ({layout.root})"
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
            settings=settings or SearchSettings(),
        )

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- ranking ------------------------------------------------------------------------------

    def mask(self, filters: Filters | None) -> np.ndarray | None:
        """Boolean row mask of the chunks that pass ``filters`` (``None``: no filter)."""
        if not filters:
            return None
        return filters.mask(
            self._doc_list, self._chunk_doc, self._country_rows, self._themes, self._languages
        )

    def encode_query(self, query: str) -> np.ndarray:
        with limited_threads(self.settings.threads):
            return self.embedder.encode_query(query)

    def rank(
        self, query: str, k: int = 10, mode: Mode = "hybrid", filters: Filters | None = None
    ) -> list[tuple[int, float]]:
        """``(row, score)`` of the best ``k`` chunks, best first."""
        if mode not in ("bm25", "dense", "hybrid"):
            raise ValueError(f"unknown search mode {mode!r}")
        with limited_threads(self.settings.threads):
            mask = self.mask(filters)
            bm25_scores = self.bm25.scores(query) if mode != "dense" else None
            dense_scores = (
                self.dense.scores(self.embedder.encode_query(query)) if mode != "bm25" else None
            )
            return self.rank_scores(bm25_scores, dense_scores, k, mask)

    def rank_scores(
        self,
        bm25_scores: np.ndarray | None,
        dense_scores: np.ndarray | None,
        k: int,
        mask: np.ndarray | None = None,
        settings: SearchSettings | None = None,
    ) -> list[tuple[int, float]]:
        """Rank from precomputed score vectors: one side alone, or both fused by ``settings``."""
        s = settings or self.settings
        if dense_scores is None or bm25_scores is None:
            scores = bm25_scores if dense_scores is None else dense_scores
            assert scores is not None
            rows = top_k(scores, k, mask)
            if dense_scores is None:
                rows = rows[scores[rows] > 0]
            return [(int(i), float(scores[i])) for i in rows]
        n = max(k, s.candidates)
        bm25_top = top_k(bm25_scores, n, mask)
        bm25_top = bm25_top[bm25_scores[bm25_top] > 0]
        dense_top = top_k(dense_scores, n, mask)
        return fuse(bm25_scores, dense_scores, bm25_top, dense_top, k, s)

    # -- hits ---------------------------------------------------------------------------------

    def citation(self, chunk: Chunk) -> Citation:
        doc = self.documents[chunk.doc_id]
        return Citation(chunk.doc_id, doc.meta.title, chunk.page, doc.path, doc.meta.publisher,
                        doc.meta.year)  # fmt: skip

    def _shingles_of(self, row: int) -> frozenset[str]:
        cached = self._shingle_cache.get(row)
        if cached is None:
            if len(self._shingle_cache) >= _SHINGLE_CACHE_SIZE:
                self._shingle_cache.clear()
            cached = self._shingle_cache[row] = _shingles(self.chunks[row].text)
        return cached

    def near_duplicates(self, a: int, b: int) -> bool:
        """Whether rows ``a`` and ``b`` hold near-identical passages (3-word shingle Jaccard),
        with a looser threshold when their documents are versions of one another."""
        sa, sb = self._shingles_of(a), self._shingles_of(b)
        if self._version_root(a) == self._version_root(b) and sa and sb:
            return len(sa & sb) / min(len(sa), len(sb)) >= VERSION_DUPLICATE_OVERLAP
        return _jaccard(sa, sb) >= NEAR_DUPLICATE_JACCARD

    def _version_root(self, row: int) -> str:
        """The current version of the row's document (itself when it is not superseded)."""
        doc_id = self.chunks[row].doc_id
        seen = {doc_id}
        while (newer := self.documents[doc_id].superseded_by) and newer in self.documents:
            if newer in seen:
                break
            seen.add(newer)
            doc_id = newer
        return doc_id

    def _is_current(self, row: int) -> bool:
        return self.documents[self.chunks[row].doc_id].superseded_by is None

    def _collapse(
        self, ranked: list[tuple[int, float]], k: int, collapse: bool
    ) -> list[tuple[int, float, list[Citation]]]:
        if not collapse:
            return [(row, score, []) for row, score in ranked[:k]]
        rows = [row for row, _ in ranked]
        sim = None
        if len(rows) > 1 and len(self.dense) == len(self.chunks):
            v = self.dense.rows(np.asarray(rows, dtype=np.int64))
            sim = None if v is None else v @ v.T
        kept: list[list] = []  # [position in ranked, row, score, also_in]
        for i, (row, score) in enumerate(ranked):
            twin = next(
                (
                    item
                    for item in kept
                    if (
                        sim is None
                        or sim[i, item[0]] >= NEAR_DUPLICATE_MIN_COSINE
                        or self._version_root(row) == self._version_root(item[1])
                    )
                    and self.near_duplicates(row, item[1])
                ),
                None,
            )
            if twin is None:
                if len(kept) < k:
                    kept.append([i, row, score, []])
            elif self._is_current(row) and not self._is_current(twin[1]):
                # The newest version leads the hit; the older one is listed under also_in.
                twin[3].insert(0, self.citation(self.chunks[twin[1]]))
                twin[0], twin[1] = i, row
            else:
                twin[3].append(self.citation(self.chunks[row]))
        return [(row, score, also) for _, row, score, also in kept]

    def search(
        self,
        query: str,
        k: int = 10,
        mode: Mode = "hybrid",
        filters: Filters | None = None,
        collapse: bool = True,
    ) -> list[SearchHit]:
        """The best ``k`` hits, near-identical passages collapsed into one hit citing every copy."""
        depth = k * 3 if collapse else k
        ranked = self.rank(query, k=depth, mode=mode, filters=filters)
        kept = self._collapse(ranked, k, collapse)
        hits = []
        for row, score, also in kept:
            chunk = self.chunks[row]
            cite = self.citation(chunk)
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
