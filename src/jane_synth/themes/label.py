"""Label: keyphrases per cluster by class-based TF-IDF (terms frequent in it, rare elsewhere)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .select import URL
from .stop_words import ENGLISH_STOP_WORDS

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

# Words every document of this corpus uses (the programme, its networks, the disease, the
# EU, dates): they tell one theme from another as little as "the" does. Taken from the
# taxonomy's names of the Joint Action, the network kinds and the NoEs themselves.
DOMAIN_STOP_WORDS = frozenset((
    "jane", "jane-", "jane-2", "joint", "action", "network", "networks", "expertise", "noe", "noes",
    "european", "europe", "eu", "cancer", "cancers", "ern", "erns", "int", "commission",
    "member", "states", "state", "also", "within", "including", "use", "used", "new", "well",
    "may", "one", "two", "three", "seven", "per", "cent", "etc", "e.g", "i.e", "million",
    "year", "years", "january", "february", "march", "april", "june", "july", "august",
    "september", "october", "november", "december",
))  # fmt: skip


_WORD = re.compile(r"\b[a-z][a-z+\-]{2,}\b")
STOP_WORDS = ENGLISH_STOP_WORDS | _OTHER_STOP_WORDS | DOMAIN_STOP_WORDS


def phrases(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """The word n-grams of ``text`` that are counted, as scikit-learn's ``CountVectorizer``
    with this module's token pattern and stop words makes them: lower-cased words of three or
    more letters (``+`` and ``-`` allowed after the first), stop words removed before the
    n-grams are formed."""
    words = [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]
    low, high = ngram_range
    return [
        " ".join(words[i : i + n])
        for n in range(low, min(high, len(words)) + 1)
        for i in range(len(words) - n + 1)
    ]


def phrase_counts(
    texts: Sequence[str], ngram_range: tuple[int, int], min_df: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """``(terms, counts)``: the phrases in at least ``min_df`` of ``texts`` in sorted order,
    and one row of counts per text."""
    per_text = [Counter(phrases(t, ngram_range)) for t in texts]
    df = Counter(term for counts in per_text for term in counts)
    terms = sorted(t for t, n in df.items() if n >= min_df)
    column = {t: j for j, t in enumerate(terms)}
    matrix = np.zeros((len(texts), len(terms)), dtype=np.float64)
    for row, counts in enumerate(per_text):
        for term, n in counts.items():
            if term in column:
                matrix[row, column[term]] = n
    return np.array(terms, dtype=object), matrix


@dataclass
class ClassTfidfLabeler:
    """Top keyphrases per cluster by class-based TF-IDF (uni- and bigrams), generic words of
    the domain left out; the label is the best two or three of them."""

    top_n: int = 8
    ngram_range: tuple[int, int] = (1, 2)
    min_df: int = 1
    label_terms: int = 3

    def keyphrases(self, texts: Sequence[str], labels: np.ndarray) -> dict[int, list[str]]:
        """Up to ``top_n`` phrases per label, best first, none contained in another."""
        clusters = sorted(set(labels.tolist()))
        joined = [
            URL.sub(" ", " ".join(t for t, lab in zip(texts, labels, strict=True) if lab == c))
            for c in clusters
        ]
        terms, counts = phrase_counts(joined, self.ngram_range, self.min_df)
        if not len(terms):
            return {c: [] for c in clusters}
        tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
        avg_words = counts.sum() / len(clusters)
        idf = np.log(1 + avg_words / np.maximum(counts.sum(axis=0), 1))
        scores = tf * idf
        n_words = np.array([t.count(" ") + 1 for t in terms])
        return {c: self._pick(terms, scores[row], n_words) for row, c in enumerate(clusters)}

    def _pick(self, terms: np.ndarray, scores: np.ndarray, n_words: np.ndarray) -> list[str]:
        # Best score first; on ties the longer phrase, then alphabetical.
        order = np.lexsort((terms, -n_words, -np.round(scores, 12)))
        picked: list[str] = []
        for i in order:
            term = str(terms[i])
            if scores[i] <= 0 or len(picked) == self.top_n:
                break
            # A phrase and a word inside it say the same: keep the first seen.
            if any(_overlaps(term, p) for p in picked):
                continue
            picked.append(term)
        return picked

    def label(self, keyphrases: Sequence[str]) -> str:
        """A short readable label: the best phrases joined, e.g. "palliative care / hospice"."""
        return " / ".join(keyphrases[: self.label_terms])


def _overlaps(a: str, b: str) -> bool:
    """Whether two phrases share a word, counting "grant" and "grants" as one."""
    wa, wb = ({w.rstrip("s") for w in p.split()} for p in (a, b))
    return bool(wa & wb)
