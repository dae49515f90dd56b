"""The training script gives the same model file, byte for byte, from the same data."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from jane_synth.evidence.model import EvidenceModel
from tests.conftest import REPO_ROOT, SHARED_DATA

pytestmark = pytest.mark.slow

DATA = Path(os.environ.get("JANE_SHARED_DATA", SHARED_DATA)) / "scifact_evidence"


def _script():
    if "train_evidence_model" in sys.modules:
        return sys.modules["train_evidence_model"]
    spec = importlib.util.spec_from_file_location(
        "train_evidence_model", REPO_ROOT / "scripts" / "train_evidence_model.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_evidence_model"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/scifact_evidence is absent")
def test_two_trainings_on_a_subset_write_identical_bytes(tmp_path):
    """The second training reads the vectors the first cached (embedding itself is tested to
    be deterministic in the store's tests); everything after them must repeat exactly."""
    script = _script()
    outs = []
    for run in ("a", "b"):
        out = tmp_path / f"model-{run}.json"
        argv = ["--corpus", str(DATA / "corpus.jsonl"), "--claims", str(DATA / "claims_train.jsonl"),
                "--out", str(out), "--cache", str(tmp_path / "cache"), "--limit", "15"]  # fmt: skip
        assert script.main(argv) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    model = EvidenceModel.from_json(outs[0].decode())
    assert model.trees and 0.05 <= model.threshold <= 0.95
    assert "15 claims" in model.notes["params"]["data"]
