"""Front matter and metadata of corpus documents (scripts/build_corpus/metadata.py)."""

from __future__ import annotations

import pytest
import yaml

from scripts.build_corpus.metadata import (
    CorpusError,
    document_format,
    load_metadata,
    metadata_of_front_matter,
    read_front_matter,
    source_for,
)
from tests.build_corpus.helpers import META, write_source


def test_front_matter_split_and_metadata():
    text = "---\ntitle: X\nformat: pdf\nlayout: report\nrunning_header: H\nyear: 2020\n---\n\n# X\n"
    front, body, first = read_front_matter(text)
    assert front["layout"] == "report" and body.strip() == "# X"
    assert text.splitlines()[first - 1] == "# X"  # the line number of the body's first line
    assert metadata_of_front_matter(front) == {"title": "X", "year": 2020}
    assert read_front_matter("no front matter") == ({}, "no front matter", 1)


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: X\n---\nFirst\n\nThird\n",
        "\ufeff---\ntitle: X\n---\nFirst\n\nThird\n",
        "---\ntitle: X\n---\n\n\nFirst\n\nThird\n",
        "---\r\ntitle: X\r\n---\r\nFirst\r\n\r\nThird\r\n",
    ],
)
def test_body_line_numbers_match_the_file(text):
    """The library returns an offset; line numbers counted from it point at the same lines."""
    front, body, first = read_front_matter(text)
    assert front == {"title": "X"}
    lines = text.lstrip("\ufeff").splitlines()
    body_lines = body.splitlines()
    third = body_lines.index("Third")
    assert lines[first + third - 1] == "Third"


def test_bad_front_matter_is_a_corpus_error():
    with pytest.raises(CorpusError, match="not valid YAML"):
        read_front_matter("---\ntitle: [unclosed\n---\n")
    with pytest.raises(CorpusError, match="mapping"):
        read_front_matter("---\n- a list\n---\n")


def test_load_metadata_sources(tmp_path):
    (tmp_path / "page.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (tmp_path / "page.html.meta.yaml").write_text(yaml.safe_dump(META), encoding="utf-8")
    (tmp_path / "note.md").write_text(
        "---\n" + yaml.safe_dump(META) + "---\n\nBody.\n", encoding="utf-8"
    )
    (tmp_path / "note.txt").write_text("---\ntitle: T\n---\nBody.\n", encoding="utf-8")
    write_source(tmp_path, "gen", "# G\n")
    assert load_metadata(tmp_path / "page.html") == META
    assert load_metadata(tmp_path / "note.md") == META
    assert load_metadata(tmp_path / "note.txt") == {"title": "T"}
    assert load_metadata(tmp_path / "gen.pdf") == META  # not built yet: read from the source
    assert load_metadata(tmp_path / "_sources" / "gen.md") == META
    with pytest.raises(CorpusError):
        load_metadata(tmp_path / "missing.pdf")


def test_a_sidecar_that_is_not_a_mapping_is_a_corpus_error(tmp_path):
    (tmp_path / "page.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "page.html.meta.yaml").write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="mapping"):
        load_metadata(tmp_path / "page.html")


def test_source_for_and_document_format(tmp_path):
    write_source(tmp_path, "gen", "# G\n")
    assert source_for(tmp_path / "gen.pdf") == tmp_path / "_sources" / "gen.md"
    assert source_for(tmp_path / "gen.docx") == tmp_path / "_sources" / "gen.md"
    assert source_for(tmp_path / "gen.html") is None
    assert source_for(tmp_path / "other.pdf") is None
    assert document_format(tmp_path / "a.HTM") == "html"
    assert document_format(tmp_path / "a.md") == "markdown"
    assert document_format(tmp_path / "a.json") is None
