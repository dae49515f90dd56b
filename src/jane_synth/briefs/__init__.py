"""Cited evidence briefs for the seven Networks of Expertise.

Public API: :func:`build_briefs`, :func:`write_briefs`, :func:`verify_brief_file`.
"""

from .model import Brief, BriefSection, Evidence
from .render import brief_to_dict, render_html, render_markdown, verify_brief_file, write_briefs
from .select import EvidenceSelector, build_briefs

__all__ = [
    "Brief",
    "BriefSection",
    "Evidence",
    "EvidenceSelector",
    "brief_to_dict",
    "build_briefs",
    "render_html",
    "render_markdown",
    "verify_brief_file",
    "write_briefs",
]
