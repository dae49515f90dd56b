"""BM25 over chunk texts with bm25s, saved next to the database; the ``bm25`` retriever."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .retrievers import IndexContext, IndexNotBuiltError, IndexRows
from .settings import BM25Params, SearchSettings
from .tokenize import terms_of, tokenize

if TYPE_CHECKING:
    import bm25s  # imported when an index is built or opened: it costs seconds at start-up

__all__ = ["BM25Index", "BM25Params", "BM25Retriever"]

_EMPTY = "\u2205"
ROW_IDS = "chunk_ids.txt"


class BM25Index:
    """BM25 whose rows follow the store's chunk order.

    bm25s precomputes the score of every (term, chunk) pair in a sparse matrix; a query sums the
    columns of its terms with one ``np.bincount``, which stays fast at hundreds of thousands of
    chunks.
    """

    def __init__(self, retriever: bm25s.BM25, n_docs: int, params: BM25Params | None = None):
        self.retriever = retriever
        self.n_docs = n_docs
        self.params = params or BM25Params()
        s = retriever.scores
        self._data = np.asarray(s["data"], dtype=np.float32)
        self._indices = np.asarray(s["indices"], dtype=np.int64)
        self._indptr = np.asarray(s["indptr"], dtype=np.int64)
        self._vocab: dict[str, int] = retriever.vocab_dict

    @classmethod
    def build(
        cls, texts: list[str], params: BM25Params | None = None, titles: list[str] | None = None
    ) -> BM25Index:
        """Index ``texts``; with ``params.title_weight``, each text's ``titles`` entry is added."""
        import bm25s

        params = params or BM25Params()
        retriever = bm25s.BM25(k1=params.k1, b=params.b, method=params.method)
        tokens = tokenize(texts)
        if params.title_weight and titles is not None:
            title_terms = tokenize(titles)
            tokens = [
                t + tt * params.title_weight for t, tt in zip(tokens, title_terms, strict=True)
            ]
        # bm25s cannot index an empty vocabulary; a placeholder token keeps the shapes right.
        tokens = [t or [_EMPTY] for t in tokens] or [[_EMPTY]]
        # Vocabulary ids in sorted order (bm25s numbers terms in set order, which changes from
        # one process to the next), so that two builds over one corpus write the same bytes.
        vocab = {term: i for i, term in enumerate(sorted({t for doc in tokens for t in doc}))}
        ids = [[vocab[t] for t in doc] for doc in tokens]
        retriever.index((ids, vocab), show_progress=False)
        return cls(retriever, len(texts), params)

    def vocabulary_size(self) -> int:
        """Distinct terms in the index (bm25s's empty-document token included)."""
        return len(self._vocab)

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
        """Write the index files into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        self.retriever.save(str(folder), show_progress=False)
        meta = {"n_docs": self.n_docs, "params": asdict(self.params)}
        (folder / "rows.json").write_text(json.dumps(meta))

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        """The index saved in ``folder``."""
        import bm25s

        retriever = bm25s.BM25.load(str(folder), show_progress=False)
        meta = json.loads((folder / "rows.json").read_text())
        return cls(retriever, meta["n_docs"], BM25Params(**meta.get("params", {})))


class BM25Retriever:
    """The ``bm25`` retriever: Lucene BM25 over Snowball stems, English stop words removed."""

    name = "bm25"
    positive_only = True

    def __init__(self, index: BM25Index):
        self.index = index

    @classmethod
    def build(cls, rows: IndexRows, folder: Path, settings: SearchSettings) -> dict[str, int]:
        """Build and save the index, with the row order it follows."""
        index = BM25Index.build(rows.texts, settings.bm25, list(rows.titles))
        index.save(folder)
        (folder / ROW_IDS).write_text("\n".join(rows.chunk_ids))
        return {"vocabulary": index.vocabulary_size()}

    @classmethod
    def load(cls, context: IndexContext) -> BM25Retriever:
        """Open the saved index; refuses one built over other chunks."""
        ids_file = context.folder / ROW_IDS
        if not ids_file.is_file():
            raise IndexNotBuiltError.missing(context.root, f"no {ids_file.name}")
        ids = context.rows.chunk_ids
        if ids and ids_file.read_text().split("\n") != ids:
            raise IndexNotBuiltError.stale(context.root)
        return cls(BM25Index.load(context.folder))

    def score(self, query: str) -> np.ndarray:
        """BM25 score of every row."""
        return self.index.scores(query)

    def vectors(self, rows: np.ndarray) -> np.ndarray | None:
        """BM25 has no vectors."""
        return None
