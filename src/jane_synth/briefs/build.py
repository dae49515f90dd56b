"""Briefs for a meeting: graded briefs with the run's manifest (and ``manifest.json``) and
what changed since the previous run.

:func:`build_meeting_briefs` is what the ``briefs`` asset runs: the selection of
:func:`~jane_synth.briefs.select.build_briefs`, unchanged, plus what :mod:`.grades` and
:mod:`.manifest` add.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..divergences import Divergence, find_divergences
from ..embedding import bundled_model_path
from ..embedding.export import weights_digest
from ..evidence.boilerplate import Verdicts
from ..evidence.selector import SentenceVectors
from ..evidence.sentences import PassageSpans
from ..search import Searcher
from ..taxonomy import Taxonomy
from .changes import with_changes
from .grades import RecordingSelector, build_graded_briefs
from .manifest import RunManifest, make_manifest, write_manifest
from .model import Brief
from .policy_links import with_policy_links
from .render import write_briefs
from .select import SectionSelector, corpus_fingerprint


@dataclass(frozen=True)
class BuiltBriefs:
    """The briefs of one run and the manifest they carry."""

    briefs: list[Brief]
    manifest: RunManifest
    corpus: dict[str, str]  # every stored document's path and doc_id (for the change list)


def selector_parameters(section: SectionSelector, recorder: RecordingSelector) -> dict[str, Any]:
    """The settings that decide what the briefs quote, for the manifest."""
    params: dict[str, Any] = {
        f.name: getattr(section, f.name)
        for f in fields(section)
        if f.init and f.name not in ("searcher", "selector")
    }
    params["per_strand"] = section.per_strand
    params["threshold"] = recorder.threshold
    assert recorder.model is not None  # loaded by ``threshold``
    params["model_cap"] = recorder.model.cap
    params["model_sha256"] = hashlib.sha256(recorder.model.to_json().encode()).hexdigest()
    for name in ("passages", "standalone_only", "current_only"):
        params[name] = getattr(recorder, name)
    return params


def build_meeting_briefs(
    searcher: Searcher,
    taxonomy: Taxonomy,
    now: dt.datetime | None = None,
    vectors: SentenceVectors | None = None,
    queries: Callable[[str], np.ndarray] | None = None,
    spans: PassageSpans | None = None,
    verdicts: Verdicts | None = None,
    **options: Any,
) -> BuiltBriefs:
    """Graded briefs (``options`` as for ``build_briefs``), each with the run's manifest;
    ``vectors`` gives the sentence vectors, ``queries`` the question vectors, ``spans`` the
    passages' sentence spans and ``verdicts`` which sentences are never evidence (for example
    those the store keeps)."""
    recorder = RecordingSelector(
        searcher, standalone_only=True, vectors=vectors, queries=queries, spans=spans,
        verdicts=verdicts,
    )  # fmt: skip
    params = selector_parameters(SectionSelector(searcher, selector=recorder, **options), recorder)
    briefs = build_graded_briefs(searcher, taxonomy, recorder, **options)
    divergences = find_divergences(
        searcher, taxonomy, vectors=recorder.vectors, split=recorder.sentences
    )
    briefs = [replace(b, divergences=bearing_on(b, divergences)) for b in briefs]
    briefs = with_policy_links(briefs, searcher, taxonomy)
    model_path = searcher.embedder.model_path or bundled_model_path()
    manifest = make_manifest(
        corpus_fingerprint=corpus_fingerprint(list(searcher.documents)),
        documents=len(searcher.documents),
        outcomes=searcher.store.outcomes(),
        embedding=(searcher.embedder.name, weights_digest(model_path)),
        embedding_backend=(
            f"{searcher.embedder.backend} (passages and sentences), "
            f"{recorder.query_backend} (questions)"
        ),
        selector=params,
        now=now,
    )
    corpus = {d.path: d.doc_id for d in searcher.documents.values()}
    return BuiltBriefs([replace(b, manifest=manifest) for b in briefs], manifest, corpus)


def bearing_on(brief: Brief, divergences: list[Divergence]) -> tuple[Divergence, ...]:
    """The divergences a brief shows: those about its NoE (a statement's document has it as
    main subject, or the sentence names it), and those about no NoE in particular that come
    from a document the brief cites."""
    cited = {c.doc_id for c in brief.citations()}
    return tuple(
        d for d in divergences
        if brief.noe.slug in d.noe_domains or (not d.noe_domains and cited & set(d.doc_ids))
    )  # fmt: skip


def write_meeting_briefs(built: BuiltBriefs, briefs_dir: Path, manifest_path: Path) -> list[Path]:
    """Add each brief's changes since the briefs in ``briefs_dir`` (kept in ``previous/``),
    write every format and the index there, and ``manifest.json`` at ``manifest_path``."""
    briefs = with_changes(built.briefs, briefs_dir, built.corpus)
    return [*write_briefs(briefs, briefs_dir), write_manifest(built.manifest, manifest_path)]
