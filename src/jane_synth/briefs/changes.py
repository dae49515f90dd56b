"""What changed since the previous run: quotes added and removed, documents added, changed
and removed, read against the previous run's JSON brief of the same NoE.

A quote is the same when its dimension, text, file and page are (a file re-saved with the same
quote is no change to the brief). A document is its file path: added, removed, or changed when
its content hash (``doc_id``) differs. Each JSON brief keeps the corpus it was built from
(``changes.corpus``: path to ``doc_id``) for the next run to compare with; the previous JSON
files are kept in ``briefs/previous/``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the brief holds its changes: model imports this module
    from .model import Brief

PREVIOUS_DIR = "previous"


@dataclass(frozen=True, order=True)
class QuoteRef:
    """A quote as the change list names it."""

    dimension: str
    text: str
    source_path: str
    page: int


@dataclass(frozen=True)
class Changes:
    """A brief's changes since the previous run (``first_run``: there was none)."""

    first_run: bool
    corpus: tuple[tuple[str, str], ...]  # this run's documents: (path, doc_id), by path
    quotes_added: tuple[QuoteRef, ...] = ()
    quotes_removed: tuple[QuoteRef, ...] = ()
    documents_added: tuple[str, ...] = ()
    documents_changed: tuple[str, ...] = ()
    documents_removed: tuple[str, ...] = ()
    previous_corpus_known: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (quotes as objects, the corpus as a path-to-id object)."""
        return {
            "first_run": self.first_run,
            "quotes_added": [vars(q) for q in self.quotes_added],
            "quotes_removed": [vars(q) for q in self.quotes_removed],
            "documents_added": list(self.documents_added),
            "documents_changed": list(self.documents_changed),
            "documents_removed": list(self.documents_removed),
            "previous_corpus_known": self.previous_corpus_known,
            "corpus": dict(self.corpus),
        }


def quote_refs(brief: Brief) -> set[QuoteRef]:
    """The quotes of a brief being built."""
    return {
        QuoteRef(s.dimension.slug, ev.quote, ev.citation.path, ev.citation.page)
        for s in brief.sections
        for ev in s.evidence
    }


def stored_quote_refs(data: Mapping[str, Any]) -> set[QuoteRef]:
    """The quotes of a written JSON brief (any version that has ``sections``)."""
    return {
        QuoteRef(s["dimension"], ev["quote"], ev["citation"]["path"], ev["citation"]["page"])
        for s in data.get("sections", [])
        for ev in s.get("evidence", [])
    }


def changes_since(
    brief: Brief, previous: Mapping[str, Any] | None, corpus: Mapping[str, str]
) -> Changes:
    """``brief``'s changes against the ``previous`` JSON brief (``None``: the first run);
    ``corpus`` maps this run's document paths to their ``doc_id``."""
    now = tuple(sorted(corpus.items()))
    if previous is None:
        return Changes(first_run=True, corpus=now)
    before, after = stored_quote_refs(previous), quote_refs(brief)
    old = (previous.get("changes") or {}).get("corpus")
    old_corpus: dict[str, str] = dict(old) if isinstance(old, dict) else {}
    return Changes(
        first_run=False,
        corpus=now,
        quotes_added=tuple(sorted(after - before)),
        quotes_removed=tuple(sorted(before - after)),
        documents_added=tuple(sorted(set(corpus) - set(old_corpus))) if old is not None else (),
        documents_changed=tuple(
            sorted(p for p in corpus if p in old_corpus and old_corpus[p] != corpus[p])
        ),
        documents_removed=tuple(sorted(set(old_corpus) - set(corpus))),
        previous_corpus_known=old is not None,
    )


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def with_changes(briefs: Sequence[Brief], out_dir: Path, corpus: Mapping[str, str]) -> list[Brief]:
    """The briefs with their changes since the JSON briefs in ``out_dir`` (the previous run),
    which are copied to ``out_dir/previous/`` before the new ones replace them."""
    kept = out_dir / PREVIOUS_DIR
    out: list[Brief] = []
    for brief in briefs:
        path = out_dir / f"{brief.noe.slug}.json"
        previous = _read(path) if path.is_file() else None
        if previous is not None:
            kept.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, kept / path.name)
        out.append(replace(brief, changes=changes_since(brief, previous, corpus)))
    return out
