"""Size and layering rules of the code base, as plain functions (``tests/test_code_shape.py``).

Run over a folder while working: ``python -m tests.code_shape src/jane_synth/search``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REPO_ROOT = Path(__file__).resolve().parents[1]
CHECKED = ("src", "pipelines", "scripts")


def python_files(*roots: str) -> list[Path]:
    """The ``.py`` files below ``roots`` (relative to the repository)."""
    files: list[Path] = []
    for root in roots:
        base = REPO_ROOT / root
        files += [base] if base.is_file() else sorted(base.rglob("*.py"))
    return [f for f in files if "__pycache__" not in f.parts]


def long_modules(files: list[Path]) -> list[str]:
    out = []
    for f in files:
        n = len(f.read_text("utf-8").splitlines())
        if n > MAX_MODULE_LINES:
            out.append(f"{f.relative_to(REPO_ROOT)}: {n} lines")
    return out


def long_functions(files: list[Path]) -> list[str]:
    out = []
    for f in files:
        tree = ast.parse(f.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    out.append(f"{f.relative_to(REPO_ROOT)}:{node.lineno} {node.name}: {n} lines")
    return out


if __name__ == "__main__":
    targets = python_files(*(sys.argv[1:] or CHECKED))
    problems = long_modules(targets) + long_functions(targets)
    print("\n".join(problems) or "ok")
    sys.exit(1 if problems else 0)
