"""spaCy is imported without torch, and torch still imports afterwards."""

import subprocess
import sys

from tests.conftest import REPO_ROOT

SCRIPT = """
import sys
from jane_synth.chunking import Chunker
from jane_synth.nlp import default_nlp
assert "torch" not in sys.modules, "spaCy pulled torch in"
doc = default_nlp()("The ERN board met. Patients sit on it.")
assert [s.text for s in doc.sents] == ["The ERN board met.", "Patients sit on it."]
import thinc.compat
assert not thinc.compat.has_torch
import torch
assert torch.zeros(2).sum().item() == 0.0
"""


def test_spacy_comes_without_torch_and_torch_still_imports_after():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=REPO_ROOT, timeout=300,
        env={"PYTHONPATH": f"{REPO_ROOT / 'src'}", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
