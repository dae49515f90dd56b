"""Short texts every format shows for strength: a quote's support and a cell's grade."""

from __future__ import annotations

from ...divergences import DivergentStatement
from ..changes import QuoteRef
from ..keypoints import KeyPoint
from ..model import STRANDS, Brief, BriefSection, CellGrade, Evidence

GRADE_COLUMNS = ("Grade", "Grade: about this NoE", "Grade: lessons")
GRADE_STRANDS = ("section", "about_noe", "lessons")
GRADE_NOTE = (
    "Grades count the independent documents (versions of one document once) whose sentences "
    "reach the evidence model's threshold: strong 3 or more, moderate 2, thin 1, none 0. "
    "After each quote: how many documents and publishers say the same thing."
)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def support_note(ev: Evidence) -> str:
    """``" (said by 2 documents, 1 publisher)"``, or nothing for a quote without support."""
    s = ev.support
    if s is None:
        return ""
    return f" (said by {_plural(s.documents, 'document')}, {_plural(s.publishers, 'publisher')})"


def grade_cell(grade: CellGrade | None) -> str:
    """A table cell: ``"moderate (2)"``; ``"not graded"`` for a brief built without grades."""
    return "not graded" if grade is None else f"{grade.grade.value} ({grade.documents})"


def grade_cells(section: BriefSection) -> tuple[str, str, str]:
    """The section's three grade cells (section, about this NoE, lessons)."""
    a, b, c = (grade_cell(section.grade_of(strand)) for strand in GRADE_STRANDS)
    return a, b, c


def grade_line(section: BriefSection) -> str:
    """The sentence under a section's key question; empty for an ungraded section."""
    whole = section.grade_of("section")
    if whole is None:
        return ""
    parts = [
        f"{title}: {g.grade.value}"
        for strand, title in (("about_noe", "about this NoE"), ("lessons", "lessons"))
        if (g := section.grade_of(strand)) is not None
    ]
    docs = _plural(whole.documents, "independent document")
    return f"Evidence grade: {whole.grade.value} ({docs} above the threshold; {', '.join(parts)})."


LESSONS = "Lessons from existing networks and policy"
GAP = "no statement in the corpus answers this question (an evidence gap)."


def strand_title(brief: Brief, strand: str) -> str:
    """``"About Survivorship"`` or ``"Lessons from existing networks and policy"``."""
    return f"About {brief.noe.name}" if strand == "about_noe" else LESSONS


def empty_strands(brief: Brief, section: BriefSection) -> list[tuple[str, bool]]:
    """What each strand without a quote says, with whether it is a gap: a gap says so; a
    strand whose statements are quoted in other sections names them."""
    notes = []
    for strand in STRANDS:
        title = strand_title(brief, strand)
        if strand in section.gaps:
            notes.append((f"{title}: {GAP}", True))
        elif dims := section.quoted_under(strand):
            where = ", ".join(f"{n}. {s.dimension.name}"
                              for n, s in (brief.section_of(d) for d in dims))  # fmt: skip
            notes.append((f"{title}: the statements that answer this question are already "
                          f"quoted in this brief, under {where}.", False))  # fmt: skip
    return notes


def key_point_line(brief: Brief, point: KeyPoint) -> str:
    """``"quote" [source, p. page] (said by ...); dimension, grade`` as plain text."""
    ev = point.evidence
    number = brief.source_number(ev.citation.doc_id)
    return (
        f'"{ev.quote}" [{number}, p. {ev.citation.page}]{support_note(ev)}; '
        f"{point.section.dimension.name}, {point.grade.value}"
    )


def _quote_item(q: QuoteRef) -> str:
    return f'"{q.text}" ({q.dimension}; {q.source_path}, p. {q.page})'


def change_blocks(brief: Brief) -> list[tuple[str, tuple[str, ...]]]:
    """The "What changed since the previous run" section: (paragraph, list items) blocks;
    none for a brief built without a change list."""
    c = brief.changes
    if c is None:
        return []
    if c.first_run:
        return [("This is the first run: there is no previous brief to compare with.", ())]
    blocks: list[tuple[str, tuple[str, ...]]] = []
    if c.previous_corpus_known:
        for title, paths in (("added", c.documents_added), ("changed", c.documents_changed),
                             ("removed", c.documents_removed)):  # fmt: skip
            blocks.append((f"Documents {title}: {len(paths)}.", paths))
    else:
        blocks.append(("Documents: the previous brief did not record its corpus.", ()))
    for title, quotes in (("added", c.quotes_added), ("removed", c.quotes_removed)):
        blocks.append((f"Quotes {title}: {len(quotes)}.", tuple(map(_quote_item, quotes))))
    return blocks


DIVERGENCE_NOTE = (
    "Different figures for the same measure of the same subject, from similar sentences of "
    "different documents, or from one document that gives each figure its own source. Each "
    "statement is shown with its document; the brief does not choose between them."
)
NO_DIVERGENCE = "No source gives a figure that differs from another source's for this NoE."


def divergence_statement(st: DivergentStatement) -> str:
    """``106 centres: "sentence" (title, publisher, year, p. 3; file path)`` as plain text."""
    where = ", ".join(
        part for part in (st.title, st.publisher, str(st.year) if st.year else "") if part
    )
    return f'{st.value}: "{st.text}" ({where}, p. {st.page}; file {st.path})'


def divergence_blocks(brief: Brief) -> list[tuple[str, tuple[str, ...]]]:
    """The "Where sources differ" section: (topic, statements) blocks; none for a brief
    built without looking for divergences."""
    return [
        (d.topic, tuple(divergence_statement(st) for st in d.statements))
        for d in brief.divergences or ()
    ]


POLICY_NOTE = (
    "The EU cancer policy each statement above bears on, from its own words and the networks "
    "it names; each policy is described from its source."
)
NO_POLICY = "No statement of this brief bears on a listed Beating Cancer Plan flagship or Cancer Mission recommendation."


def policy_blocks(brief: Brief) -> list[tuple[str, tuple[str, ...]]]:
    """The "Links to policy" section: (policy, its statements) blocks; none for a brief
    built without policy links."""
    blocks = []
    for policy, found in brief.policy_links():
        items = tuple(
            f'"{ev.quote}" [{brief.source_number(ev.citation.doc_id)}, p. {ev.citation.page}]'
            f" ({section.dimension.name})"
            for section, ev in found
        )
        blocks.append((f"{policy.name}: {policy.description}", items))
    return blocks
