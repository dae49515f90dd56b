"""The run behind the briefs: corpus, files by status, model, packages, selector and date.

One :class:`RunManifest` per run, shown in every brief and written as ``manifest.json``. Only
``run_date`` changes between two runs over the same corpus with the same settings.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from ..records import IngestOutcome

STATUSES = ("ingested", "ingested_with_warnings", "quarantined")
PACKAGES = (
    "jane-synth", "numpy", "torch", "sentence-transformers", "onnxruntime", "scikit-learn",
    "spacy", "bm25s", "pypdf", "trafilatura", "python-docx", "jinja2", "dagster",
)  # fmt: skip
"""The main dependencies whose versions a manifest records."""
DATE_KEY = "run_date"


@dataclass(frozen=True)
class RunManifest:
    """What produced a run's briefs. Pairs are ``(name, value)`` in a fixed order."""

    corpus_fingerprint: str
    documents: int  # documents in the store (every version)
    files_by_status: tuple[tuple[str, int], ...]
    embedding_model: str
    embedding_weights_sha256: str
    embedding_backend: str  # what ran the model: for passages and sentences, and for questions
    packages: tuple[tuple[str, str], ...]
    selector: tuple[tuple[str, str], ...]
    run_date: str  # ISO 8601, UTC, to the second

    def to_dict(self) -> dict[str, Any]:
        """The manifest as plain data (pairs become objects, keys in a fixed order)."""
        return {
            "corpus_fingerprint": self.corpus_fingerprint,
            "documents": self.documents,
            "files_by_status": dict(self.files_by_status),
            "embedding_model": self.embedding_model,
            "embedding_weights_sha256": self.embedding_weights_sha256,
            "embedding_backend": self.embedding_backend,
            "packages": dict(self.packages),
            "selector": dict(self.selector),
            DATE_KEY: self.run_date,
        }

    def lines(self) -> list[tuple[str, str]]:
        """``(label, text)`` lines for the briefs' "Run manifest" section."""
        join = ", ".join
        return [
            ("Corpus fingerprint", self.corpus_fingerprint),
            ("Documents in the store", str(self.documents)),
            ("Files by status", join(f"{k} {v}" for k, v in self.files_by_status)),
            ("Embedding model", f"{self.embedding_model}, weights sha256 {self.embedding_weights_sha256}"),
            ("Embedding backend", self.embedding_backend),
            ("Packages", join(f"{k} {v}" for k, v in self.packages)),
            ("Evidence selector", join(f"{k} {v}" for k, v in self.selector)),
            ("Run date", self.run_date),
        ]  # fmt: skip


def package_versions(names: Iterable[str] = PACKAGES) -> tuple[tuple[str, str], ...]:
    """The installed version of each package (``"not installed"`` when it is not)."""
    found = []
    for name in names:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "not installed"))
    return tuple(found)


def files_by_status(outcomes: Iterable[IngestOutcome]) -> tuple[tuple[str, int], ...]:
    """How many files ended with each status (every status listed, 0 included)."""
    counts: Counter[str] = Counter(o.status for o in outcomes)
    return tuple((status, counts.get(status, 0)) for status in STATUSES)


def run_date(now: dt.datetime | None = None) -> str:
    """``now`` (default: the current time) in UTC, ISO 8601 to the second."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def make_manifest(
    *,
    corpus_fingerprint: str,
    documents: int,
    outcomes: Sequence[IngestOutcome],
    embedding: tuple[str, str],
    selector: Mapping[str, object],
    embedding_backend: str = "",
    now: dt.datetime | None = None,
) -> RunManifest:
    """A manifest; ``embedding`` is (model name, weights sha256), ``embedding_backend`` what
    ran it, ``selector`` the selector's settings."""
    return RunManifest(
        corpus_fingerprint=corpus_fingerprint,
        documents=documents,
        files_by_status=files_by_status(outcomes),
        embedding_model=embedding[0],
        embedding_weights_sha256=embedding[1],
        embedding_backend=embedding_backend,
        packages=package_versions(),
        selector=tuple((k, str(v)) for k, v in selector.items()),
        run_date=run_date(now),
    )


def manifest_json(manifest: RunManifest) -> str:
    """The text of ``manifest.json``."""
    return json.dumps(manifest.to_dict(), indent=2, ensure_ascii=False) + "\n"


def write_manifest(manifest: RunManifest, path: Path) -> Path:
    """Write ``manifest.json`` at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(manifest_json(manifest), "utf-8")
    return path
