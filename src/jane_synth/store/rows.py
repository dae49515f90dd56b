"""Database rows to typed records and back."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, TypeVar

from ..records import Chunk, DocumentMeta, Entity

R = TypeVar("R")


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


def _json_tuple(text: str) -> tuple[Any, ...]:
    return tuple(json.loads(text))


def _entities(text: str) -> tuple[Entity, ...]:
    return tuple(Entity(*e) for e in json.loads(text))


def _from_row(cls: type[R], row: Any, decode: Mapping[str, Callable[[str], Any]]) -> R:
    """A record whose fields are columns of ``row`` (JSON columns through ``decode``)."""
    values = {f.name: row[f.name] for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: decode[k](v) if k in decode else v for k, v in values.items()})


_META_JSON = dict.fromkeys(("networks", "noe_domains", "dimensions", "sources"), _json_tuple)


def meta_from_row(row: Any) -> DocumentMeta:
    return _from_row(DocumentMeta, row, _META_JSON)


def document_from_row(r: Any) -> StoredDocument:
    return StoredDocument(
        r["doc_id"], r["path"], r["format"], meta_from_row(r), r["n_pages"], r["n_chars"],
        r["superseded_by"],
    )  # fmt: skip


def chunk_from_row(row: Any) -> Chunk:
    return _from_row(Chunk, row, {"entities": _entities})


def chunk_to_row(c: Chunk) -> tuple[object, ...]:
    entities = json.dumps([list(asdict(e).values()) for e in c.entities])
    return (c.chunk_id, c.doc_id, c.page, c.start, c.end, c.seq, c.text, c.text_hash, entities,
            c.language)  # fmt: skip
