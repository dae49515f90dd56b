"""The Word brief (``.docx``): the Markdown brief's text, with headings, tables and lists.

The text of every paragraph and cell equals what the Markdown brief shows (the round-trip test
compares them). Bytes are deterministic: fixed core properties and fixed zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

import docx

from ..keypoints import key_points
from ..model import STRANDS, Brief, BriefSection, Evidence
from .labels import (
    DIVERGENCE_NOTE,
    GRADE_COLUMNS,
    GRADE_NOTE,
    NO_DIVERGENCE,
    NO_POLICY,
    POLICY_NOTE,
    change_blocks,
    divergence_blocks,
    empty_strands,
    grade_cells,
    grade_line,
    key_point_line,
    policy_blocks,
    strand_title,
    support_note,
)
from .templating import INTRO
from .theme_line import themes_line

_FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0)
# Characters XML 1.0 cannot hold: a page's stray control character must not fail the brief.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Style ids of python-docx's default template ("List Bullet", "Heading 1", ...).
_BULLET, _NUMBER = "ListBullet", "ListNumber"
_H1, _H2, _H3 = "Heading1", "Heading2", "Heading3"
_COLUMNS = (
    "Design dimension",
    "Statements",
    "Sources",
    "About this NoE",
    "Lessons",
    *GRADE_COLUMNS,
)


def _text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


xml_safe = _text  # what the Word brief makes of document text (the asset check reads it)


def _styled(document: Any, text: str, style_id: str) -> None:
    """A paragraph in a style, set by id: python-docx resolves a style name by scanning
    every style for each paragraph, which was most of the render time."""
    document.add_paragraph(text)._p.style = style_id


def _quote_line(brief: Brief, ev: Evidence) -> str:
    number = brief.source_number(ev.citation.doc_id)
    return f'"{_text(ev.quote)}" [{number}, p. {ev.citation.page}]{support_note(ev)}'


def _counts(section: BriefSection) -> tuple[int, int, int, int]:
    ev = section.evidence
    own = sum(1 for e in ev if e.noe_specific)
    return len(ev), len({e.citation.doc_id for e in ev}), own, len(ev) - own


def _front(document: Any, brief: Brief) -> None:
    _styled(document, _text(f"Evidence brief: {brief.noe.name}"), _H1)
    document.add_paragraph(_text(brief.noe.description))
    document.add_paragraph(_text(INTRO.format(name=brief.noe.name)))
    corpus = (
        f"Corpus: {brief.n_documents_in_corpus} documents (fingerprint {brief.corpus_fingerprint})"
    )
    _styled(document, corpus, _BULLET)
    _styled(document, f"Sources cited: {len(brief.citations())}", _BULLET)
    points = key_points(brief)
    if points:
        _styled(document, "Key points", _H2)
        for point in points:
            _styled(document, _text(key_point_line(brief, point)), _BULLET)
    table = document.add_table(rows=1, cols=len(_COLUMNS))
    for cell, title in zip(table.rows[0].cells, _COLUMNS, strict=True):
        cell.text = title
    for section in brief.sections:
        values = (_text(section.dimension.name), *map(str, _counts(section)))
        for cell, value in zip(table.add_row().cells, values + grade_cells(section), strict=True):
            cell.text = value
    document.add_paragraph(GRADE_NOTE)


def _section(document: Any, brief: Brief, number: int, section: BriefSection) -> None:
    _styled(document, _text(f"{number}. {section.dimension.name}"), _H2)
    question = document.add_paragraph()
    question.add_run(_text(f"Key question: {section.dimension.description}")).italic = True
    document.add_paragraph(_text(themes_line(section)))
    if grade_line(section):
        document.add_paragraph(grade_line(section))
    for note, _ in empty_strands(brief, section):
        document.add_paragraph(_text(note))
    for strand in STRANDS:
        items = [e for e in section.evidence if e.noe_specific == (strand == "about_noe")]
        if items:
            document.add_paragraph(_text(f"{strand_title(brief, strand)}:"))
            for ev in items:
                _styled(document, _quote_line(brief, ev), _BULLET)


def _listed(
    document: Any,
    title: str,
    blocks: list[tuple[str, tuple[str, ...]]],
    notes: tuple[str, str],
    heading_style: str | None,
) -> None:
    """A section of (heading, items) blocks, opened by ``notes[0]`` (``notes[1]`` when empty)."""
    _styled(document, title, _H2)
    document.add_paragraph(notes[0] if blocks else notes[1])
    for heading, items in blocks:
        if heading_style is None:
            document.add_paragraph(_text(heading))
        else:
            _styled(document, _text(heading), heading_style)
        for item in items:
            _styled(document, _text(item), _BULLET)


def _policy_and_divergences(document: Any, brief: Brief) -> None:
    if brief.policies is not None:
        notes = (POLICY_NOTE, NO_POLICY)
        _listed(document, "Links to policy", policy_blocks(brief), notes, None)
    if brief.divergences is not None:
        notes = (DIVERGENCE_NOTE, NO_DIVERGENCE)
        _listed(document, "Where sources differ", divergence_blocks(brief), notes, _H3)


def _sources(document: Any, brief: Brief) -> None:
    _styled(document, "Sources", _H2)
    for c in brief.citations():
        line = c.title + (f", {c.publisher}" if c.publisher else "")
        line += f" ({c.year})" if c.year else ""
        pages = ", ".join(map(str, brief.pages_cited(c.doc_id)))
        line += f". File {c.path}; pages cited: {pages}."
        _styled(document, _text(line), _NUMBER)


def _changes(document: Any, brief: Brief) -> None:
    blocks = change_blocks(brief)
    if blocks:
        _styled(document, "What changed since the previous run", _H2)
    for paragraph, items in blocks:
        document.add_paragraph(paragraph)
        for item in items:
            _styled(document, _text(item), _BULLET)


def _manifest(document: Any, brief: Brief) -> None:
    if brief.manifest is None:
        return
    _styled(document, "Run manifest", _H2)
    for label, text in brief.manifest.lines():
        _styled(document, _text(f"{label}: {text}"), _BULLET)


def _core_properties(document: Any, brief: Brief) -> None:
    props = document.core_properties
    props.title = _text(f"Evidence brief: {brief.noe.name}")[:255]
    props.subject = brief.noe.slug
    props.author = props.last_modified_by = "jane-synth"
    props.comments = f"corpus fingerprint {brief.corpus_fingerprint}"
    props.revision = 1
    props.created = props.modified = props.last_printed = _FIXED_TIME


def fixed_zip(data: bytes) -> bytes:
    """The same archive with every member's time and mode fixed (python-docx stamps 'now')."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(fixed, source.read(info))
    return out.getvalue()


@dataclass(frozen=True)
class DocxRenderer:
    """``<slug>.docx`` made with python-docx, to be edited in a word processor."""

    name: str = "docx"
    suffix: str = ".docx"

    def render(self, brief: Brief) -> bytes:
        """The brief as a Word document."""
        document = docx.Document()
        _front(document, brief)
        for number, section in enumerate(brief.sections, start=1):
            _section(document, brief, number, section)
        _policy_and_divergences(document, brief)
        _sources(document, brief)
        _changes(document, brief)
        _manifest(document, brief)
        _core_properties(document, brief)
        buffer = io.BytesIO()
        document.save(buffer)
        return fixed_zip(buffer.getvalue())
