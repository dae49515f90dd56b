"""Evidence selection on SciFact's rationales: precision, recall and F1 at sentence level.

    python bench/evidence.py --corpus ../shared/data/scifact_evidence/corpus.jsonl \\
        --claims ../shared/data/scifact_evidence/claims_train.jsonl --predictions OUT.jsonl --json

The abstracts go through the product's path (store, chunker, embeddings, search index, cached
under bench/.cache). Each claim is a question for the product's EvidenceSelector over the whole
corpus; the learned model is scored by 5-fold cross-validation by claim: the model, its
calibration and its threshold are fitted on four folds only (the threshold inside them, on
out-of-fold probabilities) and answer the fifth. A predicted sentence is correct when it is a
rationale sentence of that claim in that abstract; recall is over all rationale sentences.

Baselines on the same candidates: ``baseline_dense_top1`` (the most similar sentence by MiniLM
cosine among the top 10 hybrid-retrieved abstracts, never abstaining) and
``baseline_dense_threshold`` (the same with a cosine threshold and cap tuned on all claims).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np
from _common import CACHE, log

from jane_synth.embedding import Embedder
from jane_synth.evidence.features import FEATURE_NAMES
from jane_synth.evidence.labelled import (
    Claim,
    labelled_selector,
    read_claims,
    read_documents,
    training_set,
)
from jane_synth.evidence.selector import Candidates, EvidenceSelector
from jane_synth.evidence.training import Params, TrainingSet, fit, folds, picked, scores

TOP_DOCS = 10


def rounded(figures: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in figures.items()}


def cross_validated(
    selector: EvidenceSelector, ts: TrainingSet, found: list[Candidates], k: int, seed: int
) -> tuple[np.ndarray, np.ndarray, list[dict]]:
    """Chosen rows, probabilities and per-fold notes, each claim answered by a model that
    never saw it."""
    start = np.r_[0, np.cumsum([len(c) for c in found])]
    mask, probs, notes = np.zeros(ts.y.size, dtype=bool), np.zeros(ts.y.size), []
    for i, held in enumerate(folds(ts.n_gold.size, k, seed)):
        rest = np.setdiff1d(np.arange(ts.n_gold.size), held)
        model = fit(ts.subset(rest), Params(seed=seed))
        notes.append({"fold": i, "threshold": model.threshold, "claims": int(held.size)})
        for q in held:
            cands = found[q]
            probs[start[q] : start[q + 1]] = model.probability(cands.features)
            row_of = {id(s): start[q] + j for j, s in enumerate(cands.sentences)}
            for chosen in selector.choose(cands, model):
                mask[row_of[id(chosen.sentence)]] = True
        log(f"fold {i}: threshold {model.threshold}")
    return mask, probs, notes


def baselines(ts: TrainingSet) -> dict[str, dict[str, float]]:
    """Dense cosine baselines over the candidates of the top 10 abstracts."""
    cos = ts.x[:, FEATURE_NAMES.index("cos_sentence")]
    in_top = ts.x[:, FEATURE_NAMES.index("doc_rank")] < TOP_DOCS
    cos = np.where(in_top, cos, -np.inf)
    top1 = scores(picked(cos, ts.group, -1.0, 1), ts)
    best: dict[str, float] = {"f1": -1.0}
    for cap in (1, 2, 3):
        for t in np.round(np.arange(0.2, 0.951, 0.01), 2):
            s = scores(picked(cos, ts.group, float(t), cap), ts)
            if s["f1"] > best["f1"] + 1e-12:
                best = {**s, "threshold": float(t), "cap": cap}
    return {"baseline_dense_top1": rounded(top1), "baseline_dense_threshold": rounded(best)}


def calibration(probs: np.ndarray, y: np.ndarray) -> dict[str, object]:
    """Brier score and a reliability table of the cross-validated probabilities."""
    bins = np.minimum((probs * 10).astype(int), 9)
    table = [
        {"bin": f"{b / 10:.1f}-{(b + 1) / 10:.1f}", "n": int((bins == b).sum()),
         "mean_p": round(float(probs[bins == b].mean()), 3),
         "evidence_rate": round(float(y[bins == b].mean()), 3)}
        for b in range(10) if (bins == b).any()
    ]  # fmt: skip
    return {"brier": round(float(np.mean((probs - y) ** 2)), 4), "reliability": table}


def write_predictions(path: Path, claims: list[Claim], found: list[Candidates], mask, probs):
    start = np.r_[0, np.cumsum([len(c) for c in found])]
    with path.open("w", encoding="utf-8") as fh:
        for q, claim in enumerate(claims):
            rows = np.flatnonzero(mask[start[q] : start[q + 1]])
            rows = rows[np.argsort(-probs[start[q] + rows], kind="stable")]
            evidence = [
                {
                    "doc_id": found[q].sentences[r].chunk.doc_id,
                    "sentence": found[q].sentences[r].text,
                }
                for r in rows
            ]
            fh.write(json.dumps({"id": claim.claim_id, "evidence": evidence}) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--claims", type=Path, required=True)
    parser.add_argument("--predictions", type=Path, required=True)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--distractors", type=int, default=None,
        help="only the abstracts the claims cite and this many others (default: all)",
    )  # fmt: skip
    parser.add_argument("--backend", default=None,
                        help="bulk embedding backend (default: the product's)")  # fmt: skip
    args = parser.parse_args(argv)

    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from train_evidence_model import cache_dir, subset

    t0 = time.perf_counter()
    docs, claims = subset(
        read_documents(args.corpus), read_claims(args.claims), distractors=args.distractors
    )
    embedder = Embedder(backend=args.backend) if args.backend else Embedder()
    selector, offsets = labelled_selector(
        docs, cache_dir(args.cache, docs), embedder, "scifact_evidence"
    )
    ts, found = training_set(selector, claims, offsets)
    log(f"{ts.y.size} candidate sentences, {int(ts.y.sum())} of them evidence")
    mask, probs, notes = cross_validated(selector, ts, found, args.folds, args.seed)
    write_predictions(args.predictions, claims, found, mask, probs)
    selector.searcher.close()
    result: dict[str, object] = {
        **rounded(scores(mask, ts)),
        "claims": len(claims),
        "abstracts": len(docs),
        "claims_without_evidence": int((ts.n_gold == 0).sum()),
        **baselines(ts),
        "evidence_among_candidates": round(float(ts.y.sum() / ts.n_gold.sum()), 4),
        "cross_validation": {"folds": notes, "by": "claim", "seed": args.seed},
        "calibration": calibration(probs, ts.y),
        "passages_per_question": selector.passages,
        "bulk_backend": embedder.backend,
        "cap": Params().cap,
        "seconds": round(time.perf_counter() - t0, 1),
        "load_average": round(os.getloadavg()[0], 2),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print({k: result[k] for k in ("precision", "recall", "f1", "no_evidence_abstained")})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
