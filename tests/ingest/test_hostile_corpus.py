"""Hostile and careless input through the product's ingest and chunk path (``sync_documents`` and
``chunk_pending``, what the Dagster assets call): every file gets the right outcome, nothing from
outside the corpus is read or stored, and no file fails a later step."""

from __future__ import annotations

import errno
import json
import os
import threading
import time
from pathlib import Path

import pytest

from jane_synth.config import OutputLayout
from jane_synth.ingest import IngestLimits
from jane_synth.pipeline import chunk_pending, corpus_state, sync_documents
from jane_synth.store import Store
from tests.hostile_corpus import (
    BIG_TEXT,
    EXPECTED,
    OUTSIDE_MARKER,
    SCRIPT_TITLE,
    build_hostile_corpus,
)

NO_OCR = IngestLimits(ocr=False)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """The hostile corpus synced and chunked once: (root, report rows, store)."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = build_hostile_corpus(root)
    layout = OutputLayout(root / "out")
    store = Store(layout.database)
    sync_documents(store, corpus, layout, NO_OCR)
    chunk_pending(store)
    rows = json.loads(layout.ingest_report.read_text("utf-8"))
    yield root, rows, store
    store.close()


def test_every_file_has_its_expected_outcome_and_reason(hostile_run):
    _, rows, _ = hostile_run
    got = {r["path"]: (r["status"], r["reason"]) for r in rows}
    assert sorted(got) == sorted(EXPECTED)
    for path, (status, reason_part) in EXPECTED.items():
        assert got[path][0] == status, (path, got[path])
        assert reason_part in got[path][1], (path, got[path])
        if status == "ingested":
            assert got[path][1] == ""


def test_nothing_from_outside_the_corpus_is_stored(hostile_run):
    _, rows, store = hostile_run
    texts = [p.text for d in store.documents() for p in store.pages(d.doc_id)]
    assert texts and not any(OUTSIDE_MARKER in t for t in texts)
    assert not any(OUTSIDE_MARKER in c.text for c in store.chunks())
    refused = {r["path"]: r for r in rows if r["reason"] == "link outside the corpus"}
    assert set(refused) == {"secret.txt", "shared-drive"}
    assert all(r["doc_id"] == "" and r["chars"] == 0 for r in refused.values())
    assert not any(d.path.startswith(("secret", "shared-drive")) for d in store.documents())


def test_the_report_holds_no_absolute_path(hostile_run):
    root, rows, _ = hostile_run
    text = json.dumps(rows, ensure_ascii=False)
    assert str(root) not in text and os.path.realpath(root) not in text


def test_a_long_text_is_chunked_in_windows_with_exact_spans(hostile_run):
    _, rows, store = hostile_run
    big = next(r for r in rows if r["path"] == "big.txt")
    assert big["chars"] == len(BIG_TEXT.strip())
    chunks = store.chunks([big["doc_id"]])
    page = store.page_text(big["doc_id"], 1)
    assert len(chunks) > 1000
    assert all(page[c.start : c.end] == c.text for c in chunks)
    assert chunks[-1].end == len(page)


def test_a_link_inside_the_corpus_is_followed(hostile_run):
    _, rows, _ = hostile_run
    by_path = {r["path"]: r for r in rows}
    assert by_path["notes/linked-overview.md"]["doc_id"] == by_path["overview.md"]["doc_id"]
    assert not any(r["path"].startswith("notes/up") for r in rows)  # a folder loop: not walked


def test_markup_in_titles_and_text_is_stored_as_text(hostile_run):
    _, _, store = hostile_run
    doc = next(d for d in store.documents() if d.path == "xss.md")
    assert doc.meta.title == SCRIPT_TITLE
    assert SCRIPT_TITLE in store.page_text(doc.doc_id, 1)


def test_content_that_came_through_a_path_is_dropped_when_it_becomes_a_link_outside(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    body = f"# Once a file\n\n{OUTSIDE_MARKER} and enough words to be a document.\n"
    (corpus / "secret.md").write_text(body, "utf-8")
    (outside / "secret.md").write_text(body, "utf-8")
    layout = OutputLayout(tmp_path / "out")
    with Store(layout.database) as store:
        sync_documents(store, corpus, layout, NO_OCR)
        assert [d.path for d in store.documents()] == ["secret.md"]
        (corpus / "secret.md").unlink()
        os.symlink(outside / "secret.md", corpus / "secret.md")
        summary = sync_documents(store, corpus, layout, NO_OCR)
        assert store.documents() == []
    (outcome,) = summary.outcomes
    assert (outcome.status, outcome.reason) == ("quarantined", "link outside the corpus")


class _OpenWatch:
    """Notices whether anyone opens a FIFO for reading (a writer can then open it)."""

    def __init__(self, fifo: Path) -> None:
        self.fifo, self.opened, self._stop = fifo, False, threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno != errno.ENXIO:  # ENXIO: nobody has it open for reading
                    raise
                time.sleep(0.005)
                continue
            self.opened = True
            os.close(fd)  # the reader sees end of file and goes on

    def __enter__(self) -> _OpenWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def test_the_target_of_a_link_outside_is_never_opened(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    os.mkfifo(outside / "pipe.txt")
    os.symlink(outside / "pipe.txt", corpus / "pipe.txt")
    (corpus / "note.md").write_text("# Note\n\nA note that is long enough to be kept.\n", "utf-8")
    layout = OutputLayout(tmp_path / "out")
    with _OpenWatch(outside / "pipe.txt") as watch, Store(layout.database) as store:
        state = corpus_state(corpus)
        summary = sync_documents(store, corpus, layout, NO_OCR)
    assert not watch.opened
    assert set(state) == {"note.md", "pipe.txt"} and state["pipe.txt"]
    outcomes = {o.path: o.reason for o in summary.outcomes}
    assert outcomes["pipe.txt"] == "link outside the corpus"
