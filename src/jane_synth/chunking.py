"""Sentence-aligned chunks of page text, tagged with taxonomy entities.

A chunk never crosses a page, so that every chunk has exactly one page to cite, and its text is
exactly ``page.text[start:end]``.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from .ingest.language import detect_language
from .nlp import WINDOW_CHARS, default_nlp, text_windows
from .records import Chunk, Entity, Page, ParsedDocument
from .spacy_import import Doc, Language, Span


def text_hash(text: str) -> str:
    """The content hash that keys the embedding cache."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chunk_id_for(doc_id: str, page: int, start: int, end: int) -> str:
    """The deterministic id of a chunk: its document, page and span."""
    return hashlib.sha256(f"{doc_id}:{page}:{start}:{end}".encode()).hexdigest()[:24]


@dataclass(frozen=True)
class Chunker:
    """Packs whole sentences into chunks of at most ``max_tokens`` tokens.

    A sentence longer than ``max_tokens`` becomes a chunk of its own (the embedding model
    truncates it; BM25 still sees all of it). Chunks shorter than ``min_chars`` (a lone page
    number or heading) are dropped. Each chunk gets its own language label when the language
    identifier is confident (a French paragraph in an English report), else its document's.
    """

    max_tokens: int = 160
    min_chars: int = 25
    language_min_chars: int = 80
    language_min_confidence: float = 0.95
    window_chars: int = WINDOW_CHARS
    """Longer pages reach spaCy in windows of at most this many characters."""
    nlp: Language | None = None

    def _nlp(self) -> Language:
        return self.nlp or default_nlp()

    def chunk_documents(self, documents: Iterable[ParsedDocument]) -> Iterator[Chunk]:
        """Chunks of every page of every document, in order.

        A long page reaches spaCy in windows (:func:`jane_synth.nlp.text_windows`), never whole.
        """
        items = [
            (doc, page, offset, piece)
            for doc in documents
            for page in doc.pages
            if page.text.strip()
            for offset, piece in text_windows(page.text, self.window_chars)
        ]
        texts = (piece for _, _, _, piece in items)
        seq_by_doc: dict[str, int] = {}
        for (doc, page, offset, _), spacy_doc in zip(
            items, self._nlp().pipe(texts, batch_size=32), strict=True
        ):
            for chunk in self._chunks_of_window(doc.doc_id, page, offset, spacy_doc, seq_by_doc):
                language = detect_language(
                    chunk.text,
                    default=doc.meta.language,
                    min_chars=self.language_min_chars,
                    min_confidence=self.language_min_confidence,
                )
                yield replace(chunk, language=language)

    def _sentence_groups(self, spacy_doc: Doc) -> list[list[Span]]:
        """Whole sentences packed into groups of at most ``max_tokens`` tokens."""
        groups: list[list[Span]] = []
        current: list[Span] = []
        tokens = 0
        for sent in spacy_doc.sents:
            if not sent.text.strip():
                continue
            n = len(sent)
            if current and tokens + n > self.max_tokens:
                groups.append(current)
                current, tokens = [], 0
            current.append(sent)
            tokens += n
        if current:
            groups.append(current)
        return groups

    def _chunks_of_window(
        self, doc_id: str, page: Page, offset: int, spacy_doc: Doc, seq_by_doc: dict[str, int]
    ) -> Iterator[Chunk]:
        """Chunks of one window of a page; ``offset`` is where the window starts in the page."""
        all_ents = list(spacy_doc.ents)  # sorted by start; built once, not once per chunk
        starts = [e.start_char for e in all_ents]
        for group in self._sentence_groups(spacy_doc):
            local_start, local_end = group[0].start_char, group[-1].end_char
            start, end = offset + local_start, offset + local_end
            text = page.text[start:end]
            if len(text.strip()) < self.min_chars:
                continue
            inside = all_ents[bisect_left(starts, local_start) : bisect_left(starts, local_end)]
            ents = tuple(
                Entity(
                    e.label_,
                    e.ent_id_,
                    e.text,
                    e.start_char - local_start,
                    e.end_char - local_start,
                )
                for e in inside
                if e.end_char <= local_end
            )
            seq = seq_by_doc.get(doc_id, 0)
            seq_by_doc[doc_id] = seq + 1
            yield Chunk(
                chunk_id=chunk_id_for(doc_id, page.number, start, end),
                doc_id=doc_id,
                page=page.number,
                start=start,
                end=end,
                seq=seq,
                text=text,
                text_hash=text_hash(text),
                entities=ents,
            )
