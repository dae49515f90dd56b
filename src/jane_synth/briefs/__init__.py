"""Cited evidence briefs for the seven Networks of Expertise.

Public API: :func:`build_briefs` (:func:`build_graded_briefs`: with support and grades),
:func:`write_briefs`, :func:`verify_brief_file`.
"""

from ..evidence import EvidenceSelector
from .grades import build_graded_briefs
from .model import STRANDS, Brief, BriefSection, CellGrade, Evidence, Gap, SectionTheme
from .render import brief_to_dict, render_html, render_markdown, verify_brief_file, write_briefs
from .select import SectionSelector, build_briefs
from .themes import with_section_themes

__all__ = [
    "STRANDS",
    "Brief",
    "BriefSection",
    "CellGrade",
    "Evidence",
    "EvidenceSelector",
    "Gap",
    "SectionSelector",
    "SectionTheme",
    "brief_to_dict",
    "build_briefs",
    "build_graded_briefs",
    "render_html",
    "render_markdown",
    "verify_brief_file",
    "with_section_themes",
    "write_briefs",
]
