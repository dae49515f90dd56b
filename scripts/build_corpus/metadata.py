"""Front matter and metadata of corpus documents, read with the library's own functions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jane_synth.ingest.errors import IngestError
from jane_synth.ingest.metadata import read_sidecar, sidecar_path, split_front_matter

SOURCES_DIRNAME = "_sources"
GENERATED_FORMATS = ("pdf", "docx")
RENDER_KEYS = ("format", "layout", "running_header")


class CorpusError(Exception):
    """A source or a metadata file that cannot be read."""


def _document_suffixes() -> dict[str, str]:
    """Suffix -> format of the files the pipeline reads (the one place that asks ingestion)."""
    from jane_synth.ingest.registry import supported_suffixes

    return supported_suffixes()


def document_format(document: Path) -> str | None:
    """The ingestion format of ``document`` (``pdf``, ``markdown``, ...), None if unsupported."""
    return _document_suffixes().get(document.suffix.lower())


def read_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number of the body's first line) of a text."""
    text = text.lstrip("\ufeff")
    try:
        front, body, offset = split_front_matter(text)
    except IngestError as exc:
        raise CorpusError(exc.reason) from exc
    return front, body, text.count("\n", 0, offset) + 1


def read_front_matter_of(path: Path) -> tuple[dict[str, Any], str, int]:
    """:func:`read_front_matter` of a UTF-8 file."""
    return read_front_matter(path.read_text(encoding="utf-8"))


def metadata_of_front_matter(front: dict[str, Any]) -> dict[str, Any]:
    """The metadata fields of a generated source: everything but the rendering keys."""
    return {k: v for k, v in front.items() if k not in RENDER_KEYS}


def source_for(document: Path) -> Path | None:
    """The ``_sources`` file a generated document is rendered from, if any."""
    if document.suffix.lower().lstrip(".") not in GENERATED_FORMATS:
        return None
    candidate = document.parent / SOURCES_DIRNAME / (document.stem + ".md")
    return candidate if candidate.is_file() else None


def _sidecar_metadata(document: Path) -> dict[str, Any]:
    try:
        return read_sidecar(document)
    except IngestError as exc:
        raise CorpusError(exc.reason) from exc


def load_metadata(document: Path) -> dict[str, Any]:
    """Metadata of one corpus document (or of a ``_sources/*.md`` file).

    Order: the sidecar ``<file>.meta.yaml`` if present; the YAML front matter of Markdown and
    text files; for a PDF or DOCX that is not built yet, the front matter of its source.
    """
    document = Path(document)
    if document.parent.name == SOURCES_DIRNAME and document.suffix == ".md":
        return metadata_of_front_matter(read_front_matter_of(document)[0])
    if sidecar_path(document).is_file():
        return _sidecar_metadata(document)
    if document_format(document) in ("markdown", "text") and document.is_file():
        front = read_front_matter_of(document)[0]
        if front:
            return front
    source = source_for(document)
    if source is not None:
        return metadata_of_front_matter(read_front_matter_of(source)[0])
    raise CorpusError(f"{document.name}: no metadata (no sidecar, front matter or source)")
