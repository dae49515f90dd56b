"""``themes.json``: each theme with its representative chunks, cited by document and page."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..records import Chunk, Theme
from ..store import StoredDocument


def themes_payload(
    themes: Sequence[Theme], chunks: Mapping[str, Chunk], documents: Mapping[str, StoredDocument]
) -> list[dict[str, Any]]:
    """The content of ``themes.json``: a theme's fields plus its representatives' text."""
    payload = []
    for theme in themes:
        reps = []
        for cid in theme.representative_chunk_ids:
            c, doc = chunks[cid], documents[chunks[cid].doc_id]
            reps.append(
                {"chunk_id": cid, "doc_id": c.doc_id, "title": doc.meta.title,
                 "path": doc.path, "page": c.page, "text": c.text}
            )  # fmt: skip
        payload.append({**asdict(theme), "representatives": reps})
    return payload


def write_themes_json(
    path: Path,
    themes: Sequence[Theme],
    chunks: Mapping[str, Chunk],
    documents: Mapping[str, StoredDocument],
) -> None:
    """Write ``themes.json`` (indented UTF-8; the same themes give the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(themes_payload(themes, chunks, documents), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", "utf-8")
