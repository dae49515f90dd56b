"""``themes.json``: each theme with its members, cited representatives and distributions, and
the bucket of unassigned chunks."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from ..records import Chunk
from ..store import StoredDocument
from .distribution import distribution
from .fit import ThemeFit

UNASSIGNED_ID = -1


def _citation(
    cid: str, chunks: Mapping[str, Chunk], documents: Mapping[str, StoredDocument]
) -> dict[str, Any]:
    c = chunks[cid]
    doc = documents[c.doc_id]
    return {"chunk_id": cid, "doc_id": c.doc_id, "title": doc.meta.title, "path": doc.path,
            "page": c.page, "text": c.text}  # fmt: skip


def _unassigned(
    fit: ThemeFit, chunks: Mapping[str, Chunk], documents: Mapping[str, StoredDocument]
) -> dict[str, Any]:
    members = list(fit.unassigned)
    languages = Counter(chunks[c].language or "unknown" for c in members)
    return {
        "theme_id": UNASSIGNED_ID,
        "label": "unassigned",
        "keyphrases": [],
        "size": len(members),
        "n_documents": len({chunks[c].doc_id for c in members}),
        "representative_chunk_ids": [],
        "parent": None,
        "member_chunk_ids": members,
        "representatives": [],
        "distributions": distribution(members, chunks, documents),
        "unassigned": True,
        "fraction": round(fit.unassigned_fraction(), 4),
        "languages": dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def themes_payload(
    fit: ThemeFit, chunks: Mapping[str, Chunk], documents: Mapping[str, StoredDocument]
) -> list[dict[str, Any]]:
    """The content of ``themes.json``: every theme (a broad theme followed by its sub-themes),
    then the unassigned bucket (``theme_id`` -1, ``"unassigned": true``)."""
    payload = []
    for theme in fit.themes:
        members = fit.members(theme.theme_id)
        payload.append({
            **asdict(theme),
            "member_chunk_ids": members,
            "representatives": [
                _citation(c, chunks, documents) for c in theme.representative_chunk_ids
            ],
            "distributions": distribution(members, chunks, documents),
        })  # fmt: skip
    payload.append(_unassigned(fit, chunks, documents))
    return payload


def write_themes_json(
    path: Path,
    fit: ThemeFit,
    chunks: Mapping[str, Chunk],
    documents: Mapping[str, StoredDocument],
) -> None:
    """Write ``themes.json`` (indented UTF-8; the same themes give the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(themes_payload(fit, chunks, documents), indent=2, ensure_ascii=False)
    write_text_atomic(path, text + "\n")
