"""Every search tunable in one frozen record: fusion, weights, BM25, candidates, threads, collapse."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BM25Params:
    """BM25 settings; the defaults were chosen on SciFact train (see bench/retrieval.py)."""

    k1: float = 1.2
    b: float = 0.75
    method: str = "lucene"
    title_weight: int = 0  # times the document title is added to each chunk's BM25 text


@dataclass(frozen=True)
class SearchSettings:
    """How retrievers are read and fused; the defaults are the ones bench/retrieval.py reports.

    ``fusion`` is ``"weighted"`` (a weighted sum of each retriever's scores after ``normalise``,
    ``"zscore"`` or ``"minmax"``, over the union of every retriever's candidates) or ``"rrf"``
    (reciprocal rank fusion with constant ``rrf_k``). ``alpha`` weighs dense against BM25
    (``(1 - alpha) * bm25 + alpha * dense``); ``weights`` sets any retriever's weight by name
    and wins over ``alpha``; a retriever named in neither gets ``default_weight``.
    ``candidates`` is how deep each retriever is read. ``threads`` caps torch and BLAS threads
    while one query runs (``0``: no cap). ``bm25`` is used when the index is built.

    Collapse of near-identical hits: two passages are one hit when their 3-word shingles reach
    ``near_duplicate_jaccard``; pairs whose vectors are less similar than
    ``near_duplicate_min_cosine`` are not compared word by word. Within a version group (a draft
    and its final) chunk boundaries shift, so an overlap coefficient of
    ``version_duplicate_overlap`` suffices there.

    Chosen on SciFact train (bench/retrieval.py --sweep, tuned on one half of the queries and
    checked on the other): z-score weighted fusion at alpha 0.5 beat the best RRF by about 0.02
    nDCG@10 on both halves.
    """

    fusion: str = "weighted"
    rrf_k: int = 60
    alpha: float = 0.5
    weights: tuple[tuple[str, float], ...] = ()
    default_weight: float = 0.5
    normalise: str = "zscore"
    candidates: int = 100
    threads: int = 2
    bm25: BM25Params = BM25Params()
    near_duplicate_jaccard: float = 0.8
    near_duplicate_min_cosine: float = 0.8
    version_duplicate_overlap: float = 0.35

    def weight_of(self, retriever: str) -> float:
        """The fusion weight of one retriever."""
        explicit = dict(self.weights)
        if retriever in explicit:
            return explicit[retriever]
        if retriever == "dense":
            return self.alpha
        if retriever == "bm25":
            return 1 - self.alpha
        return self.default_weight
