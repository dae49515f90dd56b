"""Briefs built with the sentence vectors of earlier runs, kept in the store.

Most of a brief's time goes into embedding the sentences of its candidate passages. Their
vectors depend on nothing but the text, the model and its backend, so they are kept in the store
(``sentence_vectors``, dropped with the chunk vectors when the backend changes) and a rerun
embeds only sentences it has never seen: those of new or changed documents. The same holds for
the questions' vectors, the passages' sentence spans and which sentences are never evidence.
Selection and scoring are the evidence selector's, unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..chunking import text_hash
from ..embedding.export import EXPORT_VERSION, INT8_VERSION
from ..evidence.boilerplate import RULES_DIGEST, Verdicts
from ..evidence.selector import (
    QUESTION_BACKEND,
    SENTENCE_BATCH,
    SentenceVectors,
    encode_question,
)
from ..evidence.sentences import SPLITTER, PassageSpans, Span
from ..search import Searcher
from ..store import Store


@dataclass
class StoredSentenceVectors(SentenceVectors):
    """Sentence vectors read from the searcher's store when an earlier run made them; the
    others are embedded and stored. ``seen`` holds the hash of every sentence asked for."""

    model: str = ""
    embedded: int = 0
    seen: set[str] = field(default_factory=set)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        wanted = [t for t in dict.fromkeys(texts) if t not in self.cache]
        hashes = {t: text_hash(t) for t in wanted}
        self.seen.update(hashes.values())
        if wanted:
            store = self.searcher.store
            found = store.sentence_vectors(self.model, list(hashes.values()))
            self.cache.update((t, found[h]) for t, h in hashes.items() if h in found)
            missing = [t for t in wanted if t not in self.cache]
            if missing:
                encoded = self.searcher.embedder.encode(missing, batch_size=SENTENCE_BATCH)
                store.put_sentence_vectors(self.model, [hashes[t] for t in missing], encoded)
                self.cache.update(zip(missing, encoded, strict=True))
                self.embedded += len(missing)
        return super().__call__(texts)


def stored_vector_counts(searcher: Searcher, vectors: StoredSentenceVectors) -> dict[str, int]:
    """After a build: drop the stored sentence vectors it did not ask for, and count sentences
    embedded now, reused, and vectors dropped."""
    dropped = searcher.store.keep_sentence_vectors(vectors.model, sorted(vectors.seen))
    return {
        "sentences_embedded": vectors.embedded,
        "sentences_reused": len(vectors.seen) - vectors.embedded,
        "sentence_vectors_dropped": dropped,
    }


@dataclass
class StoredQueryVectors:
    """Question vectors read from the store when an earlier run encoded the same question with
    the same query backend; the others are encoded now and stored by :meth:`save`.

    The briefs ask the same few hundred questions (the taxonomy's) on every run, so a rerun
    need not encode them, nor load the query encoder, again.
    """

    searcher: Searcher
    backend: str = QUESTION_BACKEND
    encoded: int = 0
    seen: set[str] = field(default_factory=set)
    _cache: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False)
    _new: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def for_searcher(
        cls, searcher: Searcher, backend: str = QUESTION_BACKEND
    ) -> StoredQueryVectors:
        """The question vectors of ``searcher``'s store made by ``backend``."""
        return cls(searcher, backend)

    @property
    def key(self) -> str:
        """Where they are stored: the embedder's model, the backend and the export's versions."""
        return query_vector_key(self.searcher.embedder.name, self.backend)

    def __call__(self, text: str) -> np.ndarray:
        vector = self._cache.get(text)
        if vector is None:
            digest = text_hash(text)
            self.seen.add(digest)
            vector = self.searcher.store.sentence_vectors(self.key, [digest]).get(digest)
            if vector is None:
                vector = np.asarray(
                    encode_question(self.searcher, self.backend, text), dtype=np.float32
                )
                self._new[digest] = vector
                self.encoded += 1
            self._cache[text] = vector
        return vector

    def save(self) -> dict[str, int]:
        """Store the questions encoded now, drop those no longer asked; return the counts."""
        if self._new:
            self.searcher.store.put_sentence_vectors(
                self.key, list(self._new), np.vstack(list(self._new.values()))
            )
            self._new.clear()
        dropped = self.searcher.store.keep_sentence_vectors(self.key, sorted(self.seen))
        return {
            "questions_encoded": self.encoded,
            "questions_reused": len(self.seen) - self.encoded,
            "question_vectors_dropped": dropped,
        }


def query_vector_key(model: str, backend: str) -> str:
    """The store key of question vectors: model, backend and the export's versions."""
    return f"{model}#query:{backend}:e{EXPORT_VERSION}i{INT8_VERSION}"


@dataclass
class StoredPassageSpans(PassageSpans):
    """The sentence spans of passages split by an earlier run (``passage_sentences``, under
    :data:`~jane_synth.evidence.sentences.SPLITTER`), read once; the others are split now and
    kept by :meth:`save`. Splitting the ~700 passages the briefs read took a few seconds of
    every rerun; only a new or changed document's are split again."""

    store: Store | None = None

    def __post_init__(self) -> None:
        if self.store is not None:
            self.spans.update(self.store.passage_spans(SPLITTER))
        self._stored = set(self.spans)

    def save(self) -> dict[str, int]:
        """Keep the spans split now, drop those of texts no chunk has; and count them."""
        assert self.store is not None
        new: dict[str, tuple[Span, ...]] = {
            h: s for h, s in self.spans.items() if h not in self._stored
        }
        self.store.put_passage_spans(SPLITTER, new)
        self._stored.update(new)
        dropped = self.store.keep_passage_spans(SPLITTER)
        return {"passages_split": self.split, "passage_spans_dropped": dropped}


@dataclass
class StoredVerdicts(Verdicts):
    """Which sentences are never evidence, as an earlier run judged them under the same rules
    (``sentence_verdicts``, under :data:`~jane_synth.evidence.boilerplate.RULES_DIGEST`), read
    once; the others are judged now and kept by :meth:`save`. Judging the ~3,000 candidate
    sentences of the bundled briefs took about 0.5 s of every rerun."""

    store: Store | None = None

    def __post_init__(self) -> None:
        if self.store is not None:
            self.reasons.update(self.store.sentence_verdicts(RULES_DIGEST))
        self._stored = set(self.reasons)

    def save(self) -> dict[str, int]:
        """Keep the verdicts made now, drop those of sentences this build did not read."""
        assert self.store is not None
        new = {h: r for h, r in self.reasons.items() if h not in self._stored}
        self.store.put_sentence_verdicts(RULES_DIGEST, new)
        self._stored.update(new)
        dropped = self.store.keep_sentence_verdicts(RULES_DIGEST, sorted(self.seen))
        return {"sentences_judged": self.judged, "sentence_verdicts_dropped": dropped}
