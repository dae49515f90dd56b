"""Features of (question, candidate sentence) pairs, from what the product already computes.

Dense cosines (question against the sentence, its passage and its neighbours), BM25 of the
sentence and of its passage with the product's tokenizer, the passage's fused score and rank,
positions, length, numbers, taxonomy tags, and word, number and name overlap. Everything is
vectorised over the candidates of one question and deterministic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import count, pairwise

import numpy as np

from ..search.tokenize import terms_of
from .sentences import Sentence

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NAME = re.compile(r"\b[A-Za-z]*[A-Z][A-Za-z]*\d*[A-Z0-9][\w-]*|\b[A-Z][a-z]+\d+\w*")
_K1, _B, _SENTENCE_TERMS = 1.2, 0.75, 20.0

FEATURE_NAMES: tuple[str, ...] = (
    # dense
    "cos_sentence", "cos_passage", "cos_prev", "cos_next", "cos_minus_passage_best",
    "cos_rank_in_passage", "cos_minus_best", "cos_rank", "cos_best", "cos_minus_doc_best",
    "cos_sentence_x_passage",
    # lexical
    "bm25_sentence", "bm25_sentence_share", "bm25_passage", "term_overlap", "idf_overlap",
    "shared_numbers", "shared_names", "bigram_overlap",
    # passage and position
    "fused_score", "fused_minus_best", "passage_rank", "doc_rank", "sentence_index",
    "sentences_after", "passage_seq", "first_of_document",
    # the sentence itself
    "n_chars", "n_terms", "n_numbers", "has_percent", "n_taxonomy_tags",
)  # fmt: skip


@dataclass(frozen=True)
class TermStats:
    """Document frequencies of index terms over the searched passages (for sentence BM25)."""

    n_docs: int
    df: dict[str, int]

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> TermStats:
        """Count, for each term, how many of ``texts`` contain it."""
        df: Counter[str] = Counter()
        n = 0
        for text in texts:
            df.update(set(terms_of(text)))
            n += 1
        return cls(n, dict(df))

    def idf(self, term: str) -> float:
        """Lucene's BM25 idf (never negative)."""
        df = self.df.get(term, 0)
        return math.log(1.0 + (self.n_docs - df + 0.5) / (df + 0.5))


@dataclass(frozen=True)
class Passages:
    """Per candidate sentence, the values of the passage it comes from."""

    rank: np.ndarray  # position of the passage in the hybrid ranking (0 = best)
    fused: np.ndarray  # fused hybrid score
    bm25: np.ndarray  # BM25 score of the passage
    cosine: np.ndarray  # dense cosine of question and passage


def _ranks_desc(values: np.ndarray) -> np.ndarray:
    """0-based rank of each value in descending order (ties by position)."""
    order = np.lexsort((np.arange(values.size), -values))
    ranks = np.empty(values.size, dtype=np.float64)
    ranks[order] = np.arange(values.size)
    return ranks


def _group_max(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """For each row, the maximum of ``values`` over the rows of its group."""
    out = np.full(int(groups.max()) + 1, -np.inf)
    np.maximum.at(out, groups, values)
    result: np.ndarray = out[groups]
    return result


def _group_rank(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """For each row, its 0-based descending rank of ``values`` within its group."""
    order = np.lexsort((np.arange(values.size), -values, groups))
    ranks = np.empty(values.size, dtype=np.float64)
    sorted_groups = groups[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_groups)) + 1]
    first = np.repeat(starts, np.diff(np.r_[starts, values.size]))
    ranks[order] = np.arange(values.size) - first
    return ranks


def _ids(keys: Sequence[str]) -> np.ndarray:
    index: dict[str, int] = {}
    return np.array([index.setdefault(k, len(index)) for k in keys], dtype=np.int64)


def _neighbour_cosines(sentences: Sequence[Sentence], cos: np.ndarray) -> np.ndarray:
    """Cosine of the question with the previous and the next sentence of the same passage."""
    row_of = {(s.chunk.chunk_id, s.index): i for i, s in enumerate(sentences)}
    out = np.zeros((len(sentences), 2))
    for i, s in enumerate(sentences):
        for j, step in enumerate((-1, 1)):
            other = row_of.get((s.chunk.chunk_id, s.index + step))
            out[i, j] = cos[other] if other is not None else 0.0
    return out


def _dense(
    q: np.ndarray, vectors: np.ndarray, sentences: Sequence[Sentence], passages: Passages
) -> np.ndarray:
    cos = (vectors @ q).astype(np.float64)
    chunks = _ids([s.chunk.chunk_id for s in sentences])
    docs = _ids([s.chunk.doc_id for s in sentences])
    best = float(cos.max())
    return np.column_stack([
        cos, passages.cosine, _neighbour_cosines(sentences, cos),
        cos - _group_max(cos, chunks), _group_rank(cos, chunks), cos - best, _ranks_desc(cos),
        np.full(cos.size, best), cos - _group_max(cos, docs), cos * passages.cosine,
    ])  # fmt: skip


def _bigrams(terms: Sequence[str]) -> frozenset[tuple[str, str]]:
    return frozenset(pairwise(terms))


@dataclass(frozen=True)
class _Profile:
    """What the lexical features need of one sentence, computed once per text."""

    n_terms: int
    tf: Counter[str]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    names: frozenset[str]
    term_ids: np.ndarray  # the ids (:func:`_term_id`) of the distinct terms in ``tf``
    counts: np.ndarray  # their counts, as floats


# Every term met gets a number for the life of the process, so that a sentence's counts can be
# looked up as arrays; ``next`` of a counter keeps them distinct when threads meet new terms.
_TERM_IDS: dict[str, int] = {}
_NEXT_TERM_ID = count()


def _term_id(term: str) -> int:
    found = _TERM_IDS.get(term)
    return found if found is not None else _TERM_IDS.setdefault(term, next(_NEXT_TERM_ID))


@lru_cache(maxsize=65536)
def _sentence_terms(text: str) -> tuple[str, ...]:
    """A sentence's terms; memoised, since one passage serves many questions."""
    return tuple(terms_of(text))


@lru_cache(maxsize=65536)
def _profile(text: str) -> _Profile:
    terms = _sentence_terms(text)
    tf = Counter(terms)
    return _Profile(
        len(terms), tf, _bigrams(terms),
        frozenset(_NUMBER.findall(text)), frozenset(_NAME.findall(text)),
        np.array([_term_id(t) for t in tf], dtype=np.int64),
        np.array(list(tf.values()), dtype=np.float64),
    )  # fmt: skip


def _term_counts(profiles: Sequence[_Profile], terms: Sequence[str]) -> np.ndarray:
    """``(len(profiles), len(terms))``: how often each sentence has each term."""
    out = np.zeros((len(profiles), len(terms)))
    known = [(_TERM_IDS[t], j) for j, t in enumerate(terms) if t in _TERM_IDS]
    if not known or not profiles:
        return out
    q_ids, q_cols = (np.array(x, dtype=np.int64) for x in zip(*sorted(known), strict=True))
    ids = np.concatenate([p.term_ids for p in profiles])
    counts = np.concatenate([p.counts for p in profiles])
    rows = np.repeat(np.arange(len(profiles)), [p.term_ids.size for p in profiles])
    at = np.minimum(np.searchsorted(q_ids, ids), q_ids.size - 1)
    hit = q_ids[at] == ids
    out[rows[hit], q_cols[at[hit]]] = counts[hit]
    return out


def _sequential_sum(columns: np.ndarray) -> np.ndarray:
    """Each row's sum, added column by column from the left (``np.sum`` adds pairwise)."""
    if columns.shape[1] == 0:
        return np.zeros(columns.shape[0])
    total: np.ndarray = np.add.accumulate(columns, axis=1)[:, -1]
    return total


def _lexical(
    question: str, sentences: Sequence[Sentence], passages: Passages, stats: TermStats
) -> np.ndarray:
    q_terms = terms_of(question)
    # Sorted, so that every float sum below adds in the same order in every process.
    q_unique = sorted(set(q_terms))
    idf = {t: stats.idf(t) for t in q_unique}
    idf_total = sum(idf[t] for t in q_unique) or 1.0
    q_bigrams = _bigrams(q_terms)
    q_numbers = frozenset(_NUMBER.findall(question))
    q_names = frozenset(_NAME.findall(question))
    profiles = [_profile(s.text) for s in sentences]
    n_terms = np.array([p.n_terms for p in profiles], dtype=np.float64)
    norm = _K1 * (1 - _B + _B * n_terms / _SENTENCE_TERMS)
    tf = _term_counts(profiles, q_unique)
    q_idf = np.array([idf[t] for t in q_unique], dtype=np.float64)
    has = tf > 0
    # A term the sentence lacks adds exactly 0.0; accumulate adds left to right, like sum().
    bm25 = _sequential_sum(q_idf * tf * (_K1 + 1) / (tf + norm[:, None]))
    idf_shared = _sequential_sum(np.where(has, q_idf, 0.0))
    n_shared = has.sum(axis=1)

    def overlap(ours: frozenset[str] | frozenset[tuple[str, str]], field: str) -> np.ndarray:
        if not ours:
            return np.zeros(len(profiles))
        return np.array([len(ours & getattr(p, field)) for p in profiles], dtype=np.float64)

    share = bm25 / max(float(bm25.max()), 1e-9)
    return np.column_stack([
        bm25, share, passages.bm25, n_shared / max(1, len(q_unique)), idf_shared / idf_total,
        overlap(q_numbers, "numbers"), overlap(q_names, "names"),
        overlap(q_bigrams, "bigrams") / max(1, len(q_bigrams)),
    ])  # fmt: skip


def _position(sentences: Sequence[Sentence], passages: Passages) -> np.ndarray:
    chunks = _ids([s.chunk.chunk_id for s in sentences])
    docs = _ids([s.chunk.doc_id for s in sentences])
    index = np.array([s.index for s in sentences], dtype=np.float64)
    last = _group_max(index, chunks)
    seq = np.array([s.chunk.seq for s in sentences], dtype=np.float64)
    # Documents in the order of their best passage.
    doc_rank = np.unique(-_group_max(-passages.rank, docs), return_inverse=True)[1]
    return np.column_stack([
        passages.fused, passages.fused - float(passages.fused.max()), passages.rank,
        doc_rank, index, last - index, seq, (seq == 0) & (index == 0),
    ])  # fmt: skip


@lru_cache(maxsize=65536)
def _text_values(text: str) -> tuple[int, int, int, bool]:
    return len(text), len(_sentence_terms(text)), len(_NUMBER.findall(text)), "%" in text


def _own(sentences: Sequence[Sentence]) -> np.ndarray:
    return np.array([(*_text_values(s.text), len(s.tags)) for s in sentences], dtype=np.float64)


def features(
    question: str,
    question_vector: np.ndarray,
    sentences: Sequence[Sentence],
    vectors: np.ndarray,
    passages: Passages,
    stats: TermStats,
) -> np.ndarray:
    """The feature matrix ``(len(sentences), len(FEATURE_NAMES))`` of one question's candidates."""
    if not sentences:
        return np.zeros((0, len(FEATURE_NAMES)))
    out = np.hstack([
        _dense(question_vector, vectors, sentences, passages),
        _lexical(question, sentences, passages, stats),
        _position(sentences, passages),
        _own(sentences),
    ])  # fmt: skip
    assert out.shape[1] == len(FEATURE_NAMES)
    return out
