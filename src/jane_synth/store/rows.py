"""Database rows to typed records and back."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass

from ..records import Chunk, DocumentMeta, Entity, Theme


@dataclass(frozen=True)
class StoredDocument:
    """A document row: metadata plus where it came from."""

    doc_id: str
    path: str
    format: str
    meta: DocumentMeta
    n_pages: int
    n_chars: int
    superseded_by: str | None = None


def meta_from_row(row: sqlite3.Row) -> DocumentMeta:
    return DocumentMeta(
        title=row["title"],
        publisher=row["publisher"],
        year=row["year"],
        doc_type=row["doc_type"],
        language=row["language"],
        networks=tuple(json.loads(row["networks"])),
        noe_domains=tuple(json.loads(row["noe_domains"])),
        main_noe_domain=row["main_noe_domain"],
        dimensions=tuple(json.loads(row["dimensions"])),
        sources=tuple(json.loads(row["sources"])),
        version=row["version"],
    )


def document_from_row(r: sqlite3.Row) -> StoredDocument:
    return StoredDocument(
        r["doc_id"], r["path"], r["format"], meta_from_row(r), r["n_pages"], r["n_chars"],
        r["superseded_by"],
    )  # fmt: skip


def chunk_from_row(row: sqlite3.Row) -> Chunk:
    return Chunk(
        chunk_id=row["chunk_id"],
        doc_id=row["doc_id"],
        page=row["page"],
        start=row["start"],
        end=row["end"],
        seq=row["seq"],
        text=row["text"],
        text_hash=row["text_hash"],
        entities=tuple(Entity(*e) for e in json.loads(row["entities"])),
        language=row["language"],
    )


def chunk_to_row(c: Chunk) -> tuple[object, ...]:
    entities = json.dumps([list(asdict(e).values()) for e in c.entities])
    return (c.chunk_id, c.doc_id, c.page, c.start, c.end, c.seq, c.text, c.text_hash, entities,
            c.language)  # fmt: skip


def theme_from_row(r: sqlite3.Row) -> Theme:
    return Theme(
        r["theme_id"], r["label"], tuple(json.loads(r["keyphrases"])), r["size"],
        r["n_documents"], tuple(json.loads(r["representatives"])),
    )  # fmt: skip


def theme_to_row(t: Theme) -> tuple[object, ...]:
    return (t.theme_id, t.label, json.dumps(t.keyphrases), t.size, t.n_documents,
            json.dumps(t.representative_chunk_ids))  # fmt: skip
