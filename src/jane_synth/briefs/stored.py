"""Briefs built with the sentence vectors of earlier runs, kept in the store.

Most of a brief's time goes into embedding the sentences of its candidate passages. Their
vectors depend on nothing but the text, the model and its backend, so they are kept in the store
(``sentence_vectors``, dropped with the chunk vectors when the backend changes) and a rerun
embeds only sentences it has never seen: those of new or changed documents. Selection and
scoring are the evidence selector's, unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..chunking import text_hash
from ..evidence.selector import SENTENCE_BATCH, SentenceVectors
from ..search import Searcher


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
