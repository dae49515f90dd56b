"""Discovery never leaves the corpus folder: links are followed only to targets inside it."""

from __future__ import annotations

import os

from jane_synth.ingest import IngestLimits, discover, entry_sha256, ingest_file, scan_corpus
from jane_synth.ingest.discovery import LINK_BROKEN, LINK_OUTSIDE, link_refusal

TEXT = "# Note\n\nEuropean Reference Networks connect healthcare providers.\n"


def make(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    (corpus / "sub").mkdir(parents=True)
    outside.mkdir()
    (corpus / "a.md").write_text(TEXT, "utf-8")
    (corpus / "sub" / "b.md").write_text(TEXT, "utf-8")
    (corpus / "README.md").write_text("about", "utf-8")
    (corpus / "a.md.meta.yaml").write_text("title: A", "utf-8")
    (corpus / "_drafts").mkdir()
    (corpus / "_drafts" / "c.md").write_text(TEXT, "utf-8")
    (corpus / ".hidden.md").write_text(TEXT, "utf-8")
    (outside / "secret.md").write_text(TEXT, "utf-8")
    os.symlink(outside / "secret.md", corpus / "secret.md")
    os.symlink("../a.md", corpus / "sub" / "inside.md")
    os.symlink("missing.md", corpus / "dangling.md")
    os.symlink(outside, corpus / "linked-folder")
    os.symlink("..", corpus / "sub" / "parent")
    return corpus, outside


def test_scan_lists_refused_links_and_discover_leaves_them_out(tmp_path):
    corpus, _ = make(tmp_path)
    entries = {e.rel: e.refused for e in scan_corpus(corpus)}
    assert entries == {
        "a.md": "",
        "dangling.md": LINK_BROKEN,
        "linked-folder": LINK_OUTSIDE,
        "secret.md": LINK_OUTSIDE,
        "sub/b.md": "",
        "sub/inside.md": "",
    }
    assert [p.relative_to(corpus).as_posix() for p in discover(corpus)] == [
        "a.md",
        "sub/b.md",
        "sub/inside.md",
    ]


def test_a_corpus_reached_through_a_link_is_still_inside_itself(tmp_path):
    corpus, _ = make(tmp_path)
    os.symlink(corpus, tmp_path / "alias")
    alias = tmp_path / "alias"
    assert link_refusal(alias / "sub" / "inside.md", alias) == ""
    assert link_refusal(alias / "secret.md", alias) == LINK_OUTSIDE
    assert {e.rel for e in scan_corpus(alias) if not e.refused} == {
        "a.md",
        "sub/b.md",
        "sub/inside.md",
    }


def test_a_refused_link_is_versioned_by_its_link_text_not_its_target(tmp_path):
    corpus, outside = make(tmp_path)
    entry = next(e for e in scan_corpus(corpus) if e.rel == "secret.md")
    first = entry_sha256(entry)
    (outside / "secret.md").write_text("changed content", "utf-8")
    assert entry_sha256(entry) == first
    (corpus / "secret.md").unlink()
    os.symlink(outside / "elsewhere.md", corpus / "secret.md")
    assert entry_sha256(entry) not in {first, ""}


def test_ingest_file_refuses_a_link_outside_even_when_called_directly(tmp_path):
    corpus, _ = make(tmp_path)
    outcome, doc = ingest_file(corpus / "secret.md", corpus, IngestLimits(ocr=False))
    assert doc is None and outcome.reason == LINK_OUTSIDE
    outcome, doc = ingest_file(corpus / "sub" / "inside.md", corpus, IngestLimits(ocr=False))
    assert outcome.status == "ingested" and doc.path == "sub/inside.md"
