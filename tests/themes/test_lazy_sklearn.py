"""A run that only extends stored themes never imports scikit-learn (about 1.1 s of a rerun);
fitting themes imports it where a stage fits."""

import subprocess
import sys

from tests.conftest import REPO_ROOT

SCRIPT = """
import sys
import numpy as np
import pipelines.definitions
from jane_synth.themes import ChunkInput, PreviousThemes, ThemeModel
from tests.themes.data import DOCS, IDS, TEXTS, blobs

data = ChunkInput(IDS, TEXTS, blobs(), DOCS)
assert "sklearn" not in sys.modules, "importing the pipeline imported scikit-learn"
fit = ThemeModel().fit(data)
assert "sklearn" in sys.modules
parents = {t.theme_id: t.parent for t in fit.themes}
previous = PreviousThemes(dict(fit.centroids), parents, dict(fit.assignment))
for name in [m for m in sys.modules if m.startswith(("sklearn", "scipy"))]:
    del sys.modules[name]
extended = ThemeModel().extend(data, previous)
assert "sklearn" not in sys.modules, "extending stored themes imported scikit-learn"
assert [t.label for t in extended.themes] == [t.label for t in fit.themes]
"""


def test_extending_themes_needs_no_scikit_learn_and_fitting_imports_it():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=REPO_ROOT, timeout=300,
        env={"PYTHONPATH": f"{REPO_ROOT / 'src'}:{REPO_ROOT}", "PATH": "/usr/bin:/bin",
             "HF_HUB_OFFLINE": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
