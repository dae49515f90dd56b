"""Where users wait: embedding throughput and quality of each backend, and query latency.

    python bench/pipeline.py --json

Issue 14's benchmark, in one process and through the product's own code:

- ``embed_*_texts_per_s``: ``Embedder.encode`` over the chunk texts of the bundled corpus
  (ingested and chunked by ``sync_documents`` and ``chunk_pending`` into bench/.cache/bundled),
  in the batches ``embed_missing`` sends, torch and onnx alternating batch by batch so that
  load on the shared machine falls on both alike; and the cosine between their vectors;
- ``ndcg10_*``: nDCG@10 on SciFact train through ``beir_output`` and ``Searcher.rank``
  (bench/retrieval.py's code; one store per bulk backend under bench/.cache, embedded once), with
  torch's vectors queried by either backend; a store of ONNX vectors is embedded only when bulk
  ONNX reaches the issue's 1.2 times torch (or with ``--onnx-store``): below that, bulk stays on
  torch and ``ndcg10_onnx`` is the default product's (torch vectors, ONNX queries);
- ``query_p50_ms``: single ``Searcher.search`` calls with the default settings on SciFact and a
  100,000-chunk store (bench/search_latency.py's code), the default query backend against torch
  and onnx-int8 (``query_p50_ms_by_query_backend``; ``ndcg10_onnx_int8_queries`` is its quality).

- ``cold_run_s``, ``noop_rerun_s``, ``one_doc_rerun_s``, ``peak_rss_mb``: three runs of
  ``jane-synth run`` on a copy of the bundled corpus (bench/pipeline_runs.py), measured first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np
import search_latency
from _common import (
    CACHE,
    ROOT,
    SCIFACT,
    beir_output,
    log,
    print_result,
    read_jsonl,
    read_qrels,
)
from pipeline_runs import run_figures
from retrieval import doc_ids, evaluate

from jane_synth.config import OutputLayout
from jane_synth.embedding import Embedder
from jane_synth.pipeline import chunk_pending, sync_documents
from jane_synth.search import Searcher
from jane_synth.settings import EmbeddingSettings
from jane_synth.store import Store
from jane_synth.threads import limited_threads

BACKENDS = ("torch", "onnx")
# Query encoders compared for latency and retrieval quality (int8 is a query-side option only).
QUERY_BACKENDS = ("torch", "onnx", "onnx-int8")
OUTER_BATCH = 256  # what embed_missing hands to Embedder.encode at a time
BULK_TARGET = 1.2  # issue 14: bulk ONNX must be at least this many times torch


def bundled_texts(cache: Path) -> list[str]:
    """Chunk texts of the bundled corpus, longest first, as ``embed_missing`` orders them."""
    layout = OutputLayout(cache / "bundled")
    with Store(layout.store) as store:
        sync_documents(store, ROOT / "corpus", layout)
        chunk_pending(store)
        texts = [text for _, text in store.texts_missing_embeddings("bench-no-model")]
    return sorted(texts, key=lambda t: -len(t))


def embedding_speed(texts: list[str], embedders: dict[str, Embedder]) -> dict:
    """Texts per second of each backend, alternating batch by batch, and their cosine."""
    for embedder in embedders.values():
        embedder.encode(texts[:16])  # load the model (and export it once for onnx)
    seconds = dict.fromkeys(embedders, 0.0)
    vectors: dict[str, list[np.ndarray]] = {name: [] for name in embedders}
    for start in range(0, len(texts), OUTER_BATCH):
        batch = texts[start : start + OUTER_BATCH]
        for name, embedder in embedders.items():
            t = time.perf_counter()
            vectors[name].append(embedder.encode(batch))
            seconds[name] += time.perf_counter() - t
    out = {f"embed_{n}_texts_per_s": round(len(texts) / s, 1) for n, s in seconds.items()}
    out["embed_onnx_over_torch"] = round(seconds["torch"] / seconds["onnx"], 3)
    a, b = (np.concatenate(vectors[n]) for n in BACKENDS)
    cosine = (a * b).sum(axis=1)
    out["embed_texts"] = len(texts)
    out["cosine_onnx_torch"] = {"min": round(float(cosine.min()), 6),
                                "mean": round(float(cosine.mean()), 6)}  # fmt: skip
    log(f"bundled chunk texts: {out}")
    return out


def ndcg(data: Path, qrels_path: Path, cache: Path, bulk: str, queries_by: tuple[str, ...]) -> dict:
    """nDCG@10 (hybrid, dense) of a store embedded by ``bulk``, per query backend."""
    embedder = Embedder(backend=bulk)
    layout = beir_output(data, embedder, cache if bulk == "torch" else cache / bulk)
    qrels = read_qrels(qrels_path)
    texts = {q["_id"]: q["text"] for q in read_jsonl(data / "queries.jsonl")}
    queries = {q: texts[q] for q in sorted(qrels, key=str) if q in texts}
    out = {}
    for query_backend in queries_by:
        embedder.query_backend = query_backend
        with Searcher.open(layout.root, embedder=embedder) as searcher:
            for mode in ("hybrid", "dense"):
                runs = {q: doc_ids(searcher, searcher.rank(t, k=100, mode=mode))
                        for q, t in queries.items()}  # fmt: skip
                out[f"{mode}/{query_backend}"] = evaluate(runs, qrels)["ndcg@10"]
        log(f"nDCG@10, vectors by {bulk}: {out}")
    return out


def quality(args: argparse.Namespace, bulk_ratio: float) -> dict:
    """nDCG@10 of torch, and of ONNX: its own vectors when it may embed in bulk, else queries."""
    torch_q = ndcg(args.data, args.qrels, args.cache, "torch", QUERY_BACKENDS)
    by_vectors = {"torch": torch_q}
    out = {"ndcg10_torch": torch_q["hybrid/torch"], "ndcg10_onnx": torch_q["hybrid/onnx"],
           "ndcg10_onnx_int8_queries": torch_q["hybrid/onnx-int8"]}  # fmt: skip
    if bulk_ratio >= BULK_TARGET or args.onnx_store:
        by_vectors["onnx"] = ndcg(args.data, args.qrels, args.cache, "onnx", ("onnx",))
        out["ndcg10_onnx"] = by_vectors["onnx"]["hybrid/onnx"]
        out["bulk_backend"] = "onnx may embed in bulk if nDCG@10 holds"
    else:
        out["bulk_backend"] = (
            f"torch: bulk ONNX ran at {bulk_ratio} times torch, below the target "
            f"{BULK_TARGET}; ndcg10_onnx is torch's vectors queried by ONNX"
        )
    out["ndcg10_by_vectors_and_queries"] = by_vectors
    return out


def query_latency(data: Path, cache: Path, n_queries: int) -> dict:
    """p50 of ``Searcher.search`` with each query backend, on SciFact and at 100,000 chunks."""
    search_latency.SCIFACT = data  # its synthetic store takes sentences from SciFact
    queries = [q["text"] for q in read_jsonl(data / "queries.jsonl")][:n_queries]
    stores = {
        "scifact": lambda e: beir_output(data, e, cache),
        "100k": lambda e: search_latency.synthetic_output(100_000, e, cache),
    }
    out: dict = {}
    for store, build in stores.items():
        for query_backend in QUERY_BACKENDS:
            embedder = Embedder(backend="torch", query_backend=query_backend)
            with Searcher.open(build(embedder).root, embedder=embedder) as searcher:
                figures = search_latency.measure(searcher, queries)
            out.setdefault(query_backend, {})[store] = figures["p50_ms"]
            log(f"{store}, queries by {query_backend}: {figures}")
    return out


def encode_latency(data: Path, n_queries: int) -> dict:
    """p50 of ``Embedder.encode_query`` alone per backend, alternating query by query."""
    queries = [q["text"] for q in read_jsonl(data / "queries.jsonl")][:n_queries]
    embedders = {name: Embedder(query_backend=name) for name in QUERY_BACKENDS}
    times: dict[str, list[float]] = {name: [] for name in QUERY_BACKENDS}
    with limited_threads(1):  # as Searcher.encode_query runs it
        for embedder in embedders.values():
            embedder.encode_query("warm up")
        for query in queries:
            for name, embedder in embedders.items():
                t = time.perf_counter()
                embedder.encode_query(query)
                times[name].append((time.perf_counter() - t) * 1000)
    out = {name: round(statistics.median(ts), 2) for name, ts in times.items()}
    log(f"query encoding p50 ms: {out}")
    return out


def run(args: argparse.Namespace) -> dict:
    """Every figure of the benchmark, measured in this process."""
    t0 = time.perf_counter()
    load_before = os.getloadavg()
    defaults = EmbeddingSettings()
    result: dict = {"cores": len(os.sched_getaffinity(0)), "cpu_count": os.cpu_count()}
    if not args.encode_only:  # first: the cold run must not find anything this process made
        result.update(run_figures(args.cache))
    result["query_encode_p50_ms"] = encode_latency(args.data, args.queries)
    if args.encode_only:
        return result | {"load_average": [round(x, 2) for x in load_before]}
    texts = bundled_texts(args.cache)
    embedders = {name: Embedder(backend=name) for name in BACKENDS}
    result.update(embedding_speed(texts, embedders))
    result.update(quality(args, result["embed_onnx_over_torch"]))
    latency = query_latency(args.data, args.cache, args.queries)
    result["query_p50_ms"] = latency[defaults.query_backend]
    result["query_p50_ms_by_query_backend"] = latency
    result["settings"] = defaults.model_dump()
    result["load_average"] = {"before": [round(x, 2) for x in load_before],
                              "after": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
    result["seconds"] = round(time.perf_counter() - t0, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--data", type=Path, default=SCIFACT, help="the SciFact BEIR folder")
    parser.add_argument("--qrels", type=Path, default=None, help="default: DATA/qrels/train.tsv")
    parser.add_argument("--queries", type=int, default=300, help="queries per latency store")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument(
        "--encode-only", action="store_true", help="only time query encoding per backend"
    )
    parser.add_argument(
        "--onnx-store", action="store_true", help="embed SciFact with ONNX too (minutes)"
    )
    args = parser.parse_args(argv)
    args.qrels = args.qrels or args.data / "qrels" / "train.tsv"
    result = run(args)
    print_result(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
