"""Input fingerprints of the corpus-level stages: a stage whose inputs are unchanged is skipped.

A fingerprint is a sha256 over what a stage reads and writes: the rows of the store's tables it
depends on (read as they are, see :meth:`jane_synth.store.Store.table_digest`), its settings,
the library's code and data files, and the size and modification time of the files it writes.
A stage records it when it finishes (:func:`record`); the next run computes it again before
the work, and when it is the same (:func:`unchanged`), nothing the stage would compute can
differ, so the stage does nothing and its outputs stay byte for byte as they are.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .config import OutputLayout
from .corpus_cache import cached_corpus_state
from .embedding import MODEL_NAME
from .ingest.version import parser_version
from .settings import Settings
from .store import Store

PACKAGE_DIR = Path(__file__).resolve().parent

# What each corpus-level stage reads from the store (see jane_synth.store.stages).
TABLES = {
    "chunks": ("documents", "chunks"),
    "embeddings": ("chunks", "embeddings"),
    "search_index": ("documents", "chunks", "embeddings"),
    "themes": ("documents", "chunks", "embeddings", "themes"),
    "briefs": ("documents", "chunks", "embeddings", "themes"),
}
STAGES = tuple(TABLES)


@cache
def code_digest() -> str:
    """A sha256 of the library's source, templates and data files (any change reruns stages)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _file_marks(paths: Sequence[Path]) -> list[list[Any]]:
    """``[name, size, mtime_ns]`` of each output file (every file below a folder), or a
    marker that it is missing."""
    marks: list[list[Any]] = []
    for root in paths:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        if not files or not all(p.is_file() for p in files):
            marks.append([root.name, "missing"])
            continue
        for p in files:
            stat = p.stat()
            marks.append([str(p.relative_to(root.parent)), stat.st_size, stat.st_mtime_ns])
    return marks


@dataclass(frozen=True)
class StageInputs:
    """What one stage depends on: tables of the store, settings, and the files it writes."""

    stage: str
    tables: tuple[str, ...]
    settings: Any = None
    outputs: tuple[Path, ...] = field(default=())

    def parts(self, store: Store) -> dict[str, str]:
        """A digest of each input as it is now: ``code``, ``settings``, ``table:<name>`` for
        each table group, and ``outputs``."""
        parts = {
            "code": code_digest(),
            "settings": _digest(self.settings),
            **{f"table:{name}": store.table_digest(name) for name in self.tables},
            "outputs": _digest(_file_marks(self.outputs)),
        }
        return parts

    def fingerprint(self, store: Store) -> str:
        """The digest of the stage's inputs and outputs as they are now."""
        return fingerprint_of(self.stage, self.parts(store))


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def fingerprint_of(stage: str, parts: Mapping[str, str]) -> str:
    """The fingerprint of a stage whose inputs have these digests."""
    return _digest({"stage": stage, **parts})


_WHAT = {
    "code": "the library's code or data files changed",
    "settings": "its settings changed",
    "outputs": "its output files were changed or removed",
}


@dataclass(frozen=True)
class StageCheck:
    """A stage's inputs now, against those it last ran on."""

    fingerprint: str
    unchanged: bool
    reasons: tuple[str, ...]
    """Why the stage must run (empty when its inputs are unchanged)."""


def check(store: Store, inputs: StageInputs) -> StageCheck:
    """Whether ``inputs`` are those the stage last ran on and, if not, what changed."""
    parts = inputs.parts(store)
    fingerprint = fingerprint_of(inputs.stage, parts)
    recorded = store.stage_fingerprint(inputs.stage)
    if recorded == fingerprint:
        return StageCheck(fingerprint, True, ())
    if recorded is None:
        return StageCheck(fingerprint, False, ("it has not run on this store before",))
    before = store.stage_parts(inputs.stage)
    if not before:  # recorded by a version that kept no parts
        return StageCheck(fingerprint, False, ("its inputs changed",))
    reasons = tuple(
        _WHAT.get(name, f"the {name.removeprefix('table:')} table changed")
        for name in parts
        if before.get(name) != parts[name]
    )
    return StageCheck(fingerprint, False, reasons or ("its inputs changed",))


def unchanged(store: Store, inputs: StageInputs) -> str | None:
    """The fingerprint when the stage already ran on exactly these inputs, else None."""
    found = check(store, inputs)
    return found.fingerprint if found.unchanged else None


def record(store: Store, inputs: StageInputs) -> str:
    """Record the inputs (and outputs) the stage has just run on; returns the fingerprint."""
    parts = inputs.parts(store)
    fingerprint = fingerprint_of(inputs.stage, parts)
    store.set_stage_fingerprint(inputs.stage, fingerprint, parts)
    return fingerprint


def stage_inputs(
    stage: str, settings: Settings, themes: Mapping[str, Any] | None = None
) -> StageInputs:
    """The inputs of ``stage`` under ``settings``: its tables, the settings it uses, its output
    files. ``themes`` is the theme model's settings when they are not ``settings.themes``
    (the Dagster asset's run config)."""
    layout = OutputLayout(settings.output_dir)
    emb = settings.embedding
    chosen: dict[str, Any] = {}
    outputs: tuple[Path, ...] = ()
    if stage in ("embeddings", "briefs"):
        chosen["embedding"] = [MODEL_NAME, emb.backend, emb.query_backend]
    if stage == "chunks":
        chosen["chunking"] = settings.chunking.model_dump(mode="json")
    elif stage == "search_index":
        chosen["search"] = repr(settings.search)
        outputs = (layout.bm25_dir,)
    elif stage == "themes":
        chosen["themes"] = dict(themes or settings.themes.model_dump(mode="json"))
        outputs = (layout.themes, layout.themes.with_suffix(".html"))
    elif stage == "briefs":
        chosen["search"] = repr(settings.search)
        chosen["briefs"] = settings.briefs.model_dump(mode="json")
        outputs = (layout.briefs_dir,)
    return StageInputs(stage, TABLES[stage], chosen, outputs)


def nothing_changed(settings: Settings) -> bool:
    """Whether a run would change nothing: every corpus file is stored at its current content
    by the current version of ingestion, no stored file has left the folder, and every stage's
    inputs are those it last ran on."""
    layout = OutputLayout(settings.output_dir)
    if not (layout.has_store() and layout.ingest_report.is_file()):
        return False
    current, _ = cached_corpus_state(Path(settings.corpus_dir), layout.corpus_hashes)
    if not all(current.values()):
        return False
    with Store(layout.store) as store:
        if store.file_hashes() != current:
            return False
        if set(store.file_parsers().values()) - {parser_version()}:
            return False  # files an earlier version of ingestion read are read again
        return all(unchanged(store, stage_inputs(stage, settings)) for stage in STAGES)
