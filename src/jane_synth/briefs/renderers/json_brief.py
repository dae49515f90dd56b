"""The JSON brief, for other tools and for the citation check, and its typed reader.

JSON keeps document text exactly as it is on the page (no escaping beyond JSON's own), so a
quote read back with :func:`load_brief` can be compared with its page character for character.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ...records import Citation
from ..keypoints import key_points
from ..model import Brief

JSON_SUFFIX = ".json"


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The brief as plain data (the JSON file's content)."""
    return {
        "noe": brief.noe.slug,
        "title": f"Evidence brief: {brief.noe.name}",
        "corpus_fingerprint": brief.corpus_fingerprint,
        "n_documents_in_corpus": brief.n_documents_in_corpus,
        "sections": [
            {
                "dimension": s.dimension.slug,
                "name": s.dimension.name,
                "question": s.dimension.description,
                "evidence": [
                    {**{k: v for k, v in asdict(ev).items() if k != "citation"},
                     "citation": asdict(ev.citation)}
                    for ev in s.evidence
                ],
                "gaps": list(s.gaps),
                "quoted_elsewhere": {strand: list(dims) for strand, dims in s.quoted_elsewhere},
                "themes": [asdict(t) for t in s.themes],
                "grades": [asdict(g) for g in s.grades],
            }
            for s in brief.sections
        ],
        "gaps": [asdict(g) for g in brief.gaps],
        "key_points": [
            {"text": p.evidence.quote, "doc_id": p.evidence.citation.doc_id,
             "page": p.evidence.citation.page, "dimension": p.section.dimension.slug,
             "grade": p.grade.value}
            for p in key_points(brief)
        ],
        "quotes": quotes(brief),
        "policy_links": None if brief.policies is None else [
            {"policy": p.slug, "name": p.name, "description": p.description,
             "quotes": [{"text": ev.quote, "doc_id": ev.citation.doc_id,
                         "page": ev.citation.page, "dimension": s.dimension.slug}
                        for s, ev in found]}
            for p, found in brief.policy_links()
        ],
        "divergences": None if brief.divergences is None else [
            {"topic": d.topic, "divergence_id": d.divergence_id,
             "noe_domains": sorted(d.noe_domains),
             "statements": [{"text": st.text, "doc_id": st.doc_id, "page": st.page,
                             "value": st.value, "title": st.title, "publisher": st.publisher,
                             "year": st.year, "source_path": st.path, "chunk_id": st.chunk_id,
                             "start": st.start, "end": st.end}
                            for st in d.statements]}
            for d in brief.divergences
        ],
        "changes": None if brief.changes is None else brief.changes.to_dict(),
        "manifest": None if brief.manifest is None else brief.manifest.to_dict(),
    }  # fmt: skip


def quotes(brief: Brief) -> list[dict[str, Any]]:
    """Every quote, flat, for other tools: text, document, file (relative to the corpus
    folder), page, dimension, strand, and its support when graded."""
    return [
        {"text": ev.quote, "doc_id": ev.citation.doc_id, "source_path": ev.citation.path,
         "page": ev.citation.page, "dimension": s.dimension.slug,
         "strand": "about_noe" if ev.noe_specific else "lessons",
         "support": None if ev.support is None else asdict(ev.support),
         "policies": list(ev.policies)}
        for s in brief.sections
        for ev in s.evidence
    ]  # fmt: skip


@dataclass(frozen=True)
class JsonRenderer:
    """``<slug>.json``: :func:`brief_to_dict`, indented, UTF-8, keys in a fixed order."""

    name: str = "json"
    suffix: str = JSON_SUFFIX

    def render(self, brief: Brief) -> bytes:
        """The brief as UTF-8 JSON."""
        return (json.dumps(brief_to_dict(brief), indent=2, ensure_ascii=False) + "\n").encode()


@dataclass(frozen=True)
class StoredQuote:
    """One quote of a written brief: the text and where it must be found."""

    dimension: str
    quote: str
    start: int
    end: int
    chunk_id: str
    noe_specific: bool
    citation: Citation


@dataclass(frozen=True)
class StoredStatement:
    """One statement of a "Where sources differ" entry, with where it must be found."""

    topic: str
    text: str
    doc_id: str
    page: int
    start: int
    end: int
    title: str


@dataclass(frozen=True)
class StoredBrief:
    """A brief as read back from its JSON file."""

    noe: str
    title: str
    corpus_fingerprint: str
    n_documents_in_corpus: int
    quotes: tuple[StoredQuote, ...]
    divergence_statements: tuple[StoredStatement, ...] = ()

    def cited_doc_ids(self) -> set[str]:
        """The distinct documents the brief cites."""
        return {q.citation.doc_id for q in self.quotes}


def _quote(dimension: str, ev: dict[str, Any]) -> StoredQuote:
    return StoredQuote(
        dimension=dimension,
        quote=ev["quote"],
        start=ev["start"],
        end=ev["end"],
        chunk_id=ev["chunk_id"],
        noe_specific=ev["noe_specific"],
        citation=Citation(**ev["citation"]),
    )


def load_brief(path: Path) -> StoredBrief:
    """Read a brief's JSON file (as written by :class:`JsonRenderer`)."""
    data = json.loads(Path(path).read_text("utf-8"))
    return StoredBrief(
        noe=data["noe"],
        title=data["title"],
        corpus_fingerprint=data["corpus_fingerprint"],
        n_documents_in_corpus=data["n_documents_in_corpus"],
        quotes=tuple(
            _quote(section["dimension"], ev)
            for section in data["sections"]
            for ev in section["evidence"]
        ),
        divergence_statements=tuple(
            StoredStatement(
                d["topic"],
                st["text"],
                st["doc_id"],
                st["page"],
                st["start"],
                st["end"],
                st["title"],
            )
            for d in data.get("divergences") or ()
            for st in d["statements"]
        ),
    )
