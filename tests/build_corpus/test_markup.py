"""The corpus markup parser (scripts/build_corpus/markup.py)."""

from __future__ import annotations

from scripts.build_corpus.markup import parse_markup


def test_parse_headings_paragraphs_and_directives():
    body = """# Title

First line of a paragraph
continues here.

## Section

### Subsection

Second paragraph.

<!-- pagebreak -->
<!-- columns: 2 -->

Third.

<!-- columns: 1 -->
<!-- something else -->
"""
    blocks, warnings = parse_markup(body)
    kinds = [(b.kind, b.text or b.value) for b in blocks]
    assert kinds == [
        ("title", "Title"),
        ("para", "First line of a paragraph continues here."),
        ("h2", "Section"),
        ("h3", "Subsection"),
        ("para", "Second paragraph."),
        ("pagebreak", 0),
        ("columns", 2),
        ("para", "Third."),
        ("columns", 1),
    ]
    assert len(warnings) == 1 and "something else" in warnings[0]
    assert blocks[1].line == 3


def test_heading_levels_and_line_numbers():
    blocks, warnings = parse_markup(
        "Intro.\n\n# Late title\n\n#### Deep\n\n<!-- columns: 4 -->\n", 10
    )
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        ("para", "Intro.", 10),
        ("h2", "Late title", 12),
        ("h3", "Deep", 14),
    ]
    assert warnings == [
        "line 12: '# ' heading after the start, rendered as ##",
        "line 14: heading level 4 rendered as ###",
        "line 16: unknown or malformed directive '<!-- columns: 4 -->' ignored",
    ]


def test_parse_lists():
    body = """- one
- two
  continued
  - nested
- three

1. first
2. second

3. third after blank

7. seven
"""
    blocks, warnings = parse_markup(body)
    assert not warnings
    assert [b.kind for b in blocks] == ["list", "list"]
    bullets, numbers = blocks
    assert [(i.depth, i.ordered, i.text) for i in bullets.items] == [
        (0, False, "one"),
        (0, False, "two continued"),
        (1, False, "nested"),
        (0, False, "three"),
    ]
    assert [(i.ordered, i.number, i.text) for i in numbers.items] == [
        (True, 1, "first"),
        (True, 2, "second"),
        (True, 3, "third after blank"),
        (True, 7, "seven"),
    ]


def test_list_edge_cases():
    blocks, warnings = parse_markup("  - orphan\n- a\nlazy line\n\n---\n\n1. n\n- b\n")
    assert [b.kind for b in blocks] == ["list", "list", "list"]
    assert [(i.depth, i.text) for i in blocks[0].items] == [(0, "orphan"), (0, "a lazy line")]
    assert [i.ordered for b in blocks[1:] for i in b.items] == [True, False]
    assert warnings == [
        "line 1: indented list item without a parent item",
        "line 5: horizontal rule is not part of the markup, ignored",
    ]


def test_list_then_paragraph():
    blocks, _ = parse_markup("- item\n\nA paragraph after the list.\n")
    assert [b.kind for b in blocks] == ["list", "para"]


def test_parse_table():
    body = """| Name | Count | Share |
| --- | ---: | :---: |
| A \\| B | 12 | 3% |
| C | 4 |
"""
    blocks, warnings = parse_markup(body)
    (table,) = blocks
    assert table.kind == "table"
    assert table.header == ["Name", "Count", "Share"]
    assert table.aligns == ["left", "right", "center"]
    assert table.rows == [["A | B", "12", "3%"], ["C", "4", ""]]
    assert len(warnings) == 1 and "2 cells" in warnings[0]


def test_table_without_separator():
    blocks, warnings = parse_markup("| a | b |\n| c | d |\n")
    assert blocks[0].header == ["a", "b"] and blocks[0].rows == [["c", "d"]]
    assert blocks[0].aligns == ["left", "left"]
    assert warnings == ["line 1: table without a '| --- |' separator row"]


def test_warnings_for_markup_outside_the_subset():
    body = "Some **bold** and [a link](http://x.eu) and `code` and <b>tag</b> and \u2192.\n"
    _, warnings = parse_markup(body)
    text = " ".join(warnings)
    for what in ("bold", "link", "code", "HTML tag", "U+2192"):
        assert what in text
    _, clean = parse_markup("Plain text with € 5 and an en dash – and 3 * 4 = 12.\n")
    assert clean == []
