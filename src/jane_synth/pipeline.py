"""The stages as plain functions over a store: what each Dagster asset calls.

Each function does only the work its inputs require: unchanged files are not re-parsed, chunks
are made only for new documents, and only texts without a vector are embedded.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .atomic import write_text_atomic
from .chunking import Chunker
from .config import OutputLayout
from .corpus_cache import cached_corpus_state
from .embedding import Embedder, embed_missing
from .ingest import CorpusEntry, IngestLimits, entry_sha256, quarantined, scan_corpus
from .ingest.parallel import ingest_files
from .ingest.version import parser_version
from .records import IngestOutcome, ParsedDocument
from .removal import check_removal, plan_removal
from .store import Store
from .themes import (
    ChunkInput,
    ThemeFit,
    ThemeModel,
    previous_themes,
    write_theme_report,
    write_themes_json,
)
from .versions import VersionCandidate, VersionGroup, find_version_groups, superseded_map


@dataclass
class SyncSummary:
    """What one pass over the corpus folder did."""

    outcomes: list[IngestOutcome]
    parsed: list[str] = field(default_factory=list)
    """Files that became documents this run (new or changed, and ingested)."""
    processed: list[str] = field(default_factory=list)
    """Every new or changed file sent through ingestion this run, whatever its outcome."""
    unchanged: int = 0
    reread: int = 0
    """Files whose content is unchanged but that an earlier version of ingestion read."""
    removed: int = 0
    version_groups: list[VersionGroup] = field(default_factory=list)
    seconds: float = 0.0
    removal_warning: str | None = None
    """Set when the run removed more than half of the stored files."""
    reclaimed_bytes: int = 0
    """How much the database file shrank after removals."""

    def counts(self) -> dict[str, int]:
        counts = {"ingested": 0, "ingested_with_warnings": 0, "quarantined": 0}
        for o in self.outcomes:
            counts[o.status] += 1
        return counts


def write_ingest_report(
    outcomes: list[IngestOutcome], path: Path, versions: dict[str, list[str]] | None = None
) -> None:
    """One object per file; ``versions`` lists the other versions of a file's document (newest
    first), empty when it has none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    versions = versions or {}
    rows = [
        {**asdict(o), "versions": versions.get(o.path, [])}
        for o in sorted(outcomes, key=lambda o: o.path)
    ]
    write_text_atomic(path, json.dumps(rows, indent=2, ensure_ascii=False) + "\n")


def _changed_files(
    store: Store,
    entries: list[CorpusEntry],
    summary: SyncSummary,
    hashes: Mapping[str, str] | None = None,
) -> list[tuple[CorpusEntry, str]]:
    """``(entry, sha256)`` of the files that are new, whose content changed, or that another
    version of ingestion read (:func:`~jane_synth.ingest.version.parser_version`).

    A refused link is hashed by its link text: its target is never opened. ``hashes`` gives
    the files' hashes when they are known (from the hash cache).
    """
    known, parsers, current = store.file_hashes(), store.file_parsers(), parser_version()
    todo = []
    for entry in entries:
        sha = hashes[entry.rel] if hashes and entry.rel in hashes else entry_sha256(entry)
        if sha and known.get(entry.rel) == sha and parsers.get(entry.rel) == current:
            summary.unchanged += 1
        else:
            todo.append((entry, sha))
            summary.reread += bool(sha and known.get(entry.rel) == sha)
    return todo


def _results(
    todo: list[tuple[CorpusEntry, str]],
    corpus_dir: Path,
    limits: IngestLimits | None,
    workers: int | None,
) -> Iterator[tuple[CorpusEntry, IngestOutcome, ParsedDocument | None]]:
    """Outcomes in the order of ``todo``: refused links without a look at their target, the
    other files parsed on every core."""
    readable = [entry.path for entry, _ in todo if not entry.refused]
    parsed = ingest_files(readable, corpus_dir, limits, workers)
    for entry, _ in todo:
        if entry.refused:
            yield entry, quarantined(entry.rel, entry.refused), None
        else:
            _, outcome, document = next(parsed)
            yield entry, outcome, document


def _record(
    store: Store, outcome: IngestOutcome, sha: str, parsed: ParsedDocument | None
) -> IngestOutcome:
    """Store one result; a file that cannot be stored is recorded as quarantined instead."""
    try:
        return store.record(outcome, sha, parsed, parser_version())
    except Exception as exc:  # e.g. text the database refuses: the run goes on
        reason = f"could not be stored: {type(exc).__name__}: {exc}"
        failed = IngestOutcome(outcome.path, "quarantined", reason, outcome.pages, 0, "", "")
        return store.record(failed, sha, None, parser_version())


def link_versions(store: Store) -> list[VersionGroup]:
    """Find near-duplicate documents in the store and mark all but the newest as superseded."""
    candidates = [
        VersionCandidate(
            doc.doc_id,
            doc.path,
            "\n".join(p.text for p in store.pages(doc.doc_id)),
            doc.meta.year,
            doc.meta.title,
            doc.meta.version,
        )
        for doc in store.documents()
    ]
    groups = find_version_groups(candidates)
    store.set_superseded(superseded_map(groups))
    return groups


def _versions_by_path(
    outcomes: list[IngestOutcome], groups: list[VersionGroup]
) -> dict[str, list[str]]:
    """``file path -> paths of the other versions``, for the ingest report."""
    group_of = {doc_id: g for g in groups for doc_id in g.doc_ids}
    files_of: dict[str, list[str]] = {}
    for o in sorted(outcomes, key=lambda o: o.path):
        if o.doc_id in group_of:
            files_of.setdefault(o.doc_id, []).append(o.path)
    versions: dict[str, list[str]] = {}
    for o in outcomes:
        group = group_of.get(o.doc_id)
        if group is None or o.status == "quarantined":
            continue
        versions[o.path] = [
            p for doc_id in group.doc_ids for p in files_of.get(doc_id, []) if p != o.path
        ]
    return versions


def corpus_state(corpus_dir: Path) -> dict[str, str]:
    """``relative path -> sha256`` of every entry of the corpus folder (a link that leads outside
    it is hashed by its link text, never by its target's content)."""
    return {entry.rel: entry_sha256(entry) for entry in scan_corpus(Path(corpus_dir))}


def ingest_changed(
    store: Store,
    corpus_dir: Path,
    only: set[str] | None = None,
    limits: IngestLimits | None = None,
    workers: int | None = None,
    hash_cache: Path | None = None,
) -> SyncSummary:
    """Ingest the files that are new or changed (restricted to the paths in ``only``, if given).

    Files are parsed on every core (``workers``, default all) and stored one by one in path
    order; a file whose stored hash matches is skipped. With ``hash_cache``
    (:mod:`jane_synth.corpus_cache`), only files whose size or times changed are read to hash.
    """
    t0 = time.perf_counter()
    corpus_dir = Path(corpus_dir)
    scanned = scan_corpus(corpus_dir)
    entries = scanned if only is None else [e for e in scanned if e.rel in only]
    hashes = cached_corpus_state(corpus_dir, hash_cache, entries=scanned)[0] if hash_cache else None
    summary = SyncSummary(outcomes=[])
    todo = _changed_files(store, entries, summary, hashes)
    shas = {entry.rel: sha for entry, sha in todo}
    for entry, outcome, parsed in _results(todo, corpus_dir, limits, workers):
        if entry.refused:  # whatever came through this path before is no longer the corpus's
            store.remove_files([entry.rel])
        outcome = _record(store, outcome, shas[entry.rel], parsed)
        summary.processed.append(outcome.path)
        summary.outcomes.append(outcome)
        if parsed is not None and outcome.status != "quarantined":
            summary.parsed.append(outcome.path)
    summary.seconds = time.perf_counter() - t0
    return summary


def sync_documents(
    store: Store,
    corpus_dir: Path,
    layout: OutputLayout,
    limits: IngestLimits | None = None,
    workers: int | None = None,
    *,
    allow_empty: bool = False,
) -> SyncSummary:
    """Bring the store in line with the corpus folder and write ``ingest_report.json``.

    New and changed files are ingested (see :func:`ingest_changed`); files that left the folder
    are forgotten with their chunks and vectors, and the space they took is given back; then
    near-duplicate documents are linked as versions, and the newest of each group is the one
    that feeds the briefs. An empty folder never empties a store that has documents unless
    ``allow_empty`` (:class:`~jane_synth.removal.EmptyCorpusError`).
    """
    t0 = time.perf_counter()
    corpus_dir = Path(corpus_dir)
    current = {entry.rel for entry in scan_corpus(corpus_dir)}
    plan = plan_removal(store, corpus_dir, current)
    check_removal(plan, allow_empty)
    summary = ingest_changed(store, corpus_dir, None, limits, workers, layout.corpus_hashes)
    summary.removed = store.remove_files(plan.paths)
    summary.removal_warning = plan.warning()
    summary.version_groups = link_versions(store)
    summary.outcomes = [o for o in store.outcomes() if o.path in current]
    versions = _versions_by_path(summary.outcomes, summary.version_groups)
    write_ingest_report(summary.outcomes, layout.ingest_report, versions)
    # Removed files and replaced versions leave free pages behind.
    summary.reclaimed_bytes = store.reclaim_space()
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
    store: Store,
    layout: OutputLayout,
    model_name: str,
    model: ThemeModel | None = None,
    *,
    recluster: bool = False,
) -> ThemeFit:
    """Themes of every chunk, stored, written to ``themes.json`` and the HTML theme report.

    With themes already stored and ``recluster`` off, known chunks keep their themes and new ones
    join the nearest (incremental); otherwise everything is clustered afresh, and themes close to
    stored ones keep their ids.
    """
    model = model or ThemeModel()
    chunks = {c.chunk_id: c for c in store.chunks()}
    ids, vectors = store.chunk_vectors(model_name)
    data = ChunkInput(
        ids,
        [chunks[i].text for i in ids],
        vectors,
        [chunks[i].doc_id for i in ids],
        [chunks[i].language for i in ids],
    )
    previous = previous_themes(store)
    if previous is None or recluster:
        fit = model.fit(data, previous)
    else:
        fit = model.extend(data, previous)
    store.replace_themes(fit.themes, fit.assignment, fit.unassigned, fit.centroids)
    documents = {d.doc_id: d for d in store.documents()}
    write_themes_json(layout.themes, fit, chunks, documents)
    write_theme_report(layout.themes.with_suffix(".html"), fit, chunks, documents)
    return fit
