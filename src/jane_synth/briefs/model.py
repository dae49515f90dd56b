"""Records of an evidence brief."""

from __future__ import annotations

from dataclasses import dataclass

from ..divergences import Divergence
from ..evidence.strength import Grade, Support
from ..records import Citation
from ..taxonomy import Term
from .changes import Changes
from .manifest import RunManifest

# The two strands of a section: statements about the NoE itself, and lessons from existing
# networks and policy.
STRANDS = ("about_noe", "lessons")


@dataclass(frozen=True)
class Evidence:
    """One statement of a brief: a verbatim extract of a page, with where it comes from.

    ``start``/``end`` are offsets into the cited page's text: ``page_text[start:end] == quote``.
    ``probability`` is the evidence model's calibrated probability that the sentence answers
    the section's question.
    """

    quote: str
    citation: Citation
    chunk_id: str
    start: int
    end: int
    probability: float
    noe_specific: bool
    support: Support | None = None
    """Independent documents and publishers that say the same thing (``briefs.grades``)."""
    policies: tuple[str, ...] = ()
    """Slugs of the EU cancer policies the statement bears on (``briefs.policy_links``)."""


@dataclass(frozen=True)
class Gap:
    """A cell of a brief with no statement above the evidence threshold."""

    noe: str
    dimension: str
    strand: str  # one of STRANDS


@dataclass(frozen=True)
class SectionTheme:
    """A recurring theme (of the themes stage's stored output) that a quote belongs to:
    the chunk's own theme (a sub-theme, or a broad theme without any), its label, and the
    broad theme above it (``None`` for a broad theme)."""

    theme_id: int
    label: str
    parent: int | None = None


@dataclass(frozen=True)
class CellGrade:
    """The evidence grade of a cell: independent documents above the evidence threshold."""

    strand: str  # one of STRANDS, or "section" for both strands together
    grade: Grade
    documents: int


@dataclass(frozen=True)
class BriefSection:
    """The statements answering one design dimension, the strands left without any, and the
    themes its quotes belong to (in order of first quote; see :mod:`.themes`)."""

    dimension: Term
    evidence: tuple[Evidence, ...]
    gaps: tuple[str, ...] = ()  # strands (of STRANDS) with nothing above the threshold
    themes: tuple[SectionTheme, ...] = ()
    grades: tuple[CellGrade, ...] = ()  # the section's ("section"), then each strand's
    quoted_elsewhere: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Strands without a quote of their own whose statements above the threshold are all
    quoted elsewhere in the brief (a sentence is quoted once): ``(strand, dimension slugs)``."""

    def quoted_under(self, strand: str) -> tuple[str, ...]:
        """The dimensions whose sections quote what answers ``strand`` here (none: not so)."""
        return next((dims for s, dims in self.quoted_elsewhere if s == strand), ())

    def grade_of(self, strand: str = "section") -> CellGrade | None:
        """The grade of one strand, or of the whole section; ``None`` before grading."""
        return next((g for g in self.grades if g.strand == strand), None)


@dataclass(frozen=True)
class Brief:
    """One NoE's brief: a section per design dimension."""

    noe: Term
    sections: tuple[BriefSection, ...]
    n_documents_in_corpus: int
    corpus_fingerprint: str
    manifest: RunManifest | None = None  # the run behind the brief (``briefs.build``)
    changes: Changes | None = None  # since the previous run (``briefs.changes``)
    divergences: tuple[Divergence, ...] | None = None  # where sources differ; None: not looked
    policies: tuple[Term, ...] | None = None  # policies findings may link to; None: not linked

    def policy_links(self) -> list[tuple[Term, list[tuple[BriefSection, Evidence]]]]:
        """Each policy (in taxonomy order) with the statements that bear on it; policies no
        statement bears on are left out."""
        links = []
        for policy in self.policies or ():
            found = [(s, ev) for s in self.sections for ev in s.evidence
                     if policy.slug in ev.policies]  # fmt: skip
            if found:
                links.append((policy, found))
        return links

    @property
    def gaps(self) -> list[Gap]:
        """Every (dimension, strand) cell with no evidence, in section order."""
        return [
            Gap(self.noe.slug, s.dimension.slug, strand) for s in self.sections for strand in s.gaps
        ]

    def section_of(self, dimension: str) -> tuple[int, BriefSection]:
        """The 1-based number and the section of a dimension slug."""
        return next((i, s) for i, s in enumerate(self.sections, 1) if s.dimension.slug == dimension)

    def citations(self) -> list[Citation]:
        """Cited documents in order of first citation (one entry per document)."""
        seen: dict[str, Citation] = {}
        for section in self.sections:
            for ev in section.evidence:
                seen.setdefault(ev.citation.doc_id, ev.citation)
        return list(seen.values())

    def source_number(self, doc_id: str) -> int:
        """The 1-based number of a cited document in the source list."""
        return [c.doc_id for c in self.citations()].index(doc_id) + 1

    def pages_cited(self, doc_id: str) -> list[int]:
        """The pages of ``doc_id`` that the brief quotes."""
        return sorted(
            {
                ev.citation.page
                for s in self.sections
                for ev in s.evidence
                if ev.citation.doc_id == doc_id
            }
        )
