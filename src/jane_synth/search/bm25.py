"""BM25 over chunk texts with bm25s, saved next to the database."""

from __future__ import annotations

import json
from pathlib import Path

import bm25s
import numpy as np

from .tokenize import query_terms, tokenize


class BM25Index:
    """Lucene-variant BM25 (k1=1.2, b=0.75) whose rows follow the store's chunk order."""

    def __init__(self, retriever: bm25s.BM25, n_docs: int):
        self.retriever = retriever
        self.n_docs = n_docs

    @classmethod
    def build(cls, texts: list[str], k1: float = 1.2, b: float = 0.75) -> BM25Index:
        retriever = bm25s.BM25(k1=k1, b=b, method="lucene")
        tokens = tokenize(texts)
        # bm25s cannot index an empty corpus vocabulary; a placeholder keeps shapes right.
        retriever.index([t or ["\u2205"] for t in tokens], show_progress=False)
        return cls(retriever, len(texts))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for ``query`` (zeros when no query term is known)."""
        terms = [t for t in query_terms(query) if t in self.retriever.vocab_dict]
        if not terms or self.n_docs == 0:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(terms), dtype=np.float32)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.retriever.save(str(folder))
        (folder / "rows.json").write_text(json.dumps({"n_docs": self.n_docs}))

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        retriever = bm25s.BM25.load(str(folder))
        n_docs = json.loads((folder / "rows.json").read_text())["n_docs"]
        return cls(retriever, n_docs)
