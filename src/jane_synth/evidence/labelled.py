"""A corpus with sentence-level evidence labels (SciFact's layout) through the product's path.

Each abstract becomes a one-page document (title, a newline, then its given sentences joined
by spaces), so that the product's chunker, embeddings and search index see it as they would
any text file. The product's sentencizer mostly finds the given sentences; each of its
sentences is mapped to the given sentence it overlaps most, by page offsets.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..chunking import text_hash
from ..config import OutputLayout
from ..embedding import Embedder
from ..pipeline import chunk_pending, embed_pending
from ..records import Chunk, DocumentMeta, IngestOutcome, Page, ParsedDocument
from ..search import Searcher, build_search_index
from ..store import Store
from .selector import Candidates, EvidenceSelector, SentenceVectors
from .sentences import Sentence, split_passage
from .training import TrainingSet


@dataclass(frozen=True)
class LabelledDocument:
    """An abstract: id, title and its given sentences."""

    doc_id: str
    title: str
    sentences: tuple[str, ...]

    def page(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        """The page text and the ``(start, end)`` of each given sentence in it."""
        text = self.title.strip() + "\n"
        offsets = []
        for s in self.sentences:
            s = s.strip()
            offsets.append((len(text), len(text) + len(s)))
            text += s + " "
        return text.rstrip(), tuple(offsets)


@dataclass(frozen=True)
class Claim:
    """A question with its evidence: ``doc_id -> indices of given sentences``."""

    claim_id: int
    text: str
    evidence: dict[str, frozenset[int]]
    cited: tuple[str, ...] = ()  # the abstracts the claim cites (evidence or not)

    @property
    def n_gold(self) -> int:
        """How many evidence sentences the corpus holds for it."""
        return sum(len(v) for v in self.evidence.values())


def _jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_documents(path: Path) -> list[LabelledDocument]:
    """The abstracts of a ``corpus.jsonl`` (``doc_id``, ``title``, ``sentences``)."""
    return [
        LabelledDocument(str(r["doc_id"]), r.get("title", ""), tuple(r["sentences"]))
        for r in _jsonl(path)
    ]


def read_claims(path: Path) -> list[Claim]:
    """The claims of a ``claims_*.jsonl`` file, in file order."""
    out = []
    for r in _jsonl(path):
        evidence = {
            str(doc): frozenset(i for ann in anns for i in ann["sentences"])
            for doc, anns in r.get("evidence", {}).items()
        }
        cited = tuple(dict.fromkeys([*map(str, r.get("cited_doc_ids", [])), *evidence]))
        out.append(Claim(int(r["id"]), r["claim"], evidence, cited))
    return out


def _record(store: Store, docs: Sequence[LabelledDocument], prefix: str) -> int:
    known = store.file_hashes()
    stored = 0
    for doc in docs:
        text, _ = doc.page()
        path, sha = f"{prefix}/{doc.doc_id}", text_hash(text)
        if known.get(path) == sha:
            continue
        meta = DocumentMeta(title=doc.title or doc.doc_id, language="en")
        parsed = ParsedDocument(doc.doc_id, path, "txt", meta, [Page(1, text)])
        store.record(IngestOutcome(path, "ingested", "", 1, len(text), "en", doc.doc_id), sha,
                     parsed)  # fmt: skip
        stored += 1
    return stored


def build_output(
    docs: Sequence[LabelledDocument], root: Path, embedder: Embedder, prefix: str = "labelled"
) -> OutputLayout:
    """An output folder holding exactly ``docs``: stored, chunked, embedded and indexed.

    Kept between runs: unchanged documents are not stored, chunked or embedded again, and
    documents no longer in ``docs`` are forgotten.
    """
    layout = OutputLayout(root)
    wanted = {f"{prefix}/{d.doc_id}" for d in docs}
    with Store(layout.store) as store:
        stale = [p for p in store.file_hashes() if p not in wanted]
        store.remove_files(stale)
        changed = _record(store, docs, prefix) + len(stale)
        chunk_pending(store)
        embedded, _, _ = embed_pending(store, embedder)
        if changed or embedded or not (layout.bm25_dir / "chunk_ids.txt").is_file():
            build_search_index(store, layout)
    return layout


def given_index(sentence: Sentence, offsets: Sequence[tuple[int, int]]) -> int | None:
    """The given sentence that ``sentence`` overlaps most (``None``: only the title)."""
    a = sentence.chunk.start + sentence.start
    b = sentence.chunk.start + sentence.end
    best, overlap = None, 0
    for i, (start, end) in enumerate(offsets):
        o = min(b, end) - max(a, start)
        if o > overlap:
            best, overlap = i, o
    return best


def labels(
    sentences: Iterable[Sentence], claim: Claim, offsets: dict[str, tuple[tuple[int, int], ...]]
) -> np.ndarray:
    """1 for each sentence that is an evidence sentence of ``claim`` in its abstract."""
    out = []
    for s in sentences:
        wanted = claim.evidence.get(s.chunk.doc_id)
        out.append(wanted is not None and given_index(s, offsets[s.chunk.doc_id]) in wanted)
    return np.array(out, dtype=np.int64)


def sentence_vectors(
    chunks: Iterable[Chunk], embedder: Embedder, cache_file: Path
) -> dict[str, np.ndarray]:
    """Vectors of every sentence of ``chunks``, kept in ``cache_file`` (``.npz``) by text hash."""
    texts = sorted({s.text for c in chunks for s in split_passage(c)})
    keys = [hashlib.sha256(t.encode()).hexdigest()[:20] for t in texts]
    known: dict[str, np.ndarray] = {}
    if cache_file.is_file():
        with np.load(cache_file) as data:
            known = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    missing = [(k, t) for k, t in zip(keys, texts, strict=True) if k not in known]
    if missing:
        missing.sort(key=lambda kt: (-len(kt[1]), kt[0]))
        vectors = embedder.encode([t for _, t in missing], batch_size=128)
        known.update(zip([k for k, _ in missing], vectors, strict=True))
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        order = sorted(known)
        np.savez(cache_file, keys=np.array(order), vectors=np.stack([known[k] for k in order]))
    return {t: known[k] for k, t in zip(keys, texts, strict=True)}


def training_set(
    selector: EvidenceSelector,
    claims: Sequence[Claim],
    offsets: dict[str, tuple[tuple[int, int], ...]],
) -> tuple[TrainingSet, list[Candidates]]:
    """The selector's candidates for every claim, as labelled feature rows (and the candidates)."""
    xs, ys, groups, found = [], [], [], []
    for i, claim in enumerate(claims):
        c = selector.candidates(claim.text)
        xs.append(c.features)
        ys.append(labels(c.sentences, claim, offsets))
        groups.append(np.full(len(c), i, dtype=np.int64))
        found.append(c)
    ts = TrainingSet(
        np.vstack(xs),
        np.concatenate(ys),
        np.concatenate(groups),
        np.array([c.n_gold for c in claims], dtype=np.int64),
    )
    return ts, found


def labelled_selector(
    docs: Sequence[LabelledDocument],
    cache_dir: Path,
    embedder: Embedder,
    prefix: str = "labelled",
    **options: Any,
) -> tuple[EvidenceSelector, dict[str, tuple[tuple[int, int], ...]]]:
    """A selector over ``docs`` (built and cached in ``cache_dir``) and each document's offsets.

    Sentence vectors are computed once for the whole corpus and cached beside the store.
    """
    layout = build_output(docs, cache_dir, embedder, prefix)
    searcher = Searcher.open(layout.root, embedder=embedder)
    # One cache file per bulk backend: vectors of two backends are never mixed.
    cache = sentence_vectors(
        searcher.chunks, embedder, cache_dir / f"sentences-{embedder.backend}.npz"
    )
    selector = EvidenceSelector(searcher, vectors=SentenceVectors(searcher, cache), **options)
    return selector, {d.doc_id: d.page()[1] for d in docs}
