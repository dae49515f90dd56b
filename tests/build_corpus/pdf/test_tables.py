"""Column widths of PDF tables (scripts/build_corpus/pdf/tables.py)."""

from __future__ import annotations

import pytest

pytest.importorskip("reportlab")

from scripts.build_corpus.pdf.tables import column_widths


def test_narrow_tables_are_spread_in_proportion():
    widths = column_widths([["a", "bb"], ["c", "dd"]], 9.0, 400.0)
    assert sum(widths) == pytest.approx(400.0)
    assert widths[0] < widths[1]


def test_wide_tables_keep_every_longest_word():
    rows = [["Indicator", "Value"], ["A long sentence of many words " * 6, "24"]]
    widths = column_widths(rows, 9.0, 300.0)
    assert sum(widths) == pytest.approx(300.0)
    assert widths[1] > 30  # "Value" still fits on one line


def test_too_many_columns_share_the_width():
    rows = [[f"Heading{n}" for n in range(12)]]
    widths = column_widths(rows, 9.0, 200.0)
    assert sum(widths) == pytest.approx(200.0)
    assert len(set(round(w, 6) for w in widths)) <= 3
