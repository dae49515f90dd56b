"""DOCX rendering with python-docx: A4 pages, Word's built-in styles, a fixed zip layout."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .markup import Block
from .properties import keywords, page_template, subject
from .source import Source

ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}
MAX_PROPERTY = 255  # characters a core property holds


def render_docx(src: Source) -> bytes:
    """The DOCX bytes of a source (deterministic: fixed dates, normalised zip)."""
    document = Document()
    section = _page_setup(document)
    _set_language(document, src.language)
    document.add_heading(src.title, level=0)
    document.add_paragraph(src.subtitle, style="Subtitle")
    _Body(document).add(src.blocks)
    for sec in document.sections:
        sec.different_first_page_header_footer = False
    _header_footer(document, section, src)
    _core_properties(document, src)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), src.year)


def _page_setup(document: Any) -> Any:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(25))
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    return section


class _Body:
    """Adds the blocks of a source to a document, remembering the current column count."""

    def __init__(self, document: Any):
        self.document = document
        self.columns = 1

    def add(self, blocks: list[Block]) -> None:
        document = self.document
        simple = {
            "h2": lambda b: document.add_heading(b.text, level=1),
            "h3": lambda b: document.add_heading(b.text, level=2),
            "para": lambda b: document.add_paragraph(b.text),
            "pagebreak": lambda b: document.add_page_break(),
            "columns": self.switch_columns,
            "list": self.add_list,
            "table": self.add_table,
        }
        for block in blocks:
            if block.kind in simple:
                simple[block.kind](block)

    def switch_columns(self, block: Block) -> None:
        if block.value == self.columns:
            return
        section = self.document.add_section(WD_SECTION.CONTINUOUS)
        cols = section._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            section._sectPr.append(cols)
        cols.set(qn("w:num"), str(block.value))
        cols.set(qn("w:space"), "567")
        self.columns = block.value

    def add_list(self, block: Block) -> None:
        num_ids: dict[int, int] = {}
        for n, item in enumerate(block.items):
            depth = item.depth
            base = "List Number" if item.ordered else "List Bullet"
            style = base if depth == 0 else f"{base} 2"
            paragraph = self.document.add_paragraph(item.text, style=style)
            if item.ordered:
                if depth not in num_ids or n == 0:
                    num_ids[depth] = _restart_numbering(self.document, style, item.number or 1)
                _set_num(paragraph, num_ids[depth], 0)
            # a deeper level starts afresh each time it reappears
            for deeper in [d for d in num_ids if d > depth]:
                del num_ids[deeper]

    def add_table(self, block: Block) -> None:
        table = self.document.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for r, row in enumerate([block.header, *block.rows]):
            for c, text in enumerate(row):
                paragraph = table.cell(r, c).paragraphs[0]
                run = paragraph.add_run(text)
                run.bold = r == 0
                paragraph.alignment = ALIGNMENTS[block.aligns[c]]
        self.document.add_paragraph()


def _header_footer(document: Any, section: Any, src: Source) -> None:
    header = section.header.paragraphs[0]
    header.text = src.running_header
    header.style = document.styles["Header"]
    for run in header.runs:
        run.font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    # the template's tab stops assume Letter paper: centre and right-align on the A4 text width
    text_width = section.page_width - section.left_margin - section.right_margin
    for paragraph in (header, footer):
        stops = paragraph.paragraph_format.tab_stops
        for stop in paragraph.style.paragraph_format.tab_stops:
            stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        stops.add_tab_stop(text_width // 2, WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    run = footer.add_run(f"{src.publisher}\t\t")
    run.font.size = Pt(8)
    _page_field(footer, src.language)


def _keyword_property(meta: dict[str, Any]) -> str:
    joined = ""
    for word in keywords(meta):
        longer = f"{joined}, {word}" if joined else word
        if len(longer) > MAX_PROPERTY:
            break
        joined = longer
    return joined


def _core_properties(document: Any, src: Source) -> None:
    meta = src.meta
    props = document.core_properties
    stamp = dt.datetime(src.year, 1, 1, 12, 0, 0)
    props.title = str(meta.get("title", src.title))[:MAX_PROPERTY]
    props.author = src.publisher[:MAX_PROPERTY]
    props.last_modified_by = src.publisher[:MAX_PROPERTY]
    props.subject = subject(meta)[:MAX_PROPERTY]
    props.keywords = _keyword_property(meta)
    props.category = str(meta.get("doc_type", ""))
    props.language = src.language
    props.comments = ""
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def _set_language(document: Any, language: str) -> None:
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr_default is None:
        return
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), language)


def _restart_numbering(document: Any, style_name: str, start: int) -> int:
    """A new numbering instance for a numbered list, so each list starts at ``start``."""
    numbering = document.part.numbering_part.element
    style = document.styles[style_name]
    num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
    if num_pr is None or num_pr.numId is None:
        return 0
    abstract = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return int(num.numId)


def _set_num(paragraph: Any, num_id: int, ilvl: int) -> None:
    if not num_id:
        return
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _field(instr: str) -> Any:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    return fld


def _page_field(paragraph: Any, language: str) -> None:
    before, rest = page_template(language).split("{n}")
    middle, after = rest.split("{total}")
    for text, instr in ((before, None), (None, "PAGE"), (middle, None), (None, "NUMPAGES")):
        if instr:
            paragraph._p.append(_field(instr))
        elif text:
            run = paragraph.add_run(text)
            run.font.size = paragraph.runs[0].font.size if paragraph.runs else None
    if after:
        paragraph.add_run(after)


def normalise_zip(data: bytes, year: int) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes (python-docx stamps 'now')."""
    stamp = (max(year, 1980), 1, 1, 12, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return out.getvalue()
