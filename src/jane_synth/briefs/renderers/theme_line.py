"""The line each section of a brief shows in every format: the recurring themes of its quotes.

``Themes: <label> (theme <id>); ...`` in order of first quote, or ``Themes: none`` when no
quote is in a theme. The id is the one ``themes.json``, the theme report and the search filter
(``--filter theme=<id>``) use.
"""

from __future__ import annotations

from ..model import BriefSection, SectionTheme

THEMES_REPORT = "../themes.html"
"""The theme report as seen from the briefs folder (``outputs/briefs/``)."""


def theme_entry(theme: SectionTheme) -> str:
    """One theme as the line shows it: ``label (theme id)``."""
    return f"{theme.label} (theme {theme.theme_id})"


def themes_line(section: BriefSection) -> str:
    """The section's themes line as plain text (formats escape it as they need)."""
    return "Themes: " + ("; ".join(map(theme_entry, section.themes)) or "none")
