"""Which documents the corpus holds: the pipeline's discovery plus the outputs of the sources."""

from __future__ import annotations

from pathlib import Path

from jane_synth.ingest import discover

from .metadata import (
    GENERATED_FORMATS,
    SOURCES_DIRNAME,
    CorpusError,
    document_format,
    read_front_matter_of,
)


def discover_documents(corpus: Path) -> list[Path]:
    """Documents present in the corpus folder that the pipeline would read."""
    return [path for path in discover(corpus) if document_format(path) is not None]


def source_files(corpus: Path) -> list[Path]:
    """The ``_sources/*.md`` files of the corpus, sorted."""
    folder = corpus / SOURCES_DIRNAME
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def output_path(corpus: Path, source: Path, fmt: str) -> Path:
    """Where the document rendered from ``source`` in format ``fmt`` goes."""
    return corpus / f"{source.stem}.{fmt}"


def list_documents(corpus: Path) -> list[Path]:
    """Present documents plus the outputs the sources will produce (built or not)."""
    docs = set(discover_documents(corpus))
    for src in source_files(corpus):
        try:
            front = read_front_matter_of(src)[0]
        except CorpusError:
            continue
        fmt = str(front.get("format", "")).lower()
        if fmt in GENERATED_FORMATS:
            docs.add(output_path(corpus, src, fmt))
    return sorted(docs)
