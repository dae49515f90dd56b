"""Choosing the evidence for each NoE and design dimension.

Every section of a brief answers one design dimension's key question in two strands:

- **about this NoE**: statements from documents whose main subject is the NoE domain, or
  sentences that name it;
- **lessons from existing networks**: statements from documents about ERNs, infrastructures,
  Joint Actions and policy in general (no single NoE domain as main subject).

For each strand the evidence selector (:mod:`jane_synth.evidence`) retrieves current English
passages, drops lines that are never evidence and gives every quotable sentence a calibrated
probability of answering the question. Only sentences at or above the model's threshold can be
quoted, at most ``cap`` per strand, picked for diversity (maximal marginal relevance), one
statement per document per strand, no sentence twice in a brief. A strand with nothing above
the threshold is a gap, shown as such. Statements are sentences copied verbatim from the page
text, never generated text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..evidence import Candidates, EvidenceSelector, Sentence
from ..records import Chunk, Citation
from ..search import Filters, Searcher
from ..taxonomy import Taxonomy, Term
from .model import STRANDS, Brief, BriefSection, Evidence
from .themes import with_section_themes

SCORINGS = ("similarity", "calibrated")
"""How sentences are ranked: ``similarity`` to the dimension's question (with a bonus for the
dimension's taxonomy tags and, about a NoE, similarity to the NoE), two statements per strand;
or the ``calibrated`` evidence model, only sentences at or above its threshold (a strand with
none is a gap). Either way every quote carries the model's calibrated probability."""


@dataclass
class SectionSelector:
    """Picks up to ``cap`` statements per strand (see :data:`SCORINGS`)."""

    searcher: Searcher
    cap: int | None = None
    scoring: str = "calibrated"
    mmr_lambda: float = 0.75
    dimension_bonus: float = 0.1
    noe_weight: float = 0.15
    language: str = "en"
    selector: EvidenceSelector | None = None
    on_strand: Callable[[Candidates, np.ndarray], None] | None = None
    """Called with each strand's scored candidates and probabilities, in build order."""
    _selector: EvidenceSelector = field(init=False, repr=False)
    _cache: dict[tuple[tuple[str, ...], str], tuple[Candidates, np.ndarray]] = field(
        default_factory=dict, init=False, repr=False
    )

    def __post_init__(self) -> None:
        if self.scoring not in SCORINGS:
            raise ValueError(f"unknown scoring {self.scoring!r}; known: {', '.join(SCORINGS)}")
        self._selector = self.selector or EvidenceSelector(self.searcher, standalone_only=True)
        # Chunk-level: an English report's French annex is not quoted in an English brief.
        self._language_filter = Filters({"language": (self.language,)})

    @property
    def per_strand(self) -> int:
        """The most statements one strand can hold."""
        if self.cap is not None:
            return self.cap
        return self._selector.answer_cap if self.scoring == "calibrated" else 2

    @property
    def floor(self) -> float:
        """The probability a quote must reach: the model's threshold when calibrated."""
        return self._selector.threshold if self.scoring == "calibrated" else -np.inf

    def _doc_about(self, doc_id: str, noe: Term) -> bool:
        meta = self.searcher.documents[doc_id].meta
        return meta.main_noe_domain == noe.slug or noe.slug in meta.noe_domains

    def _pick(
        self, found: Candidates, scores: np.ndarray, probs: np.ndarray, used: set[str]
    ) -> list[int]:
        eligible = [
            int(i)
            for i in np.lexsort((np.array([f"{s.chunk.chunk_id}:{s.start:08d}"
                                           for s in found.sentences]), -scores))
            if probs[i] >= self.floor
        ]  # fmt: skip
        picked: list[int] = []
        docs: set[str] = set()
        while len(picked) < self.per_strand:
            best, best_score = None, -np.inf
            for i in eligible:
                s = found.sentences[i]
                if s.chunk.doc_id in docs or s.text in used:
                    continue
                v = found.vectors
                redundancy = max((float(v[i] @ v[j]) for j in picked), default=0.0)
                score = self.mmr_lambda * scores[i] - (1 - self.mmr_lambda) * redundancy
                if score > best_score + 1e-12:
                    best, best_score = i, score
            if best is None:
                break
            picked.append(best)
            docs.add(found.sentences[best].chunk.doc_id)
            used.add(found.sentences[best].text)
        return picked

    def _evidence(self, s: Sentence, probability: float, noe_specific: bool) -> Evidence:
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
            probability=round(probability, 4),
            noe_specific=noe_specific,
        )

    def _strands(self, noe: Term) -> tuple[tuple[bool, Callable[[Chunk], bool]], ...]:
        docs = self.searcher.documents
        return (
            (True, lambda c: self._doc_about(c.doc_id, noe)
             or any(e.slug == noe.slug for e in c.entities)),
            (False, lambda c: docs[c.doc_id].meta.main_noe_domain is None),
        )  # fmt: skip

    def _queries(self, noe: Term, dimension: Term, about: bool) -> tuple[str, ...]:
        """What the selector asks: the dimension's answer statements (the claim form the
        evidence model was trained on) or, without them or for ``similarity``, its question;
        about a NoE, each narrowed to the NoE by its name."""
        question = f"{dimension.name}: {dimension.description}"
        asked = (question,) if self.scoring == "similarity" else dimension.answers or (question,)
        return tuple(f"{noe.name}. {q}" for q in asked) if about else asked

    def _scored(
        self, queries: tuple[str, ...], keep: Callable[[Chunk], bool], noe: Term | None
    ) -> tuple[Candidates, np.ndarray]:
        """The candidates of every query, each sentence once with its best probability.

        Cached by queries and NoE: the lessons strand asks the same of every brief."""
        key = (queries, noe.slug if noe else "")
        if key not in self._cache:
            parts = [self._selector.candidates(q, keep, self._language_filter) for q in queries]
            if noe is not None:
                parts = [self._own(found, noe) for found in parts]
            self._cache[key] = _best_per_sentence(parts, [self._selector.score(f) for f in parts])
        return self._cache[key]

    def _own(self, found: Candidates, noe: Term) -> Candidates:
        """The candidates that name the NoE or come from a document whose main subject it is."""
        main = {d for d, doc in self.searcher.documents.items()
                if doc.meta.main_noe_domain == noe.slug}  # fmt: skip
        own = [noe.slug in s.slugs("NOE_DOMAIN") or s.chunk.doc_id in main
               for s in found.sentences]  # fmt: skip
        return Candidates(
            found.question,
            tuple(s for s, o in zip(found.sentences, own, strict=True) if o),
            found.features[own], found.vectors[own],
        )  # fmt: skip

    def _strand(
        self,
        noe: Term,
        queries: tuple[str, ...],
        keep: Callable[[Chunk], bool],
        about: bool,
        used: set[str],
        probe: tuple[Any, ...],
    ) -> list[Evidence]:
        found, probs = self._scored(queries, keep, noe if about else None)
        if self.on_strand is not None:
            self.on_strand(found, probs)
        scores = probs if self.scoring == "calibrated" else self._similarity(found, about, probe)
        return [
            self._evidence(found.sentences[i], float(probs[i]), about)
            for i in self._pick(found, scores, probs, used)
        ]

    def _similarity(self, found: Candidates, about: bool, probe: tuple[np.ndarray, ...]) -> Any:
        """Cosine to the question, a bonus for the dimension's tags, and (about a NoE) the
        NoE's weight times the cosine to the NoE."""
        question, noe, dimension_slug = probe
        scores = found.vectors @ question
        tagged = [dimension_slug in s.slugs("DIMENSION") for s in found.sentences]
        scores = scores + self.dimension_bonus * np.array(tagged, dtype=np.float64)
        return scores + self.noe_weight * (found.vectors @ noe) if about else scores

    def section(self, noe: Term, dimension: Term, used: set[str]) -> BriefSection:
        """The evidence for one dimension of one NoE, and the strands with none.

        ``used`` holds the sentences already quoted in this brief (by text, so that the same
        sentence in two versions or copies of a document is not quoted twice either).
        """
        probe: tuple[Any, ...] = ()
        if self.scoring == "similarity":  # only similarity ranks by the question and the NoE
            question = f"{dimension.name}: {dimension.description}"
            assert self._selector.vectors is not None
            q_vec, noe_vec = self._selector.vectors([question, f"{noe.name}: {noe.description}"])
            probe = (q_vec, noe_vec, dimension.slug)
        evidence: list[Evidence] = []
        gaps: list[str] = []
        for (about, keep), strand in zip(self._strands(noe), STRANDS, strict=True):
            queries = self._queries(noe, dimension, about)
            found = self._strand(noe, queries, keep, about, used, probe)
            evidence += found
            if not found:
                gaps.append(strand)
        return BriefSection(dimension, tuple(evidence), tuple(gaps))


def _best_per_sentence(
    parts: list[Candidates], probs: list[np.ndarray]
) -> tuple[Candidates, np.ndarray]:
    """One row per distinct sentence (chunk and offset): the row of its most probable query."""
    best: dict[tuple[str, int], tuple[float, int, int]] = {}
    for p, (found, prob) in enumerate(zip(parts, probs, strict=True)):
        for i, s in enumerate(found.sentences):
            key = (s.chunk.chunk_id, s.start)
            if key not in best or prob[i] > best[key][0]:
                best[key] = (float(prob[i]), p, i)
    rows = [best[k][1:] for k in sorted(best)]
    if not rows:
        return parts[0], probs[0]
    return Candidates(
        " | ".join(dict.fromkeys(f.question for f in parts)),
        tuple(parts[p].sentences[i] for p, i in rows),
        np.stack([parts[p].features[i] for p, i in rows]),
        np.stack([parts[p].vectors[i] for p, i in rows]),
    ), np.array([probs[p][i] for p, i in rows])


def corpus_fingerprint(doc_ids: list[str]) -> str:
    """A short digest of the corpus's document ids."""
    return hashlib.sha256("\n".join(sorted(doc_ids)).encode()).hexdigest()[:12]


def build_briefs(searcher: Searcher, taxonomy: Taxonomy, **selector_options: Any) -> list[Brief]:
    """One brief per NoE domain, each with a section per design dimension."""
    selector = SectionSelector(searcher, **selector_options)
    fingerprint = corpus_fingerprint(list(searcher.documents))
    briefs = []
    for noe in taxonomy.noe_domains:
        used: set[str] = set()
        sections = tuple(selector.section(noe, dim, used) for dim in taxonomy.dimensions)
        briefs.append(Brief(noe, sections, len(searcher.documents), fingerprint))
    return with_section_themes(briefs, searcher.store)  # each section's stored themes
