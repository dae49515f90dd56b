"""The version of ingestion: what it makes of a file depends on this package's code and on the
libraries that extract text, so a file stored by another version is read again.

A store keeps, for each file, the version that read it. Without it, a fix to text extraction or
cleaning (a lost ligature put back, a better title) reached only files whose content changed;
every other document kept the old text in its quotes until someone touched the file.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

EXTRACTORS = ("pypdf", "cryptography", "trafilatura", "python-docx", "pyyaml", "py3langid")
"""The libraries whose versions change what a file's text becomes."""


def _installed(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def source_digest(folder: Path, libraries: tuple[str, ...]) -> str:
    """A short digest of the Python files in ``folder`` and the installed ``libraries``' versions."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in libraries:
        digest.update(f"{name}={_installed(name)}\0".encode())
    return digest.hexdigest()[:16]


@cache
def parser_version() -> str:
    """The version of this ingestion: its package's source and the extractors' versions."""
    return source_digest(Path(__file__).resolve().parent, EXTRACTORS)
