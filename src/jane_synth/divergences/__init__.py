"""Divergences: different figures for the same measure in similar sentences of different sources.

:func:`find_divergences` reads the current English passages of a searcher's corpus; the
figures are :mod:`.quantities`, the pairing and grouping :mod:`.detect`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from ..evidence.sentences import Sentence, split_passage
from ..records import Chunk
from ..search import Searcher
from ..taxonomy import Taxonomy
from .detect import (
    Divergence,
    DivergenceFinder,
    DivergentStatement,
    FigureSentence,
    figure_sentences,
)
from .quantities import Quantity, quantities

__all__ = [
    "Divergence",
    "DivergenceFinder",
    "DivergentStatement",
    "FigureSentence",
    "Quantity",
    "figure_sentences",
    "find_divergences",
    "quantities",
]


def find_divergences(
    searcher: Searcher,
    taxonomy: Taxonomy,
    vectors: Callable[[Sequence[str]], np.ndarray] | None = None,
    finder: DivergenceFinder | None = None,
    language: str = "en",
    split: Callable[[Chunk], list[Sentence]] = split_passage,
) -> list[Divergence]:
    """The divergences among the current documents' passages in ``language``.

    ``vectors`` embeds sentences (for example the evidence selector's stored sentence vectors);
    by default the searcher's embedder; ``split`` the sentences of a chunk (the selector's, which
    the briefs have already split). A divergence bears on the NoEs whose documents (by main
    subject) or sentences (by name) give its statements; one that names none bears on all.
    """
    docs = searcher.documents
    finder = finder or DivergenceFinder()
    finder.versions = lambda a, b: _family(docs, a) == _family(docs, b)
    current = sorted(
        (c for c in searcher.chunks
         if docs[c.doc_id].superseded_by is None
         and (c.language or docs[c.doc_id].meta.language).lower() == language),
        key=lambda c: (c.doc_id, c.page, c.seq),
    )  # fmt: skip
    sentences = figure_sentences(current, split)
    texts = [fs.sentence.text for fs in sentences]
    embed = vectors or searcher.embedder.encode
    matrix = np.asarray(embed(texts), dtype=np.float32) if texts else np.zeros((0, 1))

    def name(tag: tuple[str, str]) -> str:
        try:
            return taxonomy.by_slug(tag[1]).name
        except KeyError:
            return tag[1]

    def noes_of(fs: FigureSentence) -> frozenset[str]:
        main = docs[fs.doc_id].meta.main_noe_domain
        named = fs.sentence.slugs("NOE_DOMAIN")
        return named | ({main} if main else set())

    return [
        replace(d, statements=tuple(_cited(docs, st) for st in d.statements))
        for d in finder.find(sentences, matrix, name, noes_of)
    ]


def _cited(docs: dict[str, Any], st: DivergentStatement) -> DivergentStatement:
    doc = docs[st.doc_id]
    meta = doc.meta
    return replace(st, title=meta.title, publisher=meta.publisher, year=meta.year, path=doc.path)


def _family(docs: dict[str, Any], doc_id: str) -> str:
    """The last version of a document (following ``superseded_by``)."""
    seen = {doc_id}
    while (later := docs[doc_id].superseded_by) is not None and later in docs and later not in seen:
        doc_id = later
        seen.add(doc_id)
    return doc_id
