"""Records of an evidence brief."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Citation
from ..taxonomy import Term


@dataclass(frozen=True)
class Evidence:
    """One statement of a brief: a verbatim extract of a page, with where it comes from.

    ``start``/``end`` are offsets into the cited page's text: ``page_text[start:end] == quote``.
    """

    quote: str
    citation: Citation
    chunk_id: str
    start: int
    end: int
    score: float
    noe_specific: bool


@dataclass(frozen=True)
class BriefSection:
    dimension: Term
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Brief:
    noe: Term
    sections: tuple[BriefSection, ...]
    n_documents_in_corpus: int
    corpus_fingerprint: str

    def citations(self) -> list[Citation]:
        """Cited documents in order of first citation (one entry per document)."""
        seen: dict[str, Citation] = {}
        for section in self.sections:
            for ev in section.evidence:
                seen.setdefault(ev.citation.doc_id, ev.citation)
        return list(seen.values())

    def source_number(self, doc_id: str) -> int:
        return [c.doc_id for c in self.citations()].index(doc_id) + 1

    def pages_cited(self, doc_id: str) -> list[int]:
        return sorted(
            {
                ev.citation.page
                for s in self.sections
                for ev in s.evidence
                if ev.citation.doc_id == doc_id
            }
        )
