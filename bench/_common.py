"""Shared helpers for the benchmarks: BEIR folders loaded through the product's Store."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache"
# The shared data sit beside the checkout (or beside the folder of git worktrees).
SCIFACT = next(
    (p / "shared" / "data" / "scifact" for p in ROOT.parents if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "data" / "scifact",
)

from jane_synth.config import OutputLayout, use_offline_model  # noqa: E402

use_offline_model()  # before anything can load the model

from jane_synth.chunking import chunk_id_for, text_hash  # noqa: E402
from jane_synth.embedding import Embedder, embed_missing  # noqa: E402
from jane_synth.records import Chunk, DocumentMeta, IngestOutcome, Page, ParsedDocument  # noqa: E402
from jane_synth.search import build_search_index  # noqa: E402
from jane_synth.store import Store  # noqa: E402


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def print_result(result: dict, as_json: bool) -> None:
    """A benchmark's figures: indented JSON, or one ``key: value`` line each."""
    if as_json:
        print(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        print(f"{key}: {value}")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """``query_id -> {doc_id: relevance}`` from a BEIR ``qrels/*.tsv`` file."""
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            qid, did, score = line.rstrip("\n").split("\t")
            qrels.setdefault(qid, {})[did] = int(score)
    return qrels


def beir_page_text(row: dict) -> str:
    """One page (and one chunk) per corpus entry: title and text, as BEIR dense models see them."""
    return f"{row.get('title', '').strip()}\n{row['text'].strip()}".strip()


def add_documents(store: Store, rows: list[dict], prefix: str) -> int:
    """Record ``rows`` (``_id``, ``title``, ``text``) as documents with one page and one chunk.

    Unchanged documents are skipped by content hash, as the product's sync does; returns how
    many documents were (re)stored.
    """
    known = store.file_hashes()
    stored = 0
    for row in rows:
        text = beir_page_text(row)
        path = f"{prefix}/{row['_id']}"
        sha = text_hash(text)
        if known.get(path) == sha:
            continue
        doc_id = row["_id"]
        meta = DocumentMeta(title=row.get("title", "") or doc_id, language="en")
        parsed = ParsedDocument(doc_id, path, "txt", meta, [Page(1, text)])
        outcome = IngestOutcome(path, "ingested", "", 1, len(text), "en", doc_id)
        store.record(outcome, sha, parsed)
        stored += 1
    for doc_id in store.documents_without_chunks():
        text = store.page_text(doc_id, 1) or ""
        chunk = Chunk(chunk_id_for(doc_id, 1, 0, len(text)), doc_id, 1, 0, len(text), 0, text,
                      text_hash(text))  # fmt: skip
        store.replace_chunks(doc_id, [chunk])
    return stored


def beir_output(data_dir: Path, embedder: Embedder, cache: Path = CACHE) -> OutputLayout:
    """An output folder under ``bench/.cache`` holding ``data_dir``'s corpus, embedded and indexed.

    Vectors are cached in the store by text hash, so only the first run pays for embedding.
    """
    data_dir = Path(data_dir).resolve()
    layout = OutputLayout(cache / data_dir.name)
    rows = read_jsonl(data_dir / "corpus.jsonl")
    with Store(layout.store) as store:
        stored = add_documents(store, rows, data_dir.name)
        embedded, reused = embed_missing(store, embedder)
        log(f"{data_dir.name}: {stored} documents stored, {embedded} embedded, {reused} reused")
        build_search_index(store, layout)
    return layout
