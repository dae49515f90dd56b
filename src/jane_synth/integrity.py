"""Consistency of a run's outputs: what the asset checks and the fault benchmark look for.

Each function inspects the store (or the files beside it) and returns a :class:`Finding`: whether
all is well, a few figures, and up to ``MAX_EXAMPLES`` examples of what is wrong.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .briefs.renderers import brief_path
from .config import OutputLayout
from .search.bm25 import ROW_IDS
from .search.index import retriever_folder
from .store import Store

MAX_EXAMPLES = 20
NORM_TOLERANCE = 1e-3
"""Stored vectors are L2-normalised: a norm further than this from 1 is wrong."""
CHUNKABLE_PAGE_CHARS = 200
"""A document with a page this long must have chunks."""

Figure = int | float


@dataclass(frozen=True)
class Finding:
    """The outcome of one consistency check."""

    passed: bool
    figures: dict[str, Figure] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)


def chunk_problems(store: Store) -> Finding:
    """No chunk is empty and no span of a page is stored twice."""
    empty = store.empty_chunk_ids()
    duplicates = store.duplicate_chunk_spans()
    examples = [f"empty: {c}" for c in empty[:MAX_EXAMPLES]] + [
        f"{copies} copies: {doc_id} p. {page} [{start}:{end}]"
        for doc_id, page, start, end, copies in duplicates[:MAX_EXAMPLES]
    ]
    return Finding(
        not empty and not duplicates,
        {
            "chunks": store.count("chunks"),
            "empty_chunks": len(empty),
            "duplicate_chunks": sum(d[4] - 1 for d in duplicates),
        },
        examples[:MAX_EXAMPLES],
    )


def vector_problems(store: Store, model: str, dim: int) -> Finding:
    """Every vector has the model's dimension and unit norm; no vector lacks a chunk."""
    wrong_dim: list[str] = []
    wrong_norm: list[str] = []
    n = 0
    for text_hash, stored_dim, blob in store.vector_rows(model):
        n += 1
        vector = np.frombuffer(blob, dtype=np.float32)
        if stored_dim != dim or vector.size != dim:
            wrong_dim.append(text_hash)
        elif (
            abs(float(np.linalg.norm(vector)) - 1.0) > NORM_TOLERANCE
            or not np.isfinite(vector).all()
        ):
            wrong_norm.append(text_hash)
    orphans = store.orphan_vector_count()
    examples = [f"dimension: {h}" for h in wrong_dim] + [f"norm: {h}" for h in wrong_norm]
    return Finding(
        not wrong_dim and not wrong_norm and orphans == 0,
        {
            "vectors": n,
            "dimension": dim,
            "wrong_dimension": len(wrong_dim),
            "wrong_norm": len(wrong_norm),
            "orphan_vectors": orphans,
        },
        examples[:MAX_EXAMPLES],
    )


def index_matches_store(store: Store, layout: OutputLayout) -> Finding:
    """The BM25 index has one row per stored chunk, in the store's order."""
    ids = [c.chunk_id for c in store.chunks()]
    folder = retriever_folder(layout, "bm25")
    ids_file, meta_file = folder / ROW_IDS, folder / "rows.json"
    if not ids_file.is_file() or not meta_file.is_file():
        return Finding(False, {"chunks": len(ids), "index_rows": 0}, [f"no index in {folder}"])
    indexed = [line for line in ids_file.read_text("utf-8").split("\n") if line]
    n_docs = int(json.loads(meta_file.read_text("utf-8")).get("n_docs", -1))
    examples = [] if indexed == ids else ["the index's rows are not the store's chunks"]
    if n_docs != len(indexed):
        examples.append(f"rows.json says {n_docs} rows, chunk_ids.txt has {len(indexed)}")
    return Finding(not examples, {"chunks": len(ids), "index_rows": len(indexed)}, examples)


def documents_without_chunks(store: Store) -> Finding:
    """Every stored document (quarantined files have none) with text has chunks."""
    missing = store.unchunked_documents(CHUNKABLE_PAGE_CHARS)
    return Finding(
        not missing,
        {"documents": store.count("documents"), "without_chunks": len(missing)},
        missing[:MAX_EXAMPLES],
    )


def theme_coverage(store: Store, keep: Callable[[Sequence[str]], np.ndarray]) -> Finding:
    """Every chunk the theme selector ``keep`` takes part with is in a theme or in the
    unassigned bucket; the unassigned share is reported."""
    seen = store.chunk_assignments()
    unseen = [c for c in store.chunks() if c.chunk_id not in seen]
    kept = keep([c.text for c in unseen]) if unseen else np.zeros(0, dtype=bool)
    uncovered = [c.chunk_id for c, k in zip(unseen, kept, strict=True) if k]
    unassigned = sum(1 for theme in seen.values() if theme < 0)
    return Finding(
        bool(store.themes()) and not uncovered,
        {
            "chunks": store.count("chunks"),
            "in_themes": len(seen) - unassigned,
            "unassigned": unassigned,
            "unassigned_fraction": round(unassigned / len(seen), 4) if seen else 0.0,
            "left_out_by_selector": len(unseen) - len(uncovered),
            "not_in_theme_run": len(uncovered),
        },
        uncovered[:MAX_EXAMPLES],
    )


def missing_briefs(briefs_dir: Path, slugs: Iterable[str], suffixes: Iterable[str]) -> Finding:
    """Every NoE has a brief in every format, and no brief file is empty."""
    wanted = [brief_path(briefs_dir, slug, suffix) for slug in slugs for suffix in suffixes]
    missing = [p.name for p in wanted if not p.is_file() or p.stat().st_size == 0]
    return Finding(not missing, {"briefs_expected": len(wanted), "missing": len(missing)}, missing)
