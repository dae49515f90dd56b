"""Sentences of a retrieved passage, split by the product's sentencizer, with their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..nlp import sentence_doc
from ..records import Chunk

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


def split_passage(chunk: Chunk) -> list[Sentence]:
    """Every non-blank sentence of ``chunk``, stripped, in order (tagged with the chunk's own
    entities, so the EntityRuler does not run again)."""
    out: list[Sentence] = []
    for sent in sentence_doc(chunk.text).sents:
        text = sent.text.strip()
        if not text:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = start + len(text)
        tags = frozenset(
            (e.label, e.slug) for e in chunk.entities if e.start >= start and e.end <= end
        )
        out.append(Sentence(chunk, start, end, text, len(out), tags))
    return out


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
