"""The stages as plain functions over a store: what each Dagster asset calls.

Each function does only the work its inputs require: unchanged files are not re-parsed, chunks
are made only for new documents, and only texts without a vector are embedded.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .chunking import Chunker
from .config import OutputLayout
from .embedding import Embedder, embed_missing
from .ingest import IngestLimits, discover, file_sha256, ingest_file
from .records import IngestOutcome, Theme
from .store import Store
from .themes import ThemeModel


@dataclass
class SyncSummary:
    """What one pass over the corpus folder did."""

    outcomes: list[IngestOutcome]
    parsed: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: int = 0
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        counts = {"ingested": 0, "ingested_with_warnings": 0, "quarantined": 0}
        for o in self.outcomes:
            counts[o.status] += 1
        return counts


def write_ingest_report(outcomes: list[IngestOutcome], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [asdict(o) for o in sorted(outcomes, key=lambda o: o.path)]
    path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def sync_documents(
    store: Store, corpus_dir: Path, layout: OutputLayout, limits: IngestLimits | None = None
) -> SyncSummary:
    """Bring the store in line with the corpus folder and write ``ingest_report.json``."""
    t0 = time.perf_counter()
    corpus_dir = Path(corpus_dir)
    files = discover(corpus_dir)
    known = store.file_hashes()
    summary = SyncSummary(outcomes=[])
    current: set[str] = set()
    for path in files:
        rel = path.relative_to(corpus_dir).as_posix()
        current.add(rel)
        try:
            sha = file_sha256(path.read_bytes())
        except OSError:
            sha = ""
        if sha and known.get(rel) == sha:
            summary.unchanged += 1
            continue
        outcome, parsed = ingest_file(path, corpus_dir, limits)
        store.record(outcome, sha, parsed)
        if parsed is not None:
            summary.parsed.append(rel)
    summary.removed = store.remove_files(sorted(set(known) - current))
    summary.outcomes = [o for o in store.outcomes() if o.path in current]
    write_ingest_report(summary.outcomes, layout.ingest_report)
    summary.seconds = time.perf_counter() - t0
    return summary


def chunk_pending(store: Store, chunker: Chunker | None = None) -> int:
    """Chunk every document that has no chunks yet; return how many chunks were made."""
    chunker = chunker or Chunker()
    made = 0
    for doc_id in store.documents_without_chunks():
        chunks = list(chunker.chunk_documents([store.parsed_document(doc_id)]))
        store.replace_chunks(doc_id, chunks)
        made += len(chunks)
    return made


def embed_pending(store: Store, embedder: Embedder) -> tuple[int, int, int]:
    """Embed new chunk texts and drop vectors no chunk needs: (embedded, reused, pruned)."""
    embedded, reused = embed_missing(store, embedder)
    pruned = store.prune_embeddings()
    return embedded, reused, pruned


def build_themes(
    store: Store, layout: OutputLayout, model_name: str, model: ThemeModel | None = None
) -> list[Theme]:
    """Cluster all chunks into themes, store them and write ``themes.json``."""
    model = model or ThemeModel()
    chunks = store.chunks()
    ids, vectors = store.chunk_vectors(model_name)
    by_id = {c.chunk_id: c for c in chunks}
    themes, assignment = model.fit(
        ids, [by_id[i].text for i in ids], vectors, [by_id[i].doc_id for i in ids]
    )
    store.replace_themes(themes, assignment)
    docs = {d.doc_id: d for d in store.documents()}
    payload = []
    for theme in themes:
        reps = []
        for cid in theme.representative_chunk_ids:
            c = by_id[cid]
            reps.append(
                {"chunk_id": cid, "doc_id": c.doc_id, "title": docs[c.doc_id].meta.title,
                 "path": docs[c.doc_id].path, "page": c.page, "text": c.text}
            )  # fmt: skip
        payload.append({**asdict(theme), "representatives": reps})
    layout.themes.parent.mkdir(parents=True, exist_ok=True)
    layout.themes.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return themes
