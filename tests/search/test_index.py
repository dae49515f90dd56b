"""Building, opening and validating the search index."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from jane_synth.config import OutputLayout
from jane_synth.search import IndexNotBuiltError, Searcher, build_search_index
from jane_synth.search.index import check_output_dir, retriever_folder
from jane_synth.store import Store
from tests.code_shape import REPO_ROOT
from tests.search_helpers import FakeEmbedder, build_store

BUILD = """
import sys
from jane_synth.config import OutputLayout
from jane_synth.search import build_search_index
from jane_synth.store import Store
layout = OutputLayout(__import__("pathlib").Path(sys.argv[1]))
with Store(layout.database) as store:
    build_search_index(store, layout)
"""


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("index"), FakeEmbedder())


def test_two_builds_write_byte_identical_files(tmp_path, layout):
    """Each build in its own process with its own string hashing, as two runs would be."""
    files = {}
    for seed in ("1", "2"):
        root = tmp_path / seed
        shutil.copytree(layout.root, root)
        shutil.rmtree(retriever_folder(OutputLayout(root), "bm25"))
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", BUILD, str(root)], check=True, env=env,
                       cwd=REPO_ROOT, timeout=300)  # fmt: skip
        folder = root / "index"
        files[seed] = {
            str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith("jane.sqlite")
        }
    assert len(files["1"]) >= 6
    assert files["1"].keys() == files["2"].keys()
    differ = [name for name in files["1"] if files["1"][name] != files["2"][name]]
    assert differ == []


def test_metadata_names_chunks_vocabulary_and_bytes(tmp_path, layout):
    shutil.copytree(layout.root, tmp_path / "o")
    copy = OutputLayout(tmp_path / "o")
    with Store(copy.database) as store:
        built = build_search_index(store, copy)
        n_chunks = len(store.chunks())
    meta = built.metadata()
    assert meta["chunks_indexed"] == built.chunks == n_chunks
    assert meta["vocabulary"] > 20
    assert meta["index_bytes"] > copy.database.stat().st_size


@pytest.mark.parametrize("kind", ["missing", "file", "empty"])
def test_check_output_dir_names_the_path(tmp_path, kind):
    out = tmp_path / "out"
    if kind == "file":
        out.write_text("x")
    elif kind == "empty":
        out.mkdir()
    with pytest.raises(IndexNotBuiltError, match="jane-synth run") as caught:
        check_output_dir(out)
    assert str(out) in str(caught.value)
    why = {"missing": "no such folder", "file": "not a folder", "empty": "jane.sqlite"}[kind]
    assert why in str(caught.value)


def test_a_database_without_the_bm25_files_is_not_built(tmp_path, layout):
    shutil.copytree(layout.root, tmp_path / "o")
    shutil.rmtree(retriever_folder(OutputLayout(tmp_path / "o"), "bm25"))
    with pytest.raises(IndexNotBuiltError, match="no search index yet"):
        Searcher.open(tmp_path / "o", embedder=FakeEmbedder())
    assert check_output_dir(tmp_path / "o").root == tmp_path / "o"
