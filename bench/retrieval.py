"""Retrieval quality of the product's search on a BEIR folder: nDCG@10 and recall@100.

    python bench/retrieval.py --data ../shared/data/scifact --qrels ../shared/data/scifact/qrels/train.tsv --json

The corpus goes through the product's path: a Store (one document, page and chunk per corpus
entry, title and text), ``embed_missing`` (vectors cached by text hash in bench/.cache, so only
the first run embeds), ``build_search_index`` and ``Searcher.open`` with its default settings.
Every query with judgements in the qrels file is ranked by ``Searcher.rank`` in each mode of
``search_modes()`` (each registered retriever alone, and hybrid).

``--sweep`` also scores other fusion and BM25 settings through the same code (``rank_scores``
over the same per-query score vectors), which is how the defaults were chosen.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import time
from pathlib import Path

from _common import CACHE, beir_output, log, read_jsonl, read_qrels

from jane_synth.embedding import Embedder
from jane_synth.search import BM25Params, Searcher, SearchSettings, search_modes
from jane_synth.search.bm25 import BM25Index
from jane_synth.threads import limited_threads


def ndcg_at(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    dcg = sum(relevant.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum(r / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], relevant: dict[str, int], k: int = 100) -> float:
    wanted = {d for d, r in relevant.items() if r > 0}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def evaluate(runs: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> dict[str, float]:
    n = len(runs)
    return {
        "ndcg@10": round(sum(ndcg_at(runs[q], qrels[q]) for q in runs) / n, 4),
        "recall@100": round(sum(recall_at(runs[q], qrels[q]) for q in runs) / n, 4),
    }


def doc_ids(searcher: Searcher, ranked: list[tuple[int, float]]) -> list[str]:
    return [searcher.chunks[row].doc_id for row, _ in ranked]


def _bm25_sweep(searcher: Searcher, queries: dict[str, str], score) -> tuple[list, dict]:
    """Every BM25 setting of the grid scored alone; rows best first, and the score vectors."""
    texts = [c.text for c in searcher.chunks]
    titles = [searcher.documents[c.doc_id].meta.title for c in searcher.chunks]
    rows, vectors = [], {}
    for k1, b, title_weight in itertools.product((0.9, 1.2, 1.5), (0.5, 0.75, 0.9), (0, 1)):
        params = BM25Params(k1=k1, b=b, title_weight=title_weight)
        index = BM25Index.build(texts, params, titles)
        scores = {q: index.scores(text) for q, text in queries.items()}
        runs = {
            q: doc_ids(searcher, searcher.rank_scores({"bm25": scores[q]}, 100)) for q in queries
        }
        rows.append({"bm25": dataclasses.asdict(params), **score(runs)})
        vectors[params] = scores
    rows.sort(key=lambda r: -r["tune"]["ndcg@10"])
    return rows, vectors


def _fusion_grid(base: SearchSettings) -> list[SearchSettings]:
    grid: list[SearchSettings] = []
    for depth in (50, 100, 200):
        for rrf_k in (5, 10, 20, 40, 60, 100):
            grid.append(dataclasses.replace(base, fusion="rrf", rrf_k=rrf_k, candidates=depth))
        for norm, alpha in itertools.product(("minmax", "zscore"), (0.3, 0.4, 0.5, 0.6, 0.7)):
            grid.append(dataclasses.replace(
                base, fusion="weighted", normalise=norm, alpha=alpha, candidates=depth))  # fmt: skip
    return grid


def sweep(searcher: Searcher, queries: dict[str, str], qrels) -> dict:
    """Score BM25 and fusion settings through ``rank_scores`` on cached per-query vectors.

    Queries are split in two halves by position: settings are ranked by nDCG@10 on ``tune`` and
    also reported on ``holdout``, to show how much the choice overfits. BM25 settings are
    scored alone first; fusion settings are then scored on the two best BM25 settings.
    """
    qids = list(queries)
    halves = {"tune": set(qids[0::2]), "holdout": set(qids[1::2])}
    with limited_threads(searcher.settings.threads):
        dense = {q: searcher.retrievers["dense"].score(queries[q]) for q in qids}

    def score(runs: dict[str, list[str]]) -> dict:
        return {h: evaluate({q: runs[q] for q in ids}, qrels) for h, ids in halves.items()}

    bm25_rows, bm25_scores = _bm25_sweep(searcher, queries, score)
    log(f"bm25 sweep done: best {bm25_rows[0]}")
    hybrid_rows = []
    best_params = [BM25Params(**r["bm25"]) for r in bm25_rows[:2]]
    for params in dict.fromkeys([*best_params, searcher.settings.bm25]):
        for s in _fusion_grid(searcher.settings):
            runs = {q: doc_ids(searcher, searcher.rank_scores(
                {"bm25": bm25_scores[params][q], "dense": dense[q]}, 100, settings=s))
                for q in qids}  # fmt: skip
            hybrid_rows.append({"bm25": dataclasses.asdict(params),
                                "settings": dataclasses.asdict(s), **score(runs)})  # fmt: skip
        log(f"fusion sweep on {params} done")
    hybrid_rows.sort(key=lambda r: -r["tune"]["ndcg@10"])
    dense_runs = {
        q: doc_ids(searcher, searcher.rank_scores({"dense": dense[q]}, 100)) for q in qids
    }
    return {"dense": score(dense_runs), "bm25": bm25_rows, "hybrid": hybrid_rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, required=True, help="BEIR folder (corpus.jsonl, queries.jsonl)"
    )
    parser.add_argument(
        "--qrels", type=Path, required=True, help="qrels TSV; only its queries are run"
    )
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the store is kept")
    parser.add_argument("--sweep", action="store_true", help="also score other fusion settings")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    embedder = Embedder()
    layout = beir_output(args.data, embedder, args.cache)
    qrels = read_qrels(args.qrels)
    all_queries = {q["_id"]: q["text"] for q in read_jsonl(args.data / "queries.jsonl")}
    queries = {q: all_queries[q] for q in sorted(qrels, key=str) if q in all_queries}
    qrels = {q: qrels[q] for q in queries}

    searcher = Searcher.open(layout.root, embedder=embedder)
    t_search = time.perf_counter()
    result: dict = {}
    for mode in search_modes():
        runs = {
            q: doc_ids(searcher, searcher.rank(text, k=100, mode=mode))
            for q, text in queries.items()
        }
        result[mode] = evaluate(runs, qrels)
    result["queries"] = len(queries)
    result["fusion"] = dataclasses.asdict(searcher.settings)
    result["bm25_params"] = dataclasses.asdict(searcher.settings.bm25)
    result["search_seconds"] = round(time.perf_counter() - t_search, 1)
    if args.sweep:
        result["sweep"] = sweep(searcher, queries, qrels)
    searcher.close()
    result["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for mode in search_modes():
            print(
                f"{mode:7s} nDCG@10 {result[mode]['ndcg@10']:.4f}  recall@100 {result[mode]['recall@100']:.4f}"
            )
        print(f"{result['queries']} queries, fusion {result['fusion']}, {result['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
