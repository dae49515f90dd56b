"""Choosing the evidence for each NoE and design dimension.

Every section of a brief answers one design dimension's key question in two strands:

- **about this NoE**: statements from documents whose main subject is the NoE domain, or
  sentences that name it;
- **lessons from existing networks**: statements from documents about ERNs, infrastructures,
  Joint Actions and policy in general (no single NoE domain as main subject).

For each strand: hybrid retrieval over current (not superseded) English chunks, then every
sentence of the candidates is scored by its similarity to the dimension's question, a bonus
when the taxonomy tagged the dimension inside that sentence, and (first strand) its similarity
to the NoE domain. A diverse pick follows: maximal marginal relevance, one statement per
document per section, and no sentence twice in a brief. Statements are sentences copied
verbatim from the page text, never generated text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np

from ..nlp import default_nlp
from ..records import Chunk, Citation
from ..search import Filters, Searcher
from ..taxonomy import Taxonomy, Term
from .model import Brief, BriefSection, Evidence

_ANAPHORIC_START = re.compile(r"^(This|These|That|Those|It|They|Such|Both|Its|Their)\b")
_HAS_VERB_LIKE = re.compile(r"\b(is|are|was|were|has|have|had|will|can|should|must|\w+(ed|es|s))\b")


@dataclass(frozen=True)
class _Sentence:
    chunk: Chunk
    start: int  # offsets relative to the chunk text
    end: int
    text: str
    dimensions: frozenset[str]
    noe_domains: frozenset[str]


@dataclass
class EvidenceSelector:
    """Picks statements per dimension: ``per_strand`` about the NoE and as many general lessons."""

    searcher: Searcher
    per_strand: int = 2
    candidates: int = 30
    dimension_bonus: float = 0.1
    noe_weight: float = 0.15
    mmr_lambda: float = 0.75
    min_chars: int = 50
    max_chars: int = 420
    language: str = "en"
    _sentences_by_chunk: dict[str, list[_Sentence]] = field(default_factory=dict, init=False)
    _vectors: dict[str, np.ndarray] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._current = {
            d.doc_id for d in self.searcher.documents.values() if d.superseded_by is None
        }
        # Chunk-level: an English report's French annex is not quoted in an English brief.
        self._language_filter = Filters({"language": (self.language,)})

    # -- sentences ------------------------------------------------------------------------

    def _sentences(self, chunk: Chunk) -> list[_Sentence]:
        """Usable statements of a chunk: complete, declarative sentences of a sensible length."""
        cached = self._sentences_by_chunk.get(chunk.chunk_id)
        if cached is not None:
            return cached
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
            # Evidence must stand on its own: no fragments that start mid-sentence, and no
            # sentences whose subject is in the previous one ("This shows ...").
            if not (text[0].isupper() or text[0].isdigit()) or _ANAPHORIC_START.match(text):
                continue
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            end = start + len(text)
            inside = [e for e in chunk.entities if e.start >= start and e.end <= end]
            out.append(
                _Sentence(
                    chunk,
                    start,
                    end,
                    text,
                    frozenset(e.slug for e in inside if e.label == "DIMENSION"),
                    frozenset(e.slug for e in inside if e.label == "NOE_DOMAIN"),
                )
            )
        self._sentences_by_chunk[chunk.chunk_id] = out
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            vectors = self.searcher.embedder.encode(missing)
            self._vectors.update(zip(missing, vectors, strict=True))
        return np.stack([self._vectors[t] for t in texts])

    # -- strands --------------------------------------------------------------------------

    def _doc_about(self, doc_id: str, noe: Term) -> bool:
        meta = self.searcher.documents[doc_id].meta
        return meta.main_noe_domain == noe.slug or noe.slug in meta.noe_domains

    def _candidates(self, query: str, keep) -> list[_Sentence]:
        ranked = self.searcher.rank(
            query, k=self.candidates * 4, mode="hybrid", filters=self._language_filter
        )
        chunks = [self.searcher.chunks[row] for row, _ in ranked]
        chunks = [c for c in chunks if c.doc_id in self._current and keep(c)]
        return [s for c in chunks[: self.candidates] for s in self._sentences(c)]

    def _pick(
        self, pool: list[_Sentence], scores: np.ndarray, vectors: np.ndarray, used: set[str]
    ) -> list[int]:
        picked: list[int] = []
        docs: set[str] = set()
        order = np.lexsort(([f"{s.chunk.chunk_id}:{s.start}" for s in pool], -scores))
        while len(picked) < self.per_strand:
            best, best_score = None, -np.inf
            for i in order:
                s = pool[i]
                if s.text in used or s.chunk.doc_id in docs:
                    continue
                redundancy = max((float(vectors[i] @ vectors[j]) for j in picked), default=0.0)
                score = self.mmr_lambda * scores[i] - (1 - self.mmr_lambda) * redundancy
                if score > best_score + 1e-12:
                    best, best_score = int(i), score
            if best is None:
                break
            picked.append(best)
            docs.add(pool[best].chunk.doc_id)
            used.add(pool[best].text)
        return picked

    def _evidence(self, s: _Sentence, score: float, noe_specific: bool) -> Evidence:
        doc = self.searcher.documents[s.chunk.doc_id]
        meta = doc.meta
        return Evidence(
            quote=s.text,
            citation=Citation(
                doc.doc_id, meta.title, s.chunk.page, doc.path, meta.publisher, meta.year
            ),
            chunk_id=s.chunk.chunk_id,
            start=s.chunk.start + s.start,
            end=s.chunk.start + s.end,
            score=round(float(score), 4),
            noe_specific=noe_specific,
        )

    def section(self, noe: Term, dimension: Term, used: set[str]) -> BriefSection:
        """The evidence for one dimension of one NoE.

        ``used`` holds the sentences already quoted in this brief (by text, so that the same
        sentence in two versions or copies of a document is not quoted twice either).
        """
        question = f"{dimension.name}: {dimension.description}"
        dim_vec, noe_vec = self._encode([question, f"{noe.name}: {noe.description}"])
        evidence: list[Evidence] = []

        strands = (
            (
                True,
                f"{noe.name}. {question}",
                lambda c: (
                    self._doc_about(c.doc_id, noe) or any(e.slug == noe.slug for e in c.entities)
                ),
            ),
            (
                False,
                question,
                lambda c: self.searcher.documents[c.doc_id].meta.main_noe_domain is None,
            ),
        )
        for about, query, keep in strands:
            pool = self._candidates(query, keep)
            if about:
                pool = [
                    s
                    for s in pool
                    if noe.slug in s.noe_domains
                    or self.searcher.documents[s.chunk.doc_id].meta.main_noe_domain == noe.slug
                ]
            if not pool:
                continue
            vectors = self._encode([s.text for s in pool])
            scores = vectors @ dim_vec
            scores += self.dimension_bonus * np.array(
                [dimension.slug in s.dimensions for s in pool]
            )
            if about:
                scores += self.noe_weight * (vectors @ noe_vec)
            for i in self._pick(pool, scores, vectors, used):
                evidence.append(self._evidence(pool[i], scores[i], about))
        return BriefSection(dimension, tuple(evidence))


def corpus_fingerprint(doc_ids: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(doc_ids)).encode()).hexdigest()[:12]


def build_briefs(searcher: Searcher, taxonomy: Taxonomy, **selector_options) -> list[Brief]:
    """One brief per NoE domain, each with a section per design dimension."""
    selector = EvidenceSelector(searcher, **selector_options)
    fingerprint = corpus_fingerprint(list(searcher.documents))
    briefs = []
    for noe in taxonomy.noe_domains:
        used: set[str] = set()
        sections = tuple(selector.section(noe, dim, used) for dim in taxonomy.dimensions)
        briefs.append(Brief(noe, sections, len(searcher.documents), fingerprint))
    return briefs
