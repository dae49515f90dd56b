"""Themes and which chunk belongs to which."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..records import Theme
from .base import StoreBase
from .rows import theme_from_row, theme_to_row


class ThemesPart(StoreBase):
    """The ``themes`` and ``chunk_themes`` tables."""

    def replace_themes(self, themes: Sequence[Theme], assignment: Mapping[str, int]) -> None:
        """Replace every theme and the chunk assignment in one transaction."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM themes")
            conn.execute("DELETE FROM chunk_themes")
            conn.executemany("INSERT INTO themes VALUES (?,?,?,?,?,?)", map(theme_to_row, themes))
            conn.executemany("INSERT INTO chunk_themes VALUES (?,?)", sorted(assignment.items()))

    def themes(self) -> list[Theme]:
        """Every theme by id."""
        return [
            theme_from_row(r) for r in self.conn.execute("SELECT * FROM themes ORDER BY theme_id")
        ]

    def chunk_theme_ids(self) -> dict[str, int]:
        """``chunk_id -> theme_id``."""
        rows = self.conn.execute("SELECT chunk_id, theme_id FROM chunk_themes")
        return {r[0]: r[1] for r in rows}
