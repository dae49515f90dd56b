"""The ``embedding`` section of the settings: backends by registered name."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from jane_synth.settings import EmbeddingSettings, load_settings


def test_bulk_goes_to_onnx_and_queries_to_int8_onnx_by_default():
    settings = EmbeddingSettings()
    assert (settings.backend, settings.query_backend) == ("onnx", "onnx-int8")
    embedder = settings.embedder()
    assert (embedder.backend, embedder.query_backend) == ("onnx", "onnx-int8")


def test_the_environment_and_the_file_choose_the_backends(tmp_path):
    path = tmp_path / "jane-synth.toml"
    path.write_text('[embedding]\nbackend = "torch"\nbatch_size = 16\n')
    env = {"JANE_EMBEDDING__QUERY_BACKEND": "torch"}
    settings = load_settings(path, env).embedding
    assert (settings.backend, settings.query_backend, settings.batch_size) == ("torch", "torch", 16)
    assert settings.embedder().batch_size == 16


def test_an_unknown_backend_is_refused_naming_the_key(tmp_path):
    with pytest.raises(
        ValidationError, match=r"embedding\.backend[\s\S]*known: onnx, onnx-int8, torch"
    ):
        load_settings(tmp_path / "none.toml", {"JANE_EMBEDDING__BACKEND": "tensorflow"})
