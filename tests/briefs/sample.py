"""Small briefs built in memory (no store, no model) for the renderer tests."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from jane_synth.briefs.model import Brief, BriefSection, Evidence
from jane_synth.config import OutputLayout
from jane_synth.divergences import Divergence, DivergentStatement
from jane_synth.pipeline import chunk_pending, sync_documents
from jane_synth.records import Citation
from jane_synth.store import Store
from jane_synth.taxonomy import Term, load_taxonomy

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_TITLE = f"Report {SCRIPT} on {IMG} networks"
HOSTILE_QUOTE = f"Patients sit on boards {SCRIPT} and {IMG} in every network."
HOSTILE_FIGURE = f"The {SCRIPT} network counts 106 centres [S26]."

NOE = Term("survivorship", "Survivorship", "NOE_DOMAIN", ("survivorship",), "Life after cancer.")
GOVERNANCE = Term("governance", "Governance", "DIMENSION", (), "Who decides what?")
FUNDING = Term("funding", "Funding and sustainability", "DIMENSION", (), "Who pays?")


def citation(doc: str, title: str = "ERN note", page: int = 1, publisher: str = "EC") -> Citation:
    return Citation(doc, title, page, f"{doc}.md", publisher, 2024)


def evidence(quote: str, cite: Citation, noe_specific: bool = False) -> Evidence:
    return Evidence(
        quote, cite, f"chunk-{cite.doc_id}-{len(quote)}", 0, len(quote), 0.5, noe_specific
    )


def make_brief(
    title: str = "ERN governance note", quote: str = "The board approves members."
) -> Brief:
    """Two sections, one of them an evidence gap; the first quote and title can be hostile."""
    first = citation("d1", title, page=2, publisher="Board & Co")
    second = citation("d2", "BBMRI-ERIC profile", page=1)
    section = BriefSection(
        GOVERNANCE,
        (
            evidence(quote, first, noe_specific=True),
            evidence("Member states fund it through contributions.", second),
            evidence(
                "A second page says more.", citation("d1", title, page=3, publisher="Board & Co")
            ),
        ),
    )
    return Brief(NOE, (section, BriefSection(FUNDING, (), ("about_noe", "lessons"))), 12, "abc123")


def divergence(text: str = "The network counts 106 centres [S26].") -> Divergence:
    """EURACAN's two centre counts, the second statement's text as given."""
    statements = (
        DivergentStatement("Its website lists 102 centres [S25].", "d1", 2, "c1", 0, 36,
                           "102 centres", "ERN governance note", "Board & Co", 2024, "d1.md"),
        DivergentStatement(text, "d3", 4, "c3", 10, 10 + len(text), "106 centres",
                           HOSTILE_TITLE, "", None, "d3.md"),
    )  # fmt: skip
    return Divergence(
        "0123456789ab", "ERN EURACAN: centre", statements, frozenset({"survivorship"})
    )


POLICY = Term("ebcp-flagship-5", "Beating Cancer Plan, flagship 5", "POLICY", ("CCCs",),
              f"A network of {SCRIPT} CCCs [S46].")  # fmt: skip


def with_policy(brief: Brief) -> Brief:
    """``brief`` with its first statement linked to :data:`POLICY`."""
    first, *rest = brief.sections
    linked = (replace(first.evidence[0], policies=(POLICY.slug,)), *first.evidence[1:])
    return replace(brief, sections=(replace(first, evidence=linked), *rest), policies=(POLICY,))


def hostile_brief() -> Brief:
    """The sample brief with hostile text in a title, a quote, a policy and a divergent
    statement."""
    brief = with_policy(make_brief(title=HOSTILE_TITLE, quote=HOSTILE_QUOTE))
    return replace(brief, divergences=(divergence(HOSTILE_FIGURE),))


@dataclass(frozen=True)
class PlainText:
    """A toy format (the quotes, one a line): a new format is a class like this plus one line."""

    name: str = "plain"
    suffix: str = ".txt"

    def render(self, brief: Brief) -> bytes:
        return "".join(f"{ev.quote}\n" for s in brief.sections for ev in s.evidence).encode()


HOSTILE_DOC = f"""---
title: "Board report {SCRIPT} and {IMG}"
publisher: "Evil & Co"
year: 2024
language: en
---
# Board report

Patient representatives sit on the {SCRIPT} network board with {IMG} every year.
The board meets twice a year.
"""


def brief_quoting(store: Store, noe: Term) -> Brief:
    """A brief quoting the hostile document's first sentence, with real offsets."""
    doc = store.documents()[0]
    page = store.page_text(doc.doc_id, 1) or ""
    quote = page[page.index("Patient") : page.index("every year.") + len("every year.")]
    cite = Citation(doc.doc_id, doc.meta.title, 1, doc.path, doc.meta.publisher, doc.meta.year)
    chunk = store.chunks()[0].chunk_id
    start = page.index(quote)
    ev = Evidence(quote, cite, chunk, start, start + len(quote), 1.0, True)
    return Brief(noe, (BriefSection(load_taxonomy().dimensions[0], (ev,)),), 1, "f")


def index_hostile_document(root: Path) -> OutputLayout:
    """A corpus of the hostile document, ingested and chunked (no model needed)."""
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "hostile.md").write_text(HOSTILE_DOC, "utf-8")
    layout = OutputLayout(root / "out")
    with Store(layout.database) as store:
        sync_documents(store, corpus, layout)
        chunk_pending(store)
    return layout


def graded_brief(brief: Brief | None = None) -> Brief:
    """``make_brief()`` with support on every quote and grades on every section."""
    from dataclasses import replace

    from jane_synth.briefs.model import CellGrade
    from jane_synth.evidence.strength import Grade, Support

    brief = brief or make_brief()
    grades = (
        CellGrade("section", Grade.MODERATE, 2),
        CellGrade("about_noe", Grade.THIN, 1),
        CellGrade("lessons", Grade.THIN, 1),
    )
    none = tuple(CellGrade(g.strand, Grade.NONE, 0) for g in grades)
    sections = []
    for section in brief.sections:
        evidence = tuple(
            replace(ev, support=Support(2, 1, (ev.citation.doc_id, "d9"), ("EC",)))
            for ev in section.evidence
        )
        sections.append(replace(section, evidence=evidence, grades=grades if evidence else none))
    return replace(brief, sections=tuple(sections))


def sample_manifest(date: str = "2026-01-02T03:04:05Z"):
    """A run manifest with fixed values (one hostile selector value)."""
    from jane_synth.briefs.manifest import RunManifest

    return RunManifest(
        corpus_fingerprint="abc123",
        documents=12,
        files_by_status=(("ingested", 11), ("ingested_with_warnings", 0), ("quarantined", 1)),
        embedding_model="all-MiniLM-L6-v2",
        embedding_weights_sha256="f" * 64,
        embedding_backend="onnx (passages and sentences), onnx (questions)",
        packages=(("numpy", "2.0.0"), ("torch", "2.13.0")),
        selector=(("scoring", "similarity"), ("threshold", "0.42"), ("language", SCRIPT)),
        run_date=date,
    )
