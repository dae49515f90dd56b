"""The code base keeps its shape: small modules and functions, and a library without Dagster."""

from __future__ import annotations

import subprocess
import sys

from tests.code_shape import CHECKED, REPO_ROOT, long_functions, long_modules, python_files


def test_no_module_is_over_400_lines():
    assert long_modules(python_files(*CHECKED)) == []


def test_no_function_is_over_60_lines():
    assert long_functions(python_files(*CHECKED)) == []


BLOCK_DAGSTER = """
import importlib, pkgutil, sys

class _Block:
    def find_spec(self, name, path=None, target=None):
        if name == "dagster" or name.startswith(("dagster.", "dagster_")):
            raise ImportError(f"the library imported {name}")
        return None

sys.meta_path.insert(0, _Block())
import jane_synth
for mod in pkgutil.walk_packages(jane_synth.__path__, "jane_synth."):
    importlib.import_module(mod.name)
print("ok")
"""


def test_the_library_imports_without_dagster():
    """``import jane_synth`` and every submodule work with ``dagster`` blocked."""
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_DAGSTER],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
