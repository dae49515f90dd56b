"""Bitstream Vera, the TrueType family shipped inside reportlab (embedded and subset)."""

from __future__ import annotations

from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "Vera"
FONT_BOLD = "Vera-Bold"
FONT_ITALIC = "Vera-Italic"
FONT_BOLD_ITALIC = "Vera-BoldItalic"
_FILES = (
    (FONT, "Vera.ttf"),
    (FONT_BOLD, "VeraBd.ttf"),
    (FONT_ITALIC, "VeraIt.ttf"),
    (FONT_BOLD_ITALIC, "VeraBI.ttf"),
)


def register_fonts() -> None:
    """Register the Vera family once (from reportlab's folder, never a system copy)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, filename in _FILES:
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD_ITALIC)


def font_missing_chars(text: str) -> set[str]:
    """Characters of ``text`` the embedded font has no glyph for."""
    register_fonts()
    cmap = pdfmetrics.getFont(FONT).face.charToGlyph
    return {c for c in set(text) if not c.isspace() and ord(c) not in cmap}
