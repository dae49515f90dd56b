"""``build_themes``: stored, written, incremental by default, re-clustered on demand."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from jane_synth.embedding import MODEL_NAME, embed_missing
from jane_synth.pipeline import build_themes
from jane_synth.store import Store
from tests.themes.store_data import add_documents, planted_store

NEW_DOCS = [
    "Hospice volunteers sit with dying patients at night and comfort their families.",
    "Palliative home teams relieve breathlessness in the last days of life.",
    "Sequencing of tumour genomes finds KRAS and BRCA1 mutations for targeted therapy.",
]


@pytest.fixture
def layout(tmp_path, embedder):
    return planted_store(tmp_path, embedder)


def _themes_json(layout):
    return json.loads(layout.themes.read_text("utf-8"))


def test_build_themes_stores_and_writes_every_output(layout):
    with Store(layout.database) as store:
        fit = build_themes(store, layout, MODEL_NAME)
        assert store.themes() == sorted(fit.themes, key=lambda t: t.theme_id)
        assert store.chunk_theme_ids() == dict(fit.assignment)
    data = _themes_json(layout)
    assert data[-1]["unassigned"] is True and data[-1]["size"] == len(fit.unassigned)
    assert layout.themes.with_suffix(".html").exists()
    first = layout.themes.read_bytes(), layout.themes.with_suffix(".html").read_bytes()
    with Store(layout.database) as store:
        build_themes(store, layout, MODEL_NAME)  # incremental, nothing new
    assert (layout.themes.read_bytes(), layout.themes.with_suffix(".html").read_bytes()) == first


@pytest.mark.parametrize("recluster", [False, True])
def test_ids_stay_after_adding_documents(layout, embedder, recluster):
    with Store(layout.database) as store:
        before = build_themes(store, layout, MODEL_NAME)
        topics = ["palliative", "palliative", "sequencing"]
        add_documents(store, NEW_DOCS, topics, "new", per_doc=1)
        embed_missing(store, embedder)
        after = build_themes(store, layout, MODEL_NAME, recluster=recluster)
        new_ids = {c.chunk_id: c.doc_id for c in store.chunks() if c.doc_id.startswith("new")}
        hospice_chunk = store.chunks(["d000"])[0].chunk_id  # a planted palliative-care chunk
    assert all(after.assignment.get(c) == t for c, t in before.assignment.items())
    by_doc = {d: after.assignment.get(c) for c, d in new_ids.items()}
    assert by_doc["new000"] == by_doc["new001"] != by_doc["new002"]
    assert by_doc["new000"] == before.assignment[hospice_chunk]
    labels = {t.theme_id: t.label for t in before.themes}
    assert {t.theme_id: t.label for t in after.themes}.keys() == labels.keys()


_BUILD = """
import sys
from pathlib import Path
from jane_synth.config import OutputLayout
from jane_synth.embedding import MODEL_NAME
from jane_synth.pipeline import build_themes
from jane_synth.store import Store
layout = OutputLayout(Path(sys.argv[1]))
with Store(layout.database) as store:
    build_themes(store, layout, MODEL_NAME)
"""


@pytest.mark.slow
def test_two_runs_in_two_processes_write_identical_themes(tmp_path, embedder):
    planted_store(tmp_path / "a", embedder)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    for name, hash_seed in (("a", "1"), ("b", "2")):  # string hashing differs between them
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-c", _BUILD, str(tmp_path / name)], env=env, check=True)
    for output in ("themes.json", "themes.html"):
        assert (tmp_path / "a" / output).read_bytes() == (tmp_path / "b" / output).read_bytes()
    database = ("index", "jane.sqlite")
    with (
        Store(tmp_path.joinpath("a", *database)) as a,
        Store(tmp_path.joinpath("b", *database)) as b,
    ):
        assert a.chunk_assignments() == b.chunk_assignments() and a.themes() == b.themes()
        assert len(a.themes()) >= 3
