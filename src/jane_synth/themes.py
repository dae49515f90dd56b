"""Recurring themes: a pipeline of small, swappable stages in the style of BERTopic.

    chunks -> select (drop reference lists) -> reduce (PCA) -> cluster (k-means, k by
    silhouette) -> label (class TF-IDF) -> represent (chunks nearest the centroid, from distinct
    documents)

Each stage is an object with ``fit``/``fit_predict``-style methods, so any of them can be
replaced (for example an agglomerative clusterer) without touching the others. Seeds are fixed:
the same inputs give the same themes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.metrics import silhouette_score

from .records import Theme

SEED = 42
_URL = re.compile(r"(?:https?://|www\.)\S+")
# Function words of the other corpus languages, so that a French or German cluster is not
# labelled "les, der, und".
_OTHER_STOP_WORDS = frozenset((
    "les", "des", "une", "pour", "dans", "par", "sur", "est", "sont", "avec", "aux", "qui", "que",
    "plus", "ces", "cette", "entre",  # French
    "der", "die", "das", "und", "den", "dem", "ein", "eine", "mit", "von", "für", "sich", "nicht",
    "auch", "bei",  # German
    "della", "delle", "degli", "per", "con", "una", "sono", "nel", "nella", "che", "dei", "gli",  # Italian
    "los", "las", "por", "para", "del", "sus", "como",  # Spanish
))  # fmt: skip


@dataclass
class ReferenceListFilter:
    """Keeps chunks that are prose: a chunk made mostly of web addresses (a source list) would
    otherwise form themes of its own, labelled "https, www, org"."""

    max_url_share: float = 0.35

    def keep(self, texts: Sequence[str]) -> np.ndarray:
        shares = [sum(len(m) for m in _URL.findall(t)) / max(len(t), 1) for t in texts]
        return np.array([s <= self.max_url_share for s in shares], dtype=bool)


@dataclass
class PCAReducer:
    """Project embeddings onto their first principal components (identity when few rows)."""

    n_components: int = 32
    seed: int = SEED

    def fit_transform(self, embeddings: np.ndarray) -> np.ndarray:
        n = min(self.n_components, embeddings.shape[0] - 1, embeddings.shape[1])
        if n < 2:
            return embeddings
        reduced = PCA(n_components=n, random_state=self.seed).fit_transform(embeddings)
        norms = np.linalg.norm(reduced, axis=1, keepdims=True)
        return reduced / np.maximum(norms, 1e-12)


@dataclass
class KMeansClusterer:
    """k-means with k chosen by the best silhouette among ``candidates`` (capped by rows)."""

    candidates: Sequence[int] = (6, 8, 10, 12, 14, 16, 20, 24)
    seed: int = SEED
    chosen_k: int | None = field(default=None, init=False)

    def fit_predict(self, points: np.ndarray) -> np.ndarray:
        n = points.shape[0]
        ks = [k for k in self.candidates if 2 <= k < n] or ([min(2, n)] if n >= 2 else [1])
        if ks == [1]:
            self.chosen_k = 1
            return np.zeros(n, dtype=int)
        best: tuple[float, int, np.ndarray] | None = None
        sample = min(n, 4000)
        for k in ks:
            labels = KMeans(n_clusters=k, n_init=4, random_state=self.seed).fit_predict(points)
            score = silhouette_score(points, labels, sample_size=sample, random_state=self.seed)
            if best is None or score > best[0] + 1e-9:
                best = (score, k, labels)
        assert best is not None
        self.chosen_k = best[1]
        return best[2]


@dataclass
class ClassTfidfLabeler:
    """Top keyphrases per cluster by class-based TF-IDF (terms frequent in it, rare elsewhere)."""

    top_n: int = 6
    ngram_range: tuple[int, int] = (1, 3)
    min_df: int = 1

    def keyphrases(self, texts: Sequence[str], labels: np.ndarray) -> dict[int, list[str]]:
        clusters = sorted(set(labels.tolist()))
        joined = [
            _URL.sub(" ", " ".join(t for t, lab in zip(texts, labels, strict=True) if lab == c))
            for c in clusters
        ]
        vectorizer = CountVectorizer(
            ngram_range=self.ngram_range,
            stop_words=sorted(ENGLISH_STOP_WORDS | _OTHER_STOP_WORDS),
            min_df=self.min_df,
            token_pattern=r"(?u)\b[A-Za-z][A-Za-z+\-]{2,}\b",
        )
        try:
            counts = vectorizer.fit_transform(joined).toarray().astype(np.float64)
        except ValueError:  # no vocabulary at all
            return {c: [] for c in clusters}
        terms = vectorizer.get_feature_names_out()
        tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
        avg_words = counts.sum() / len(clusters)
        idf = np.log(1 + avg_words / np.maximum(counts.sum(axis=0), 1))
        scores = tf * idf
        out: dict[int, list[str]] = {}
        for row, c in enumerate(clusters):
            n_words = np.array([t.count(" ") + 1 for t in terms])
            # Best score first; on ties the longer phrase, then alphabetical.
            order = np.lexsort((terms, -n_words, -np.round(scores[row], 12)))
            picked: list[str] = []
            for i in order:
                term = str(terms[i])
                if scores[row, i] <= 0:
                    break
                # Skip a phrase contained in one already picked, and vice versa.
                if any(term in p or p in term for p in picked):
                    continue
                picked.append(term)
                if len(picked) == self.top_n:
                    break
            out[c] = picked
        return out


@dataclass
class CentroidRepresenter:
    """The chunks nearest a cluster's centroid, at most one per document."""

    n_representatives: int = 3

    def representatives(
        self, embeddings: np.ndarray, labels: np.ndarray, doc_ids: Sequence[str], cluster: int
    ) -> list[int]:
        rows = np.flatnonzero(labels == cluster)
        centroid = embeddings[rows].mean(axis=0)
        similarity = embeddings[rows] @ centroid
        picked: list[int] = []
        seen_docs: set[str] = set()
        for i in rows[np.lexsort((rows, -similarity))]:
            if doc_ids[i] in seen_docs:
                continue
            seen_docs.add(doc_ids[i])
            picked.append(int(i))
            if len(picked) == self.n_representatives:
                break
        return picked


@dataclass
class ThemeModel:
    """The theme pipeline; swap any stage by passing another object with the same method."""

    selector: ReferenceListFilter = field(default_factory=ReferenceListFilter)
    reducer: PCAReducer = field(default_factory=PCAReducer)
    clusterer: KMeansClusterer = field(default_factory=KMeansClusterer)
    labeler: ClassTfidfLabeler = field(default_factory=ClassTfidfLabeler)
    representer: CentroidRepresenter = field(default_factory=CentroidRepresenter)

    def fit(
        self,
        chunk_ids: Sequence[str],
        texts: Sequence[str],
        embeddings: np.ndarray,
        doc_ids: Sequence[str],
    ) -> tuple[list[Theme], dict[str, int]]:
        """Themes, largest first (ids 0..n-1), and the theme id of every clustered chunk
        (chunks the selector drops have no theme)."""
        keep = self.selector.keep(texts) if len(texts) else np.zeros(0, dtype=bool)
        if not keep.any():
            return [], {}
        rows = np.flatnonzero(keep)
        chunk_ids = [chunk_ids[i] for i in rows]
        texts = [texts[i] for i in rows]
        doc_ids = [doc_ids[i] for i in rows]
        embeddings = embeddings[rows]
        labels = self.clusterer.fit_predict(self.reducer.fit_transform(embeddings))
        phrases = self.labeler.keyphrases(texts, labels)
        clusters = sorted(set(labels.tolist()), key=lambda c: (-(labels == c).sum(), c))
        renumber = {c: i for i, c in enumerate(clusters)}
        themes = []
        for c in clusters:
            rows = np.flatnonzero(labels == c)
            reps = self.representer.representatives(embeddings, labels, doc_ids, c)
            keyphrases = tuple(phrases.get(c, []))
            themes.append(
                Theme(
                    theme_id=renumber[c],
                    label=", ".join(keyphrases[:3]) or f"theme {renumber[c]}",
                    keyphrases=keyphrases,
                    size=int(rows.size),
                    n_documents=len({doc_ids[i] for i in rows}),
                    representative_chunk_ids=tuple(chunk_ids[i] for i in reps),
                )
            )
        assignment = {chunk_ids[i]: renumber[int(lab)] for i, lab in enumerate(labels)}
        return themes, assignment
