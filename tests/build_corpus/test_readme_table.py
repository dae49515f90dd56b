"""The document table of the corpus README (scripts/build_corpus/readme_table.py)."""

from __future__ import annotations

import yaml

from scripts.build_corpus.readme_table import TABLE_END, TABLE_START, readme_with_table
from tests.build_corpus.helpers import META, build_ok, write_source


def test_readme_table(tmp_path):
    write_source(tmp_path, "b-doc", "# B\n\nTwo words.\n", title="B | pipe")
    (tmp_path / "a.html").write_text("<html><body><p>One two three</p></body></html>")
    (tmp_path / "a.html.meta.yaml").write_text(
        yaml.safe_dump(dict(META, title="A page", doc_type="webpage"))
    )
    readme = tmp_path / "README.md"
    readme.write_text("# Corpus\n\nIntro.\n", encoding="utf-8")
    build_ok(tmp_path)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Corpus\n\nIntro.\n\n## Documents\n\n" + TABLE_START)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1].startswith("| a.html | A page | webpage | html | 2024 | en | survivorship |")
    assert rows[2].startswith("| b-doc.pdf | B \\| pipe | report | pdf |")
    assert "2 documents (1 html, 1 pdf), 6 words in all" in text
    build_ok(tmp_path)
    assert readme.read_text(encoding="utf-8") == text  # idempotent
    assert text.count(TABLE_START) == 1


def test_readme_with_table_replaces_only_the_marked_block():
    readme = f"# C\n\n## Documents\n\n{TABLE_START}\nold\n{TABLE_END}\n\nAfter.\n"
    assert readme_with_table(readme, "NEW") == "# C\n\n## Documents\n\nNEW\n\nAfter.\n"
    assert readme_with_table("# C\n\n## Documents\n", "NEW") == "# C\n\n## Documents\n\nNEW\n"
