"""Sentences of a retrieved passage, split by the product's sentencizer, with their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.metadata import version

from ..chunking import text_hash
from ..nlp import sentence_doc
from ..records import Chunk

SPLITTER = f"spacy-{version('spacy')}-sentencizer-1"
"""Names the sentence splitting (spaCy's version and the rules below), so that spans kept from
an earlier run are used only while splitting would give the same; bump on any change."""

Span = tuple[int, int]

_ANAPHORIC_START = re.compile(r"^(This|These|That|Those|It|They|Such|Both|Its|Their)\b")
_HAS_VERB_LIKE = re.compile(r"\b(is|are|was|were|has|have|had|will|can|should|must|\w+(ed|es|s))\b")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a chunk: ``chunk.text[start:end] == text`` (offsets relative to the chunk)."""

    chunk: Chunk
    start: int
    end: int
    text: str
    index: int  # position among the chunk's sentences
    tags: frozenset[tuple[str, str]]  # (label, slug) of taxonomy entities inside the sentence

    def slugs(self, label: str) -> frozenset[str]:
        """Slugs of the taxonomy entities with ``label`` inside the sentence."""
        return frozenset(slug for lab, slug in self.tags if lab == label)


def sentence_spans(text: str) -> tuple[Span, ...]:
    """``(start, end)`` of every non-blank sentence of ``text``, stripped, in order."""
    out: list[Span] = []
    for sent in sentence_doc(text).sents:
        stripped = sent.text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        out.append((start, start + len(stripped)))
    return tuple(out)


def sentences_at(chunk: Chunk, spans: tuple[Span, ...]) -> list[Sentence]:
    """The sentences of ``chunk`` at ``spans`` (from :func:`sentence_spans` of its text), tagged
    with the chunk's own entities, so the EntityRuler does not run again."""
    out = []
    for index, (start, end) in enumerate(spans):
        tags = frozenset(
            (e.label, e.slug) for e in chunk.entities if e.start >= start and e.end <= end
        )
        out.append(Sentence(chunk, start, end, chunk.text[start:end], index, tags))
    return out


def split_passage(chunk: Chunk) -> list[Sentence]:
    """Every non-blank sentence of ``chunk``, stripped, in order (tagged with the chunk's own
    entities, so the EntityRuler does not run again)."""
    return sentences_at(chunk, sentence_spans(chunk.text))


@dataclass
class PassageSpans:
    """Sentence spans of passage texts by text hash, split on first use and kept."""

    spans: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    split: int = 0  # texts split by this object (not found in ``spans``)

    def __call__(self, chunk: Chunk) -> tuple[Span, ...]:
        key = text_hash(chunk.text)  # not ``chunk.text_hash``: hand-made chunks may leave it out
        found = self.spans.get(key)
        if found is None:
            found = self.spans[key] = sentence_spans(chunk.text)
            self.split += 1
        return found


def is_standalone_statement(text: str, min_chars: int = 50, max_chars: int = 420) -> bool:
    """Whether a sentence can be quoted on its own in a brief.

    Complete declarative sentences of a sensible length only: no questions, headings or list
    fragments, nothing that starts mid-sentence, and no sentence whose subject is in the
    previous one ("This shows ...").
    """
    if not (min_chars <= len(text) <= max_chars):
        return False
    if not text.endswith((".", ".)", '."')) or "?" in text or "\n" in text:
        return False
    if not _HAS_VERB_LIKE.search(text.lower()):
        return False
    return (text[0].isupper() or text[0].isdigit()) and not _ANAPHORIC_START.match(text)
