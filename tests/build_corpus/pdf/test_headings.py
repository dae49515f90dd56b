"""Section numbers of report headings (scripts/build_corpus/pdf/headings.py)."""

from __future__ import annotations

from scripts.build_corpus.markup import parse_markup
from scripts.build_corpus.pdf.headings import heading_labels


def test_heading_numbering():
    blocks, _ = parse_markup(
        "# T\n\n## Executive summary\n\n### Aside\n\n## Scope\n\n### Detail\n\n### More\n\n"
        "## Findings\n\n## Sources\n"
    )
    labels = heading_labels(blocks, numbered=True)
    shown = [labels[i] for i in sorted(labels)]
    assert shown == [
        "Executive summary",
        "Aside",
        "1 Scope",
        "1.1 Detail",
        "1.2 More",
        "2 Findings",
        "Sources",
    ]
    blocks, _ = parse_markup("# T\n\n## 1. Scope\n\n## Findings\n")
    assert sorted(heading_labels(blocks, numbered=True).values()) == ["1. Scope", "Findings"]
    blocks, _ = parse_markup("# T\n\n## Scope\n\n### Detail\n")
    assert sorted(heading_labels(blocks, numbered=False).values()) == ["Detail", "Scope"]
