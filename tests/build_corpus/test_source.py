"""Reading a source file (scripts/build_corpus/source.py)."""

from __future__ import annotations

import pytest

from scripts.build_corpus.metadata import CorpusError
from scripts.build_corpus.source import read_source
from tests.build_corpus.helpers import META, write_source


def test_read_source(tmp_path):
    path = write_source(tmp_path, "doc", "# Shown title\n\nText.\n", year=2031)
    src = read_source(path)
    assert (src.name, src.fmt, src.layout, src.title) == ("doc", "pdf", "report", "Shown title")
    assert src.meta == META | {"year": 2031}
    assert src.running_header == "JANE test header doc"
    assert src.subtitle == "JANE WP4 task force, 2031" and src.language == "en"
    assert src.warnings == []
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[src.blocks[0].line - 1] == "# Shown title"  # line numbers count the front matter


def test_defaults_and_warnings(tmp_path):
    path = write_source(tmp_path, "doc", "Text only.\n", year=1900, running_header=None)
    src = read_source(path)
    assert src.title == META["title"] and src.running_header == META["title"]
    assert src.year == 2024  # a year outside 1980-2099 renders as 2024
    assert src.warnings == [
        "no running_header: the title is used",
        "no '# Title' line: the title of the front matter is used",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# No front matter\n", "no YAML front matter"),
        ("---\ntitle: [x\n---\n", "bad front matter"),
        ("---\ntitle: X\nformat: odt\n---\n", "format must be one of"),
        ("---\ntitle: X\nformat: pdf\nlayout: poster\n---\n", "layout 'poster'"),
    ],
)
def test_unreadable_sources(tmp_path, text, message):
    path = tmp_path / "src.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        read_source(path)
