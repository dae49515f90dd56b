"""Choosing the evidence for each NoE and design dimension.

For every (NoE, dimension) pair: hybrid retrieval over the current (not superseded) English
chunks, a boost for chunks about that NoE, then sentence-level scoring of the candidates against
the question, and a diverse pick (maximal marginal relevance, few statements per document).
Statements are sentences copied verbatim from the page text, never generated text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from ..nlp import default_nlp
from ..records import Chunk, Citation
from ..search import Searcher
from ..taxonomy import Taxonomy, Term
from .model import Brief, BriefSection, Evidence

_HAS_VERB_LIKE = re.compile(r"\b(is|are|was|were|has|have|had|will|can|should|must|\w+(ed|es|s))\b")


@dataclass
class EvidenceSelector:
    """Picks ``per_section`` statements per dimension from ``candidates`` retrieved chunks."""

    searcher: Searcher
    per_section: int = 4
    candidates: int = 30
    max_per_document: int = 1
    noe_boost: float = 0.08
    mmr_lambda: float = 0.75
    min_chars: int = 50
    max_chars: int = 420
    language: str = "en"

    def __post_init__(self) -> None:
        self._sentence_cache: dict[str, np.ndarray] = {}
        docs = self.searcher.documents
        self._eligible = {
            d.doc_id
            for d in docs.values()
            if d.superseded_by is None and (d.meta.language or self.language) == self.language
        }

    def _about_noe(self, chunk: Chunk, noe: Term) -> bool:
        meta = self.searcher.documents[chunk.doc_id].meta
        return (
            meta.main_noe_domain == noe.slug
            or noe.slug in meta.noe_domains
            or any(e.slug == noe.slug for e in chunk.entities)
        )

    def _sentences(self, chunk: Chunk) -> list[tuple[int, int, str]]:
        """(start, end, text) of usable sentences, offsets relative to the chunk."""
        out = []
        for sent in default_nlp()(chunk.text).sents:
            text = sent.text.strip()
            if not (self.min_chars <= len(text) <= self.max_chars):
                continue
            # Statements only: no questions, headings or list fragments.
            if not text.endswith((".", ".)", '."')) or "?" in text or "\n" in text:
                continue
            if not _HAS_VERB_LIKE.search(text.lower()):
                continue
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            out.append((start, start + len(text), text))
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._sentence_cache]
        if missing:
            for t, v in zip(missing, self.searcher.embedder.encode(missing), strict=True):
                self._sentence_cache[t] = v
        return np.stack([self._sentence_cache[t] for t in texts])

    def section(self, noe: Term, dimension: Term) -> BriefSection:
        query = f"{noe.name}: {dimension.name}. {dimension.description}"
        ranked = self.searcher.rank(query, k=self.candidates * 3, mode="hybrid")
        rows = [r for r, _ in ranked if self.searcher.chunks[r].doc_id in self._eligible]
        rows = rows[: self.candidates]
        pool: list[tuple[Chunk, int, int, str, bool]] = []
        for row in rows:
            chunk = self.searcher.chunks[row]
            about = self._about_noe(chunk, noe)
            for start, end, text in self._sentences(chunk):
                pool.append((chunk, start, end, text, about))
        if not pool:
            return BriefSection(dimension, ())

        query_vec = self.searcher.embedder.encode_query(query)
        vectors = self._encode([p[3] for p in pool])
        dim_terms = {t.lower() for t in (dimension.name, *dimension.terms)}
        relevance = vectors @ query_vec
        for i, (_, _, _, text, about) in enumerate(pool):
            low = text.lower()
            relevance[i] += self.noe_boost * about
            relevance[i] += 0.04 * any(t in low for t in dim_terms)

        picked: list[int] = []
        per_doc: dict[str, int] = {}
        order = np.lexsort(([p[0].chunk_id for p in pool], -relevance))
        while len(picked) < self.per_section:
            best, best_score = None, -np.inf
            for i in order[:200]:
                chunk = pool[i][0]
                if i in picked or per_doc.get(chunk.doc_id, 0) >= self.max_per_document:
                    continue
                redundancy = max((float(vectors[i] @ vectors[j]) for j in picked), default=0.0)
                score = self.mmr_lambda * relevance[i] - (1 - self.mmr_lambda) * redundancy
                if score > best_score + 1e-12:
                    best, best_score = int(i), score
            if best is None:
                break
            picked.append(best)
            per_doc[pool[best][0].doc_id] = per_doc.get(pool[best][0].doc_id, 0) + 1

        evidence = []
        for i in picked:
            chunk, start, end, text, about = pool[i]
            doc = self.searcher.documents[chunk.doc_id]
            evidence.append(
                Evidence(
                    quote=text,
                    citation=Citation(
                        chunk.doc_id,
                        doc.meta.title,
                        chunk.page,
                        doc.path,
                        doc.meta.publisher,
                        doc.meta.year,
                    ),
                    chunk_id=chunk.chunk_id,
                    start=chunk.start + start,
                    end=chunk.start + end,
                    score=round(float(relevance[i]), 4),
                    noe_specific=about,
                )
            )
        return BriefSection(dimension, tuple(evidence))


def corpus_fingerprint(doc_ids: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(doc_ids)).encode()).hexdigest()[:12]


def build_briefs(searcher: Searcher, taxonomy: Taxonomy, **selector_options) -> list[Brief]:
    """One brief per NoE domain, each with a section per design dimension."""
    selector = EvidenceSelector(searcher, **selector_options)
    fingerprint = corpus_fingerprint(list(searcher.documents))
    briefs = []
    for noe in taxonomy.noe_domains:
        sections = tuple(selector.section(noe, dim) for dim in taxonomy.dimensions)
        briefs.append(Brief(noe, sections, len(searcher.documents), fingerprint))
    return briefs
