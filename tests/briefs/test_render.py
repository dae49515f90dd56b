"""Writing every registered format, and checking quotes against their pages."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from jane_synth.briefs import (
    build_briefs,
    render_html,
    render_markdown,
    verify_brief_file,
    write_briefs,
)
from jane_synth.briefs.index import INDEX_FILES
from jane_synth.briefs.renderers import JSON_SUFFIX, brief_path, register, renderers, unregister
from jane_synth.search import Searcher
from jane_synth.store import Store
from jane_synth.taxonomy import load_taxonomy
from tests.briefs.renderers.text_of import MARKUP, READERS
from tests.briefs.sample import (
    IMG,
    SCRIPT,
    PlainText,
    brief_quoting,
    index_hostile_document,
    make_brief,
)


def test_write_briefs_writes_every_registered_format_and_only_prunes_those(tmp_path):
    briefs = [make_brief(), replace(make_brief(), noe=replace(make_brief().noe, slug="aya"))]
    for name in ("gone.md", "gone.docx", "gone.txt", "notes.csv"):
        (tmp_path / name).write_text("old")
    written = write_briefs(briefs, tmp_path)
    assert len(written) == 2 * len(renderers()) + len(INDEX_FILES)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [f"{slug}{r.suffix}" for slug in ("aya", "survivorship") for r in renderers()]
        + list(INDEX_FILES)
        + ["gone.txt", "notes.csv"]  # not a registered suffix: left alone
    )


def test_a_registered_toy_format_is_written_with_no_other_change(tmp_path):
    (tmp_path / "gone.txt").write_text("old")
    register(PlainText())
    try:
        write_briefs([make_brief()], tmp_path)
    finally:
        unregister("plain")
    assert (tmp_path / "survivorship.txt").read_text().splitlines()[
        0
    ] == "The board approves members."
    assert not (tmp_path / "gone.txt").exists()
    assert brief_path(tmp_path, "survivorship", ".md").is_file()


def test_render_functions_return_the_registered_formats_as_text():
    brief = make_brief()
    assert render_markdown(brief).startswith("# Evidence brief: Survivorship\n")
    assert render_html(brief).startswith("<!DOCTYPE html>")


def test_a_hostile_document_reaches_every_format_as_text_and_still_verifies(tmp_path):
    layout = index_hostile_document(tmp_path)
    with Store(layout.database) as store:
        brief = brief_quoting(store, load_taxonomy().noe_domains[0])
        write_briefs([brief], layout.briefs_dir)
        json_path = brief_path(layout.briefs_dir, brief.noe.slug, JSON_SUFFIX)
        assert verify_brief_file(json_path, store) == []
    quote, title = brief.sections[0].evidence[0].quote, brief.sections[0].evidence[0].citation.title
    assert SCRIPT in quote and IMG in quote and SCRIPT in title
    for renderer in renderers():
        data = brief_path(layout.briefs_dir, brief.noe.slug, renderer.suffix).read_bytes()
        tags, text = READERS[renderer.name](data)
        assert "script" not in tags and "img" not in tags, renderer.name
        assert quote in text and title in text, renderer.name
        if renderer.name in MARKUP:
            assert SCRIPT not in data.decode("utf-8", "replace"), renderer.name
    data = json.loads(json_path.read_text("utf-8"))
    assert data["sections"][0]["evidence"][0]["quote"] == quote  # JSON keeps the exact text


@pytest.fixture(scope="module")
def fixture_briefs(indexed_fixture, embedder):
    _, layout = indexed_fixture
    searcher = Searcher.open(layout.root, embedder=embedder)
    try:
        yield build_briefs(searcher, load_taxonomy()), layout
    finally:
        searcher.close()


@pytest.mark.slow
def test_written_briefs_verify_against_the_store(fixture_briefs, tmp_path: Path):
    briefs, layout = fixture_briefs
    (tmp_path / "stale.md").write_text("old")
    paths = write_briefs(briefs, tmp_path)
    assert (
        len(paths) == 7 * len(renderers()) + len(INDEX_FILES)
        and not (tmp_path / "stale.md").exists()
    )
    with Store(layout.database) as store:
        for path in tmp_path.glob(f"*{JSON_SUFFIX}"):
            assert verify_brief_file(path, store) == []
        # A tampered quote is caught.
        path = brief_path(tmp_path, "survivorship", JSON_SUFFIX)
        data = json.loads(path.read_text())
        section = next(s for s in data["sections"] if s["evidence"])
        section["evidence"][0]["quote"] += " (edited)"
        path.write_text(json.dumps(data))
        assert len(verify_brief_file(path, store)) == 1


@pytest.mark.slow
def test_markdown_and_html_cite_every_statement(fixture_briefs):
    briefs, _ = fixture_briefs
    brief = next(b for b in briefs if b.noe.slug == "palliative-care")
    md = render_markdown(brief)
    html = render_html(brief)
    for s in brief.sections:
        for ev in s.evidence:
            number = brief.source_number(ev.citation.doc_id)
            assert f"[{number}, p. {ev.citation.page}]" in md
            assert f'href="#source-{number}"' in html
    assert md.count("\n1. ") >= 1 and "## Sources" in md
