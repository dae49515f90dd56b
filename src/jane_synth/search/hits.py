"""Citations and search hits: title, page and file of every passage, with a snippet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..records import Chunk, Citation, SearchHit
from ..store import StoredDocument
from .snippets import make_snippet


def citation(chunk: Chunk, documents: Mapping[str, StoredDocument]) -> Citation:
    """Where a chunk is: its document's title, the page, the file, publisher and year."""
    doc = documents[chunk.doc_id]
    return Citation(chunk.doc_id, doc.meta.title, chunk.page, doc.path, doc.meta.publisher,
                    doc.meta.year)  # fmt: skip


def make_hits(
    kept: Sequence[tuple[int, float, list[Citation]]],
    chunks: Sequence[Chunk],
    documents: Mapping[str, StoredDocument],
    query: str,
) -> list[SearchHit]:
    """One cited hit per ``(row, score, also_in)``, with a snippet centred on the query."""
    hits = []
    for row, score, also in kept:
        chunk = chunks[row]
        cite = citation(chunk, documents)
        hits.append(
            SearchHit(
                chunk_id=chunk.chunk_id,
                doc_id=chunk.doc_id,
                title=cite.title,
                page=chunk.page,
                score=round(score, 6),
                text=chunk.text,
                snippet=make_snippet(chunk.text, query),
                path=cite.path,
                also_in=tuple(also),
            )
        )
    return hits
