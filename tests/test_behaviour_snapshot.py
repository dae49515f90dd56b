"""Behaviour on the bundled corpus compared with a snapshot taken before the stage refactor.

The snapshot (``tests/snapshots/bundled.json``) holds what the product produced on ``corpus/``
before issue 8 reshaped the code: every brief's quotes (chunk, offsets, text), the themes
(ids, labels, sizes, members' representatives) and the top 10 chunks of a set of queries in
every search mode. A refactor must leave all of it unchanged. A deliberate behaviour change
(a better selector, new themes) regenerates it with ``JANE_UPDATE_SNAPSHOT=1`` in the same
commit, which says why.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# one xdist worker builds the bundled index and runs every test that reads it
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bundled")]

SNAPSHOT = Path(__file__).parent / "snapshots" / "bundled.json"
QUERIES = (
    "patient involvement in network governance",
    "sustainable funding of research infrastructures",
    "CPMS virtual consultation workload",
    "survivorship care plans for adolescents and young adults",
    "palliative care integration with national health systems",
    "training and education of health professionals",
    "quality monitoring indicators for European Reference Networks",
    "omics data sharing and biobanks",
)
MODES = ("bm25", "dense", "hybrid")
SCORE_TOLERANCE = 2e-3


def _current_behaviour(layout, briefs, searcher) -> dict:
    from jane_synth.briefs import write_briefs
    from jane_synth.embedding import MODEL_NAME
    from jane_synth.pipeline import build_themes
    from jane_synth.store import Store

    with Store(layout.database) as store:  # a second, incremental build repeats the themes
        build_themes(store, layout, MODEL_NAME)
    write_briefs(briefs, layout.briefs_dir)
    search = {
        f"{mode}: {q}": [
            [h.chunk_id, round(h.score, 4)] for h in searcher.search(q, k=10, mode=mode)
        ]
        for q in QUERIES
        for mode in MODES
    }
    briefs = {}
    for path in sorted(layout.briefs_dir.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        briefs[path.stem] = [
            [
                s["dimension"],
                ev["noe_specific"],
                ev["chunk_id"],
                ev["start"],
                ev["end"],
                ev["quote"],
            ]
            for s in data["sections"]
            for ev in s["evidence"]
        ]
    themes = [
        [t["theme_id"], t["label"], t["keyphrases"], t["size"], t["representative_chunk_ids"]]
        for t in json.loads(layout.themes.read_text("utf-8"))
    ]
    return {"briefs": briefs, "themes": themes, "search": search}


@pytest.fixture(scope="module")
def behaviour(bundled_index, bundled_briefs_built) -> dict:
    """What the product does now; the briefs are the session's (test_bundled_corpus_briefs.py
    reads the same ones), built after the themes as the briefs asset runs."""
    return _current_behaviour(bundled_index[1], *bundled_briefs_built)


def test_snapshot_is_current_or_regenerated(behaviour):
    if os.environ.get("JANE_UPDATE_SNAPSHOT") == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(behaviour, indent=1, ensure_ascii=False) + "\n", "utf-8")
    assert SNAPSHOT.exists(), "no snapshot: run with JANE_UPDATE_SNAPSHOT=1"


def test_briefs_quote_the_same_statements(behaviour):
    expected = json.loads(SNAPSHOT.read_text("utf-8"))["briefs"]
    assert behaviour["briefs"] == expected


def test_themes_are_the_same(behaviour):
    expected = json.loads(SNAPSHOT.read_text("utf-8"))["themes"]
    assert behaviour["themes"] == expected


@pytest.mark.parametrize("mode", MODES)
def test_search_ranks_the_same_chunks(behaviour, mode):
    expected = json.loads(SNAPSHOT.read_text("utf-8"))["search"]
    for key, hits in expected.items():
        if not key.startswith(f"{mode}: "):
            continue
        got = behaviour["search"][key]
        assert [h[0] for h in got] == [h[0] for h in hits], key
        for (_, a), (_, b) in zip(got, hits, strict=True):
            assert abs(a - b) <= SCORE_TOLERANCE, key
