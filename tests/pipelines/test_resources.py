from jane_synth.ingest import IngestLimits
from pipelines.resources import EmbeddingModel, JaneSettings


def test_the_resources_default_to_the_loaded_settings(tmp_path, monkeypatch):
    path = tmp_path / "jane-synth.toml"
    path.write_text(
        'corpus_dir = "/data/corpus"\nallow_empty = true\n[ingest]\nmax_pages = 9\nocr = false\n'
        "[embedding]\nbatch_size = 8\n[chunking]\nmax_tokens = 99\n"
    )
    monkeypatch.setenv("JANE_SETTINGS", str(path))
    monkeypatch.delenv("JANE_CORPUS_DIR", raising=False)
    settings = JaneSettings()
    assert settings.corpus_dir == "/data/corpus" and settings.allow_empty is True
    assert settings.limits == IngestLimits(max_pages=9, ocr=False)
    assert settings.run_settings.chunking.max_tokens == 99
    assert EmbeddingModel().batch_size == 8
    # The launchpad's values win over the file.
    chosen = JaneSettings(max_pages=3, allow_empty=False)
    assert chosen.limits.max_pages == 3 and chosen.run_settings.allow_empty is False
