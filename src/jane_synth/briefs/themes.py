"""The recurring themes of each brief section: the themes its quotes belong to.

Read from the themes stage's stored output (the store's theme tables, from which
``themes.json`` is written), so a brief and the theme report agree: each quote's chunk
counts under its own theme (a sub-theme, or a broad theme without sub-themes), listed once
per section in order of first quote. A quote whose chunk is in no theme (unassigned, or
themes not built yet) adds nothing.
"""

from __future__ import annotations

from dataclasses import replace

from ..records import Theme
from ..store import Store
from ..themes.lookup import themes_of_chunks
from .model import Brief, BriefSection, SectionTheme


def section_themes(
    section: BriefSection, chunk_themes: dict[str, list[int]], stored: dict[int, Theme]
) -> tuple[SectionTheme, ...]:
    """The themes of ``section``'s quotes, each once, in order of first quote.

    ``chunk_themes`` maps a chunk id to ``[broad, sub]`` theme ids (as
    :func:`jane_synth.themes.themes_of_chunks` gives them); ``stored`` holds the themes by id.
    """
    found: dict[int, SectionTheme] = {}
    for ev in section.evidence:
        ids = chunk_themes.get(ev.chunk_id) or []
        theme = stored.get(ids[-1]) if ids else None
        if theme is not None and theme.theme_id not in found:
            found[theme.theme_id] = SectionTheme(theme.theme_id, theme.label, theme.parent)
    return tuple(found.values())


def with_section_themes(briefs: list[Brief], store: Store) -> list[Brief]:
    """``briefs`` with every section's :attr:`~.model.BriefSection.themes` filled from
    ``store``; quotes, gaps and order are unchanged."""
    chunk_ids = sorted({ev.chunk_id for b in briefs for s in b.sections for ev in s.evidence})
    chunk_themes = themes_of_chunks(store, chunk_ids)
    stored = {t.theme_id: t for t in store.themes()}
    return [
        replace(
            brief,
            sections=tuple(
                replace(s, themes=section_themes(s, chunk_themes, stored)) for s in brief.sections
            ),
        )
        for brief in briefs
    ]
