"""End-to-end latency of single searches, query encoding included.

    python bench/search_latency.py --json

Two stores, both under bench/.cache and built through the product's Store API:

- ``scifact``: the SciFact corpus (one chunk per abstract), embedded by the product's
  ``embed_missing`` (shared with bench/retrieval.py);
- ``synthetic_100k``: 100,000 chunks in 1,000 documents with varied metadata, texts assembled
  from SciFact sentences and random normalised vectors (``put_embeddings``).

Each query is one ``Searcher.search(query, k=10)`` call (hybrid, collapse and snippets included)
with the Searcher's default settings; ``--threads`` overrides the thread cap to compare.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import statistics
import time
from pathlib import Path

import numpy as np
from _common import (
    CACHE,
    SCIFACT,
    beir_output,
    log,
    read_jsonl,
)

from jane_synth.chunking import chunk_id_for, text_hash
from jane_synth.config import OutputLayout
from jane_synth.embedding import Embedder
from jane_synth.records import Chunk, DocumentMeta, IngestOutcome, Page, ParsedDocument
from jane_synth.search import Filters, Searcher, SearchSettings, build_search_index
from jane_synth.search.bm25 import BM25Index
from jane_synth.store import Store

DOC_TYPES = ("report", "evaluation", "minutes", "policy", "factsheet", "webpage")
PUBLISHERS = ("European Commission", "JANE-2", "ERN PaedCan", "BBMRI-ERIC", "ELIXIR", "iPAAC")
NETWORKS = ("ern-paedcan", "ern-euracan", "bbmri-eric", "elixir", "ja-jane")


def _sentences(rows: list[dict]) -> list[str]:
    out = []
    for row in rows:
        out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", row["text"]) if len(s) > 30)
    return out


def synthetic_output(
    n_chunks: int, embedder: Embedder, cache: Path = CACHE, per_doc: int = 100, seed: int = 7
) -> OutputLayout:
    """A store of ``n_chunks`` synthetic chunks with random unit vectors, built once and kept."""
    layout = OutputLayout(cache / f"synthetic_{n_chunks}")
    done = layout.root / "done.json"
    if done.is_file() and (layout.bm25_dir / "chunk_ids.txt").is_file():
        if BM25Index.load(layout.bm25_dir).params != SearchSettings().bm25:
            with Store(layout.store) as store:  # the product's defaults changed
                build_search_index(store, layout)
        return layout
    t0 = time.perf_counter()
    rng = random.Random(seed)
    sentences = _sentences(read_jsonl(SCIFACT / "corpus.jsonl"))
    vec_rng = np.random.default_rng(seed)
    dim = embedder.dim
    with Store(layout.store) as store:
        for d in range(n_chunks // per_doc):
            doc_id = f"syn{d:05d}"
            texts = [" ".join(rng.sample(sentences, rng.randint(2, 5))) for _ in range(per_doc)]
            pages = [Page(i + 1, t) for i, t in enumerate(texts)]
            meta = DocumentMeta(
                title=f"Synthetic report {d}",
                publisher=PUBLISHERS[d % len(PUBLISHERS)],
                year=2015 + d % 10,
                doc_type=DOC_TYPES[d % len(DOC_TYPES)],
                language="en",
                networks=(NETWORKS[d % len(NETWORKS)],),
            )
            path = f"synthetic/{doc_id}.txt"
            parsed = ParsedDocument(doc_id, path, "txt", meta, pages)
            n_chars = sum(len(t) for t in texts)
            store.record(IngestOutcome(path, "ingested", "", per_doc, n_chars, "en", doc_id),
                         text_hash("".join(texts)), parsed)  # fmt: skip
            chunks = [
                Chunk(chunk_id_for(doc_id, p.number, 0, len(p.text)), doc_id, p.number, 0,
                      len(p.text), i, p.text, text_hash(p.text))
                for i, p in enumerate(pages)
            ]  # fmt: skip
            store.replace_chunks(doc_id, chunks)
            vectors = vec_rng.standard_normal((per_doc, dim)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            store.put_embeddings(embedder.name, [c.text_hash for c in chunks], vectors)
        build_search_index(store, layout)
    done.write_text(json.dumps({"n_chunks": n_chunks, "seconds": time.perf_counter() - t0}))
    log(f"synthetic store of {n_chunks} chunks built in {time.perf_counter() - t0:.0f} s")
    return layout


def measure(
    searcher: Searcher, queries: list[str], filters: Filters | None = None, warmup: int = 10
) -> dict:
    for q in queries[:warmup]:
        searcher.search(q, k=10, filters=filters)
    searcher.embedder.forget_queries()  # every measured query is encoded
    times = []
    for q in queries:
        t = time.perf_counter()
        searcher.search(q, k=10, filters=filters)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 2),
        "n_chunks": len(searcher.chunks),
        "n_queries": len(times),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--queries", type=int, default=300, help="queries per store")
    parser.add_argument("--n-chunks", type=int, default=100_000, help="size of the synthetic store")
    parser.add_argument(
        "--threads", type=int, default=None, help="override the thread cap (0: none)"
    )
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args(argv)

    embedder = Embedder()
    settings = SearchSettings()
    if args.threads is not None:
        settings = dataclasses.replace(settings, threads=args.threads)
    queries = [q["text"] for q in read_jsonl(SCIFACT / "queries.jsonl")][: args.queries]
    load_before = os.getloadavg()[0]
    result: dict = {"settings": dataclasses.asdict(settings)}
    stores = {
        "scifact": lambda: beir_output(SCIFACT, embedder, args.cache),
        f"synthetic_{args.n_chunks // 1000}k": lambda: synthetic_output(
            args.n_chunks, embedder, args.cache
        ),
    }
    for name, build in stores.items():
        layout = build()
        t = time.perf_counter()
        searcher = Searcher.open(layout.root, embedder=embedder, settings=settings)
        open_s = time.perf_counter() - t
        result[name] = measure(searcher, queries)
        result[name]["open_seconds"] = round(open_s, 2)
        if name != "scifact":
            result[name]["filtered"] = measure(
                searcher, queries, Filters.parse(["doc_type=evaluation", "year_from=2020"])
            )
        searcher.close()
        log(f"{name}: {result[name]}")
    # Other work on the machine shows in the numbers: keep the 1-minute load next to them.
    result["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, r in result.items():
            if isinstance(r, dict) and "p50_ms" in r:
                print(f"{name:16s} p50 {r['p50_ms']:.1f} ms  p95 {r['p95_ms']:.1f} ms  "
                      f"{r['n_chunks']} chunks")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
