"""The Jinja2 environment the text renderers share (templates in ``jane_synth/templates``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..keypoints import key_points
from ..model import Brief
from .escape import md_code, md_escape
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
    support_note,
)
from .theme_line import THEMES_REPORT, theme_entry, themes_line

# The brief's opening paragraph, shared by every text format (``{name}``: the NoE).
INTRO = (
    "This brief gathers evidence from existing EU networks, infrastructures, Joint Actions and "
    "policy documents for the design of the {name} Network of Expertise. Every statement below "
    "is a verbatim extract of a source document; the bracketed number refers to the numbered "
    "source list at the end, with the page the extract is on. Nothing in the statements is "
    "generated text."
)


def anchor(heading: str) -> str:
    """The anchor GitHub-style Markdown renderers give a heading."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -")
    return kept.replace(" ", "-")


@cache
def environment(autoescape: bool) -> Environment:
    """Templates with HTML autoescaping on (HTML) or off (Markdown, which escapes by filter)."""
    env = Environment(
        loader=PackageLoader("jane_synth", "templates"),
        autoescape=autoescape,  # by argument: select_autoescape would not match "*.html.j2"
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["anchor"] = anchor
    env.filters["md_escape"] = md_escape
    env.filters["md_code"] = md_code
    env.globals["intro"] = INTRO
    env.filters.update(themes_line=themes_line, theme_entry=theme_entry)
    env.globals["themes_report"] = THEMES_REPORT
    env.filters.update(grade_cells=grade_cells, grade_line=grade_line, support_note=support_note)
    env.globals.update(grade_columns=GRADE_COLUMNS, grade_note=GRADE_NOTE)
    env.globals["empty_strands"] = empty_strands
    env.globals.update(key_points=key_points, key_point_line=key_point_line)
    env.globals["change_blocks"] = change_blocks
    env.globals.update(
        divergence_blocks=divergence_blocks,
        divergence_note=DIVERGENCE_NOTE,
        no_divergence=NO_DIVERGENCE,
    )
    env.globals.update(policy_blocks=policy_blocks, policy_note=POLICY_NOTE, no_policy=NO_POLICY)
    return env


@dataclass(frozen=True)
class TemplateRenderer:
    """A text format made from one template: Markdown (escaping by filter) or HTML (autoescape)."""

    name: str
    suffix: str
    template: str
    autoescape: bool

    def render(self, brief: Brief) -> bytes:
        """The brief through the template, as UTF-8."""
        env = environment(self.autoescape)
        return env.get_template(self.template).render(brief=brief).encode("utf-8")
