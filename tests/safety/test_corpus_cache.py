"""The change sensor's hash cache: only added or changed files are read; deleted ones drop out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jane_synth import corpus_cache
from jane_synth.corpus_cache import cached_corpus_state, load_cache
from jane_synth.pipeline import corpus_state


@pytest.fixture
def hashed(monkeypatch) -> list[str]:
    """The relative paths hashed, in order."""
    calls: list[str] = []
    real = corpus_cache.entry_sha256

    def spy(entry):
        calls.append(entry.rel)
        return real(entry)

    monkeypatch.setattr(corpus_cache, "entry_sha256", spy)
    return calls


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"doc{i}.md").write_text(f"# Note {i}\n\nText of note {i}.\n")
    return folder


def test_a_second_scan_reads_nothing_and_agrees_with_a_full_hash(tmp_path, hashed):
    corpus, cache = _corpus(tmp_path / "corpus", 5), tmp_path / "cache.json"
    first, stats = cached_corpus_state(corpus, cache, racy_s=0)
    assert stats.hashed == 5 and len(hashed) == 5
    second, stats = cached_corpus_state(corpus, cache, racy_s=0)
    assert second == first == corpus_state(corpus)
    assert (stats.hashed, stats.reused, len(hashed)) == (0, 5, 5)


def test_added_changed_and_deleted_files(tmp_path, hashed):
    corpus, cache = _corpus(tmp_path / "corpus", 4), tmp_path / "cache.json"
    cached_corpus_state(corpus, cache, racy_s=0)
    hashed.clear()
    (corpus / "new.md").write_text("# New\n\nA new note.\n")  # added
    stat = os.stat(corpus / "doc1.md")
    (corpus / "doc1.md").write_text("# Note X\n\nText of note X.\n")  # same size, other bytes
    os.utime(corpus / "doc1.md", ns=(stat.st_atime_ns, stat.st_mtime_ns))  # mtime put back
    (corpus / "doc2.md").unlink()  # deleted
    state, stats = cached_corpus_state(corpus, cache, racy_s=0)
    assert sorted(hashed) == ["doc1.md", "new.md"]  # the change time gives doc1 away
    assert state == corpus_state(corpus)
    assert (stats.hashed, stats.reused, stats.dropped) == (2, 2, 1)
    assert "doc2.md" not in load_cache(cache)


def test_files_changed_just_now_are_not_trusted_to_the_cache(tmp_path, hashed):
    corpus, cache = _corpus(tmp_path / "corpus", 2), tmp_path / "cache.json"
    cached_corpus_state(corpus, cache)  # default racy window: the files are seconds old
    cached_corpus_state(corpus, cache)
    assert len(hashed) == 4 and load_cache(cache) == {}


def test_a_broken_cache_file_is_rebuilt(tmp_path):
    corpus, cache = _corpus(tmp_path / "corpus", 2), tmp_path / "cache.json"
    cache.write_text("{not json")
    state, stats = cached_corpus_state(corpus, cache, racy_s=0)
    assert state == corpus_state(corpus) and stats.hashed == 2
    assert set(load_cache(cache)) == {"doc0.md", "doc1.md"}


def test_the_sensor_hashes_only_what_changed(tmp_path, hashed, monkeypatch):
    from dagster import SkipReason, build_sensor_context, instance_for_test

    from pipelines.jobs import corpus_change_sensor
    from pipelines.resources import JaneSettings

    monkeypatch.setattr(corpus_cache, "RACY_S", 0.0)
    corpus = _corpus(tmp_path / "corpus", 3)
    settings = JaneSettings(corpus_dir=str(corpus), output_dir=str(tmp_path / "out"))
    with instance_for_test() as instance:

        def tick(cursor: str | None):
            with build_sensor_context(
                instance=instance, cursor=cursor, resources={"settings": settings}
            ) as context:
                return corpus_change_sensor(context)

        first = tick(None)
        assert len(hashed) == 3 and first.run_requests
        assert isinstance(tick(first.cursor), SkipReason) and len(hashed) == 3
        (corpus / "doc0.md").write_text("# Changed\n\nA longer text than before, surely.\n")
        changed = tick(first.cursor)
        assert hashed[3:] == ["doc0.md"] and changed.run_requests
