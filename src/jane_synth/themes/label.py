"""Label: keyphrases per cluster by class-based TF-IDF (terms frequent in it, rare elsewhere)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from .select import URL

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
class ClassTfidfLabeler:
    """Top keyphrases per cluster by class-based TF-IDF (terms frequent in it, rare elsewhere)."""

    top_n: int = 6
    ngram_range: tuple[int, int] = (1, 3)
    min_df: int = 1

    def keyphrases(self, texts: Sequence[str], labels: np.ndarray) -> dict[int, list[str]]:
        """Up to ``top_n`` phrases per label, none contained in another."""
        clusters = sorted(set(labels.tolist()))
        joined = [
            URL.sub(" ", " ".join(t for t, lab in zip(texts, labels, strict=True) if lab == c))
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
