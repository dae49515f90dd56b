"""BM25 over chunk texts with bm25s, saved next to the database."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import bm25s
import numpy as np

from .tokenize import terms_of, tokenize

_EMPTY = "\u2205"


@dataclass(frozen=True)
class BM25Params:
    """BM25 settings; the defaults were chosen on SciFact train (see bench/retrieval.py)."""

    k1: float = 1.2
    b: float = 0.75
    method: str = "lucene"
    title_weight: int = 0  # times the document title is added to each chunk's BM25 text


class BM25Index:
    """BM25 whose rows follow the store's chunk order.

    bm25s precomputes the score of every (term, chunk) pair in a sparse matrix; a query sums the
    columns of its terms with one ``np.bincount``, which stays fast at hundreds of thousands of
    chunks.
    """

    def __init__(self, retriever: bm25s.BM25, n_docs: int, params: BM25Params = BM25Params()):
        self.retriever = retriever
        self.n_docs = n_docs
        self.params = params
        s = retriever.scores
        self._data = np.asarray(s["data"], dtype=np.float32)
        self._indices = np.asarray(s["indices"], dtype=np.int64)
        self._indptr = np.asarray(s["indptr"], dtype=np.int64)
        self._vocab: dict[str, int] = retriever.vocab_dict

    @classmethod
    def build(
        cls, texts: list[str], params: BM25Params = BM25Params(), titles: list[str] | None = None
    ) -> BM25Index:
        """Index ``texts``; with ``params.title_weight``, each text's ``titles`` entry is added."""
        retriever = bm25s.BM25(k1=params.k1, b=params.b, method=params.method)
        tokens = tokenize(texts)
        if params.title_weight and titles is not None:
            title_terms = tokenize(titles)
            tokens = [
                t + tt * params.title_weight for t, tt in zip(tokens, title_terms, strict=True)
            ]
        # bm25s cannot index an empty vocabulary; a placeholder token keeps the shapes right.
        retriever.index([t or [_EMPTY] for t in tokens] or [[_EMPTY]], show_progress=False)
        return cls(retriever, len(texts), params)

    def term_ids(self, query: str) -> list[int]:
        """Vocabulary ids of the query's terms (repeats kept, unknown terms dropped)."""
        return [self._vocab[t] for t in terms_of(query) if t in self._vocab]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for ``query`` (zeros when no query term is known)."""
        ids = self.term_ids(query)
        if not ids or self.n_docs == 0:
            return np.zeros(self.n_docs, dtype=np.float32)
        if len(ids) == 1:
            lo, hi = self._indptr[ids[0]], self._indptr[ids[0] + 1]
            out = np.zeros(self.n_docs, dtype=np.float32)
            out[self._indices[lo:hi]] = self._data[lo:hi]
            return out
        parts = [slice(self._indptr[i], self._indptr[i + 1]) for i in ids]
        rows = np.concatenate([self._indices[p] for p in parts])
        weights = np.concatenate([self._data[p] for p in parts])
        return np.bincount(rows, weights=weights, minlength=self.n_docs).astype(np.float32)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.retriever.save(str(folder))
        meta = {"n_docs": self.n_docs, "params": asdict(self.params)}
        (folder / "rows.json").write_text(json.dumps(meta))

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        retriever = bm25s.BM25.load(str(folder), show_progress=False)
        meta = json.loads((folder / "rows.json").read_text())
        return cls(retriever, meta["n_docs"], BM25Params(**meta.get("params", {})))
