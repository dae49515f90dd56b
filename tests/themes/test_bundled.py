"""Themes on the bundled corpus, as ``make run`` writes them: nothing silently dropped, the
unassigned bucket reported and small, and a broad theme's search filter covering its
sub-themes."""

from __future__ import annotations

import pytest

from jane_synth.search import Filters, Searcher
from jane_synth.store import Store
from jane_synth.themes import ReferenceListFilter

# one xdist worker builds the bundled index and runs every test that reads it
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bundled")]

MAX_UNASSIGNED = 0.15  # the target


def test_every_prose_chunk_is_in_a_theme_or_in_the_reported_bucket(bundled_index, bundled_themes):
    layout = bundled_index[1]
    fit, payload = bundled_themes
    bucket = payload[-1]
    assert bucket["unassigned"] and bucket["theme_id"] == -1
    assert bucket["member_chunk_ids"] == list(fit.unassigned) and bucket["size"] == len(
        fit.unassigned
    )
    assert bucket["fraction"] == round(fit.unassigned_fraction(), 4) <= MAX_UNASSIGNED
    report = layout.themes.with_suffix(".html").read_text("utf-8")
    assert f"{bucket['size']} chunks ({100 * bucket['fraction']:.1f}%) are near no theme" in report
    with Store(layout.database) as store:
        chunks = store.chunks()
        stored = store.chunk_assignments()
    prose = ReferenceListFilter().keep([c.text for c in chunks])
    taking_part = {c.chunk_id for c, keep in zip(chunks, prose, strict=True) if keep}
    assert taking_part == set(fit.assignment) | set(fit.unassigned) == set(stored)


def test_a_broad_theme_filter_keeps_exactly_its_sub_themes_chunks(
    bundled_index, bundled_themes, embedder
):
    layout = bundled_index[1]
    fit, _ = bundled_themes
    broad = [t for t in fit.themes if any(s.parent == t.theme_id for s in fit.themes)]
    assert len(broad) >= 2  # a two-level hierarchy on the bundled corpus
    with Searcher.open(layout.root, embedder=embedder) as searcher:
        for theme in broad:
            mask = searcher.mask(Filters.parse([f"theme={theme.theme_id}"]))
            assert mask is not None
            kept = {searcher.chunks[r].chunk_id for r in mask.nonzero()[0]}
            subs = [s.theme_id for s in fit.themes if s.parent == theme.theme_id]
            assert (
                kept
                == {c for s in subs for c in fit.members(s)}
                == set(fit.members(theme.theme_id))
            )
            assert len(kept) == theme.size
