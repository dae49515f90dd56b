"""Typed records passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

IngestStatus = Literal["ingested", "ingested_with_warnings", "quarantined"]

DOC_TYPES = (
    "report",
    "evaluation",
    "minutes",
    "policy",
    "factsheet",
    "webpage",
    "survey",
    "slides",
)


@dataclass(frozen=True)
class DocumentMeta:
    """Descriptive metadata of a document, from front matter, a sidecar or inference."""

    title: str
    publisher: str = ""
    year: int | None = None
    doc_type: str = "report"
    language: str = ""
    networks: tuple[str, ...] = ()
    noe_domains: tuple[str, ...] = ()
    main_noe_domain: str | None = None
    dimensions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    version: str | None = None


@dataclass(frozen=True)
class Page:
    """The cleaned text of one page (1-based number). HTML, DOCX and text files have one page."""

    number: int
    text: str


@dataclass
class ParsedDocument:
    """A document after extraction and cleaning, ready for chunking."""

    doc_id: str
    path: str
    source_format: str
    meta: DocumentMeta
    pages: list[Page]
    warnings: list[str] = field(default_factory=list)

    @property
    def n_chars(self) -> int:
        return sum(len(p.text) for p in self.pages)


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one file: one row of ``ingest_report.json``."""

    path: str
    status: IngestStatus
    reason: str
    pages: int
    chars: int
    language: str
    doc_id: str


@dataclass(frozen=True)
class Entity:
    """A taxonomy entity found in a chunk; offsets are relative to the chunk text."""

    label: str
    slug: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    """A sentence-aligned span of one page: ``text == page_text[start:end]``."""

    chunk_id: str
    doc_id: str
    page: int
    start: int
    end: int
    seq: int
    text: str
    text_hash: str
    entities: tuple[Entity, ...] = ()
    language: str = ""


@dataclass(frozen=True)
class Citation:
    """Where a quoted passage comes from."""

    doc_id: str
    title: str
    page: int
    path: str
    publisher: str = ""
    year: int | None = None


@dataclass(frozen=True)
class SearchHit:
    """One ranked search result."""

    chunk_id: str
    doc_id: str
    title: str
    page: int
    score: float
    text: str
    snippet: str
    path: str = ""
    also_in: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Theme:
    """A cluster of chunks that recur across the corpus."""

    theme_id: int
    label: str
    keyphrases: tuple[str, ...]
    size: int
    n_documents: int
    representative_chunk_ids: tuple[str, ...]
    parent: int | None = None
    """The broad theme this sub-theme belongs to; ``None`` for a top-level theme."""
