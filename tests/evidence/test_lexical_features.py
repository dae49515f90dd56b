"""The vectorised lexical features equal, bit for bit, the per-sentence loop they replaced."""

from __future__ import annotations

import numpy as np
import pytest

from jane_synth.evidence import EvidenceSelector
from jane_synth.evidence import features as F
from jane_synth.search import Searcher
from jane_synth.taxonomy import load_taxonomy

pytestmark = pytest.mark.slow


def reference_lexical(question, sentences, passages, stats):  # type: ignore[no-untyped-def]
    """The implementation before vectorising (commit 8f735e9), kept as the oracle."""
    q_terms = F.terms_of(question)
    q_unique = sorted(set(q_terms))
    idf = {t: stats.idf(t) for t in q_unique}
    idf_total = sum(idf[t] for t in q_unique) or 1.0
    q_bigrams = F._bigrams(q_terms)
    q_numbers = frozenset(F._NUMBER.findall(question))
    q_names = frozenset(F._NAME.findall(question))
    rows = np.zeros((len(sentences), 6))
    for i, s in enumerate(sentences):
        p = F._profile(s.text)
        shared = [t for t in q_unique if t in p.tf]
        norm = F._K1 * (1 - F._B + F._B * p.n_terms / F._SENTENCE_TERMS)
        rows[i] = (
            sum(idf[t] * p.tf[t] * (F._K1 + 1) / (p.tf[t] + norm) for t in shared),
            len(shared) / max(1, len(q_unique)),
            sum(idf[t] for t in shared) / idf_total,
            len(q_numbers & p.numbers),
            len(q_names & p.names),
            len(q_bigrams & p.bigrams) / max(1, len(q_bigrams)),
        )
    bm25 = rows[:, 0]
    share = bm25 / max(float(bm25.max()), 1e-9)
    return np.column_stack([bm25, share, passages.bm25, rows[:, 1:]])


def test_lexical_features_are_those_of_the_loop_on_real_candidates(
    indexed_fixture, embedder, monkeypatch
):
    calls = []
    real = F._lexical

    def recording(*args):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(F, "_lexical", recording)
    taxonomy = load_taxonomy()
    questions = [d.description for d in taxonomy.dimensions]
    questions += [n.description for n in taxonomy.noe_domains] + ["ERN", "", "20% of 2024"]
    _, layout = indexed_fixture
    with Searcher.open(layout.root, embedder=embedder) as searcher:
        selector = EvidenceSelector(searcher)
        for question in questions:
            selector.candidates(question)
    assert len(calls) == len(questions) and sum(len(c[1]) for c in calls) > 100
    for args in calls:
        assert real(*args).tobytes() == reference_lexical(*args).tobytes(), args[0]
