"""The ONNX export: offline, atomic, cached by a hash of the weights."""

from __future__ import annotations

import shutil
import socket
import time

import pytest

from jane_synth.embedding import bundled_model_path, export
from jane_synth.embedding.export import ensure_onnx, onnx_path, weights_digest


def _no_network(*args, **kwargs):
    raise OSError("network is off in this test")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One export into an empty cache, with every socket connection refused."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _no_network)
        mp.setattr(socket, "create_connection", _no_network)
        path = ensure_onnx(bundled_model_path(), cache)
    return cache, path


@pytest.mark.slow
def test_the_export_runs_with_the_network_off_and_leaves_no_temporary_file(exported):
    cache, path = exported
    assert path.is_file() and path.stat().st_size > 10_000_000
    assert sorted(p.name for p in cache.iterdir()) == [path.name]
    assert path == onnx_path(bundled_model_path(), cache)


@pytest.mark.slow
def test_a_cached_export_is_reused(exported, monkeypatch):
    cache, path = exported
    monkeypatch.setattr(export, "export_onnx", lambda *a: pytest.fail("exported again"))
    assert ensure_onnx(bundled_model_path(), cache) == path


@pytest.mark.slow
def test_the_onnx_graph_has_the_inputs_the_backend_feeds(exported):
    import onnxruntime as ort

    session = ort.InferenceSession(str(exported[1]), providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == list(export.INPUTS)
    assert [o.name for o in session.get_outputs()] == [export.OUTPUT]


def test_changed_weights_change_the_cache_key(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    (model / "model.safetensors").write_bytes(b"weights one")
    first = onnx_path(model, tmp_path)
    assert onnx_path(model, tmp_path) == first  # stable
    (model / "model.safetensors").write_bytes(b"weights two")
    assert onnx_path(model, tmp_path) != first
    assert weights_digest(model) != weights_digest(tmp_path)  # an empty folder hashes apart


def test_a_failed_export_leaves_nothing_in_the_cache(tmp_path, monkeypatch):
    model = tmp_path / "model"
    shutil.copytree(bundled_model_path(), model, ignore=shutil.ignore_patterns("*.safetensors"))
    cache = tmp_path / "cache"

    def broken(model_path, out):
        out.write_bytes(b"half a model")
        raise RuntimeError("export failed")

    monkeypatch.setattr(export, "export_onnx", broken)
    with pytest.raises(RuntimeError, match="export failed"):
        ensure_onnx(model, cache)
    assert list(cache.iterdir()) == []


def test_the_digest_is_read_once_per_process_unless_the_files_just_changed(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "model.safetensors").write_bytes(b"weights")
    racy = weights_digest(model)  # written just now: hashed every time, never cached
    hits = export._digest.cache_info().hits
    assert weights_digest(model) == racy and export._digest.cache_info().hits == hits
    # The change time cannot be set back; wait out the racy window instead.
    time.sleep(2.1)
    first = weights_digest(model)
    assert first == racy
    assert weights_digest(model) == first and export._digest.cache_info().hits == hits + 1
