"""Section numbers of the headings of reports ("1 Scope", "1.1 Detail")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..markup import Block

UNNUMBERED_HEADINGS = {
    "abstract",
    "acknowledgements",
    "annex",
    "annexes",
    "contents",
    "executive summary",
    "foreword",
    "key messages",
    "references",
    "sources",
    "summary",
    # fr, de, it, es
    "résumé",
    "résumé exécutif",
    "synthèse",
    "sources et références",
    "quellen",
    "zusammenfassung",
    "fonti",
    "sintesi",
    "fuentes",
    "resumen",
    "resumen ejecutivo",
}
_NUMBERED_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[IVX]+\.)\s")


def heading_labels(blocks: Sequence[Block], numbered: bool) -> dict[int, str]:
    """Display text of the h2/h3 blocks (index -> text), numbering sections when asked.

    No numbers are added when the source numbers any heading itself; headings such as
    "Executive summary" or "Sources" (and their subsections) stay unnumbered.
    """
    labels = {i: b.text for i, b in enumerate(blocks) if b.kind in ("h2", "h3")}
    if not numbered or any(_NUMBERED_RE.match(t) for t in labels.values()):
        return labels
    section = sub = 0
    in_unnumbered = False
    for i, block in enumerate(blocks):
        if block.kind == "h2":
            in_unnumbered = block.text.strip().rstrip(":").lower() in UNNUMBERED_HEADINGS
            if not in_unnumbered:
                section += 1
                sub = 0
                labels[i] = f"{section} {block.text}"
        elif block.kind == "h3" and not in_unnumbered and section:
            sub += 1
            labels[i] = f"{section}.{sub} {block.text}"
    return labels
