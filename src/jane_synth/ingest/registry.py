"""Document readers as registered parts: one ``Reader`` per format, found by file suffix.

A format module defines its reader and registers it with one line, ``register(MyReader())``;
``ingest/__init__.py`` imports the built-in format modules. Everything that needs to know the
formats (ingestion, the worker warm-up, the corpus build script) asks this registry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

__all__ = [
    "Extracted",
    "FormatDetails",
    "Inferred",
    "ReadOptions",
    "Reader",
    "Review",
    "reader_for",
    "readers",
    "register",
    "supported_suffixes",
    "unregister",
]


@dataclass(frozen=True)
class ReadOptions:
    """What a reader may spend on one file (derived from :class:`IngestLimits`)."""

    max_pages: int = 2000
    ocr: bool = True
    """OCR pages without a text layer when ``tesseract`` is on the PATH."""
    max_ocr_pages: int = 50
    max_unzipped_bytes: int = 100 * 1024 * 1024
    max_zip_ratio: float = 100.0


@dataclass(frozen=True)
class Inferred:
    """Metadata a reader found in the file itself (used when nothing is declared)."""

    title: str = ""
    publisher: str = ""
    year: int | None = None


@dataclass(frozen=True)
class Review:
    """A format's verdict on its cleaned pages: a quarantine reason, or extra warnings."""

    reason: str = ""
    warnings: tuple[str, ...] = ()


@runtime_checkable
class FormatDetails(Protocol):
    """Format-specific findings (PDF scans, OCR, repairs) that judge the cleaned pages."""

    def review(self, pages: Sequence[str], options: ReadOptions) -> Review:
        """Quarantine reason or warnings, given the cleaned text of every page."""
        ...


@dataclass(frozen=True)
class Extracted:
    """What a reader got out of one file, before cleaning."""

    pages: tuple[str, ...]
    declared: Mapping[str, Any] = field(default_factory=dict)
    """Metadata declared by the author: front matter or a ``.meta.yaml`` sidecar."""
    inferred: Inferred = Inferred()
    warnings: tuple[str, ...] = ()
    default_doc_type: str = "report"
    details: FormatDetails | None = None


class Reader(Protocol):
    """Reads one document format. ``warm_up`` (optional) loads heavy parsers ahead of time."""

    name: str
    suffixes: tuple[str, ...]

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Extracted:
        """Raw page texts and metadata; raise ``IngestError`` with a reason when impossible."""
        ...


_READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add ``reader`` (replacing one of the same name); a suffix may belong to one reader only."""
    for other in _READERS.values():
        taken = set(other.suffixes) & {s.lower() for s in reader.suffixes}
        if other.name != reader.name and taken:
            raise ValueError(f"suffix {sorted(taken)[0]} already read by {other.name!r}")
    _READERS[reader.name] = reader
    return reader


def unregister(name: str) -> None:
    """Remove the reader called ``name`` (no error when there is none)."""
    _READERS.pop(name, None)


def readers() -> dict[str, Reader]:
    """Every registered reader by name, sorted by name."""
    return dict(sorted(_READERS.items()))


def reader_for(path: Path) -> Reader | None:
    """The reader of ``path``'s suffix (case-insensitive), or None when no reader takes it."""
    suffix = Path(path).suffix.lower()
    return next((r for r in _READERS.values() if suffix in r.suffixes), None)


def supported_suffixes() -> dict[str, str]:
    """``suffix -> format name`` of every registered reader, sorted by suffix."""
    return dict(sorted((s, r.name) for r in _READERS.values() for s in r.suffixes))
