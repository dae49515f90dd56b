"""Outputs are written whole or not at all."""

from __future__ import annotations

import os

import pytest

from jane_synth import atomic
from jane_synth.atomic import new_folder_beside, replace_folder, write_text_atomic


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "themes.json"
    write_text_atomic(path, "old\n")

    def crash(src, dst):
        raise OSError("disk gone")

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(OSError):
        write_text_atomic(path, "new\n")
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["themes.json"]


def test_a_write_replaces_the_file_whole(tmp_path):
    path = tmp_path / "sub" / "report.json"
    write_text_atomic(path, "é\n")
    write_text_atomic(path, "second\n")
    assert path.read_text("utf-8") == "second\n" and oct(os.stat(path).st_mode)[-3:] == "644"


def test_a_folder_is_replaced_by_one_built_beside_it(tmp_path):
    target = tmp_path / "bm25"
    target.mkdir()
    (target / "old.txt").write_text("old")
    (tmp_path / ".bm25.killed.tmp").mkdir()  # left by a killed build
    built = new_folder_beside(target)
    assert not (tmp_path / ".bm25.killed.tmp").exists()
    (built / "new.txt").write_text("new")
    replace_folder(built, target)
    assert [p.name for p in target.iterdir()] == ["new.txt"]
    assert oct(target.stat().st_mode)[-3:] == "755"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bm25"]


def test_the_search_index_is_built_aside_and_leaves_nothing_behind(tmp_path):
    from jane_synth.config import OutputLayout
    from jane_synth.search.index import build_search_index
    from jane_synth.store import Store
    from tests.store.factories import outcome, parsed

    layout = OutputLayout(tmp_path)
    with Store(layout.database) as store:
        store.record(outcome("a.md", "a"), "a" * 8, parsed("a", "a.md"))
        from jane_synth.pipeline import chunk_pending

        chunk_pending(store)
        build_search_index(store, layout)
        first = (layout.bm25_dir / "chunk_ids.txt").read_text()
        build_search_index(store, layout)
    assert (layout.bm25_dir / "chunk_ids.txt").read_text() == first
    assert sorted(p.name for p in layout.database.parent.iterdir() if p.is_dir()) == ["bm25"]
