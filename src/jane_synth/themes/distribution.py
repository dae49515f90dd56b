"""How a theme spreads over networks, NoE domains, document types, publishers and years."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from ..records import Chunk
from ..store import StoredDocument

FACETS = ("networks", "noe_domains", "doc_types", "publishers", "years")


def _values(doc: StoredDocument) -> dict[str, tuple[str, ...]]:
    meta = doc.meta
    return {
        "networks": meta.networks,
        "noe_domains": meta.noe_domains,
        "doc_types": (meta.doc_type,) if meta.doc_type else (),
        "publishers": (meta.publisher,) if meta.publisher else (),
        "years": (str(meta.year),) if meta.year else (),
    }


def distribution(
    member_ids: Iterable[str],
    chunks: Mapping[str, Chunk],
    documents: Mapping[str, StoredDocument],
) -> dict[str, dict[str, int]]:
    """Member chunks counted per value of each facet, most first (a chunk of a document that
    names two networks counts for each)."""
    counts: dict[str, Counter[str]] = {facet: Counter() for facet in FACETS}
    for cid in member_ids:
        for facet, values in _values(documents[chunks[cid].doc_id]).items():
            counts[facet].update(values)
    return {
        facet: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
        for facet, c in counts.items()
    }
