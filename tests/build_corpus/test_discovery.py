"""Documents of a corpus folder (scripts/build_corpus/discovery.py)."""

from __future__ import annotations

from scripts.build_corpus.discovery import discover_documents, list_documents, source_files
from tests.build_corpus.helpers import write_source


def test_discovery_rules(tmp_path):
    for name in (
        "a.pdf",
        "b.html",
        "README.md",
        ".hidden.md",
        "c.md",
        "d.txt",
        "c.md.meta.yaml",
        "e.json",
    ):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "_sources").mkdir()
    (tmp_path / "_sources" / "f.md").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "g.html").write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in discover_documents(tmp_path)]
    assert found == ["a.pdf", "b.html", "c.md", "d.txt", "sub/g.html"]


def test_list_documents_adds_the_outputs_of_the_sources(tmp_path):
    write_source(tmp_path, "gen", "# G\n")
    write_source(tmp_path, "word", "# W\n", fmt="docx", layout=None)
    (tmp_path / "_sources" / "broken.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>x</p>", encoding="utf-8")
    assert [p.name for p in source_files(tmp_path)] == ["broken.md", "gen.md", "word.md"]
    assert [p.name for p in list_documents(tmp_path)] == ["gen.pdf", "page.html", "word.docx"]
