"""The change list over a real run: add one document to the fixture corpus and run again."""

from __future__ import annotations

import json

import pytest

from jane_synth.briefs.build import build_meeting_briefs, write_meeting_briefs
from jane_synth.config import OutputLayout
from jane_synth.pipeline import chunk_pending, embed_pending, sync_documents
from jane_synth.search import Searcher, build_search_index
from jane_synth.store import Store
from jane_synth.taxonomy import load_taxonomy
from tests.conftest import build_fixture_corpus

pytestmark = pytest.mark.slow

NEW_DOC = """---
title: ERN board rotation note
publisher: Test rotation panel
year: 2025
doc_type: report
language: en
networks: [erns]
dimensions: [governance, patient-involvement]
---
# ERN board rotation note

Every European Reference Network board rotates its chair between member hospitals every three years.
Patient advocacy groups hold two voting seats on every network board and chair its ethics committee.
"""


def _run(corpus, layout, embedder):
    with Store(layout.database) as store:
        sync_documents(store, corpus, layout)
        chunk_pending(store)
        embed_pending(store, embedder)
        build_search_index(store, layout)
    with Searcher.open(layout.root, embedder=embedder) as searcher:
        built = build_meeting_briefs(searcher, load_taxonomy())
    write_meeting_briefs(built, layout.briefs_dir, layout.root / "manifest.json")
    return {p.stem: json.loads(p.read_text("utf-8")) for p in layout.briefs_dir.glob("*.json")}


def test_adding_one_document_lists_exactly_its_quotes(tmp_path, embedder):
    corpus = build_fixture_corpus(tmp_path / "corpus")
    layout = OutputLayout(tmp_path / "out")
    first = _run(corpus, layout, embedder)
    assert len(first) == 7 and all(b["changes"]["first_run"] for b in first.values())
    (corpus / "ern-board-rotation-note.md").write_text(NEW_DOC, "utf-8")
    second = _run(corpus, layout, embedder)
    new_quotes = 0
    for slug, brief in second.items():
        changes = brief["changes"]
        assert not changes["first_run"] and changes["documents_added"] == [
            "ern-board-rotation-note.md"
        ]
        assert changes["documents_changed"] == changes["documents_removed"] == []

        def keys(quotes):
            return {(q["dimension"], q["text"], q["source_path"], q["page"]) for q in quotes}

        before, after = keys(first[slug]["quotes"]), keys(brief["quotes"])
        theirs = {k for k in after if k[2] == "ern-board-rotation-note.md"}
        # Exactly the difference between the two runs' briefs; a new document also moves the
        # evidence scores of others (corpus statistics), so not only its own quotes.
        assert keys(changes["quotes_added"]) == after - before, slug
        assert keys(changes["quotes_removed"]) == before - after, slug
        assert theirs <= keys(changes["quotes_added"]), slug
        new_quotes += len(theirs)
        assert (layout.briefs_dir / "previous" / f"{slug}.json").is_file()
    assert new_quotes > 0  # the new document is quoted somewhere
