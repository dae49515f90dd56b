"""The corpus asset: an empty folder fails the run instead of emptying the store."""

from __future__ import annotations

import pytest
from dagster import Failure, build_asset_context

from pipelines.assets.ingestion import corpus
from pipelines.resources import JaneSettings
from tests.conftest import ERN_NOTE, make_text_corpus

OTHER = "# Other\n\nECRIN supports multinational clinical trials across Europe through hubs.\n"


@pytest.fixture
def synced(tmp_path) -> JaneSettings:
    """Settings over a corpus of three files that the corpus asset has stored once."""
    folder = make_text_corpus(
        tmp_path / "corpus", {"a.md": ERN_NOTE, "b.md": OTHER, "c.md": OTHER + "\nMore.\n"}
    )
    settings = JaneSettings(corpus_dir=str(folder), output_dir=str(tmp_path / "out"))
    first = corpus(build_asset_context(), settings=settings)
    assert first.metadata["documents"] == 3 and "removal_warning" not in first.metadata
    return settings


def _emptied(settings: JaneSettings, allow_empty: bool) -> JaneSettings:
    for path in settings.corpus_path.iterdir():
        path.unlink()
    return JaneSettings(
        corpus_dir=settings.corpus_dir, output_dir=settings.output_dir, allow_empty=allow_empty
    )


def test_an_empty_folder_fails_with_a_clear_message_and_keeps_the_store(synced):
    settings = _emptied(synced, allow_empty=False)
    with pytest.raises(Failure) as failure:
        corpus(build_asset_context(), settings=settings)
    assert settings.corpus_dir in failure.value.description
    assert "3 document(s)" in failure.value.description
    with settings.open_store() as store:
        assert store.count("documents") == 3


def test_allow_empty_empties_the_store_and_warns(synced):
    settings = _emptied(synced, allow_empty=True)
    result = corpus(build_asset_context(), settings=settings)
    assert result.metadata["removed"] == 3 and result.metadata["documents"] == 0
    assert "removes 3 of the 3 stored files" in result.metadata["removal_warning"]


def test_removing_more_than_half_warns_in_the_metadata(synced):
    (synced.corpus_path / "b.md").unlink()
    (synced.corpus_path / "c.md").unlink()
    result = corpus(build_asset_context(), settings=synced)
    assert result.metadata["removed"] == 2
    assert "removes 2 of the 3 stored files" in result.metadata["removal_warning"]
    assert result.metadata["reclaimed_bytes"] >= 0


def test_removing_a_few_files_does_not_warn(synced):
    (synced.corpus_path / "c.md").unlink()
    result = corpus(build_asset_context(), settings=synced)
    assert result.metadata["removed"] == 1 and "removal_warning" not in result.metadata
