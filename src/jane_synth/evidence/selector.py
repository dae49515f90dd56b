"""The evidence selector: the sentences that answer a question, with a probability, or none.

For a question, the product's hybrid search ranks passages (chunks); their sentences (the
product's sentencizer) lose the lines that are never evidence (:mod:`.boilerplate`), are
described by :mod:`.features` and scored by the calibrated :class:`~.model.EvidenceModel`.
Only sentences whose probability reaches the model's threshold are returned, best first, at
most ``cap``: an empty answer means the corpus has nothing that answers the question.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..embedding.onnx_backend import OnnxBackend
from ..records import Chunk
from ..search import Filters, Searcher
from ..search.retrievers import VectorRetriever
from ..threads import limited_threads
from .boilerplate import Verdicts
from .features import Passages, TermStats, features
from .model import EvidenceModel, load_model
from .sentences import PassageSpans, Sentence, is_standalone_statement, sentences_at

# The backend of the question vectors the shipped evidence model was trained with (float ONNX).
QUESTION_BACKEND = OnnxBackend.name

ChunkFilter = Callable[[Chunk], bool]


def encode_question(searcher: Searcher, backend: str, question: str) -> np.ndarray:
    """``question``'s vector from the embedder's ``backend`` (one text, the search thread cap)."""
    with limited_threads(searcher.settings.threads):
        return searcher.embedder.runtime(backend).encode_one(question)


SENTENCE_BATCH = 8
"""Sentences per encoder batch. A passage's sentences range from 5 to 256 tokens and a batch is
padded to its longest: in batches of 64 the few long ones (a run-together table) padded dozens of
short ones, and the bundled briefs took 1.6 times as long. The vectors are the same."""


@dataclass
class SentenceVectors:
    """Sentence embeddings by text, encoded on first use and kept for the process."""

    searcher: Searcher
    cache: dict[str, np.ndarray] = field(default_factory=dict)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts`` (normalised, one row each)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            encoded = self.searcher.embedder.encode(missing, batch_size=SENTENCE_BATCH)
            self.cache.update(zip(missing, encoded, strict=True))
        if not texts:
            return np.zeros((0, self.searcher.embedder.dim), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts])


@dataclass(frozen=True)
class Candidates:
    """The candidate sentences of one question, with their features and vectors."""

    question: str
    sentences: tuple[Sentence, ...]
    features: np.ndarray
    vectors: np.ndarray

    def __len__(self) -> int:
        return len(self.sentences)


@dataclass(frozen=True)
class ScoredSentence:
    """A sentence that passed the threshold, with its probability of being evidence."""

    sentence: Sentence
    probability: float
    vector: np.ndarray = field(compare=False, repr=False)


@dataclass
class EvidenceSelector:
    """Selects, for a question, the sentences of the corpus that are evidence for it.

    ``passages`` is how many ranked passages are read (after ``keep`` and the current-version
    rule); ``cap`` bounds the answer; ``standalone_only`` also drops sentences that cannot be
    quoted on their own (questions, fragments, "This shows ..."), as briefs need.
    """

    searcher: Searcher
    model: EvidenceModel | None = None
    passages: int = 20
    cap: int | None = None
    standalone_only: bool = False
    current_only: bool = True
    vectors: SentenceVectors | None = None
    queries: Callable[[str], np.ndarray] | None = None
    """The question's vector (default: :meth:`encode_question`)."""
    query_backend: str = QUESTION_BACKEND
    spans: PassageSpans | None = None
    """Where passages' sentence spans come from (default: split on first use)."""
    verdicts: Verdicts | None = None
    """Which sentences are never evidence (default: judged on first use)."""
    _split: dict[str, list[Sentence]] = field(default_factory=dict, init=False, repr=False)
    # The same passages come back for many questions: a sentence's verdict depends on its text.
    _usable_text: dict[str, bool] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.vectors = self.vectors or SentenceVectors(self.searcher)
        self.spans = self.spans or PassageSpans()
        self.verdicts = self.verdicts or Verdicts()
        self._stats = TermStats.from_texts(c.text for c in self.searcher.chunks)
        self._current = {
            d.doc_id for d in self.searcher.documents.values() if d.superseded_by is None
        }

    def _model(self) -> EvidenceModel:
        if self.model is None:
            self.model = load_model()
        return self.model

    @property
    def threshold(self) -> float:
        """The probability a sentence must reach (chosen on the training data; see the model)."""
        return self._model().threshold

    @property
    def answer_cap(self) -> int:
        """At most this many sentences answer one question."""
        return self.cap if self.cap is not None else self._model().cap

    def sentences(self, chunk: Chunk) -> list[Sentence]:
        """The sentences of ``chunk``, split once per selector."""
        cached = self._split.get(chunk.chunk_id)
        if cached is None:
            assert self.spans is not None
            cached = self._split[chunk.chunk_id] = sentences_at(chunk, self.spans(chunk))
        return cached

    def _usable(self, s: Sentence) -> bool:
        usable = self._usable_text.get(s.text)
        if usable is None:
            assert self.verdicts is not None
            usable = self._usable_text[s.text] = self.verdicts(s.text) is None and (
                not self.standalone_only or is_standalone_statement(s.text)
            )
        return usable

    def encode_question(self, question: str) -> np.ndarray:
        """The question's vector from ``query_backend``, whatever backend search queries use:
        the evidence model's features were learned with that backend's question vectors."""
        return encode_question(self.searcher, self.query_backend, question)

    def _ranked(
        self, question: str, keep: ChunkFilter | None, filters: Filters | None
    ) -> tuple[np.ndarray, list[tuple[int, float]], np.ndarray]:
        s = self.searcher
        q = self.queries(question) if self.queries is not None else self.encode_question(question)
        scores = {
            name: r.score_vector(q) if isinstance(r, VectorRetriever) else r.score(question)
            for name, r in s.retrievers.items()
        }
        bm25 = scores["bm25"]
        depth = self.passages * 4 if (keep or self.current_only) else self.passages
        ranked = s.rank_scores(scores, depth, s.mask(filters))
        ranked = [
            (row, score)
            for row, score in ranked
            if (not self.current_only or s.chunks[row].doc_id in self._current)
            and (keep is None or keep(s.chunks[row]))
        ]
        return q, ranked[: self.passages], bm25

    def candidates(
        self, question: str, keep: ChunkFilter | None = None, filters: Filters | None = None
    ) -> Candidates:
        """Every usable sentence of the passages retrieved for ``question``, with features."""
        q, ranked, bm25 = self._ranked(question, keep, filters)
        rows = np.array([row for row, _ in ranked], dtype=np.int64)
        sentences: list[Sentence] = []
        passage_of: list[int] = []
        for i, (row, _) in enumerate(ranked):
            for sent in self.sentences(self.searcher.chunks[row]):
                sentences.append(sent)
                passage_of.append(i)
        assert self.vectors is not None
        vectors = self.vectors([x.text for x in sentences])
        at = np.array(passage_of, dtype=np.int64)
        passage_vectors = self.searcher.retrievers["dense"].vectors(rows)
        cos = passage_vectors @ q if passage_vectors is not None else np.zeros(rows.size)
        passages = Passages(
            rank=at.astype(np.float64),
            fused=np.array([score for _, score in ranked])[at] if ranked else np.zeros(0),
            bm25=bm25[rows][at].astype(np.float64),
            cosine=np.asarray(cos, dtype=np.float64)[at],
        )
        matrix = features(question, q, sentences, vectors, passages, self._stats)
        usable = np.array([self._usable(x) for x in sentences], dtype=bool)
        return Candidates(
            question,
            tuple(x for x, u in zip(sentences, usable, strict=True) if u),
            matrix[usable] if sentences else matrix,
            vectors[usable] if sentences else vectors,
        )

    def score(self, candidates: Candidates) -> np.ndarray:
        """The calibrated probability of each candidate."""
        return self._model().probability(candidates.features)

    def choose(self, found: Candidates, model: EvidenceModel | None = None) -> list[ScoredSentence]:
        """The candidates at or above the threshold, best first (ties by position), capped."""
        model = model or self._model()
        probs = model.probability(found.features)
        keys = [f"{s.chunk.chunk_id}:{s.start:08d}" for s in found.sentences]
        order = [i for i in np.lexsort((np.array(keys), -probs)) if probs[i] >= model.threshold]
        cap = self.cap if self.cap is not None else model.cap
        return [
            ScoredSentence(found.sentences[i], float(probs[i]), found.vectors[i])
            for i in order[:cap]
        ]

    def select(
        self, question: str, keep: ChunkFilter | None = None, filters: Filters | None = None
    ) -> list[ScoredSentence]:
        """The sentences that answer ``question`` (possibly none), best first."""
        return self.choose(self.candidates(question, keep, filters))
