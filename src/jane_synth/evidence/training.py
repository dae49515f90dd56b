"""Fitting the evidence model and choosing its decision rule, with the figures that judge it.

A training set is one row per (question, candidate sentence) with the selector's features,
a 0/1 label, the question's group id and, per question, how many evidence sentences exist
(recall counts the ones retrieval missed too).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .features import FEATURE_NAMES
from .model import EvidenceModel, Tree

MODEL_NAME = "jane-evidence-hgb"
MODEL_VERSION = "1"
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.01), 2)


@dataclass(frozen=True)
class TrainingSet:
    """Rows of candidate features with labels; ``group`` numbers the questions 0..n-1."""

    x: np.ndarray
    y: np.ndarray
    group: np.ndarray
    n_gold: np.ndarray  # per question: evidence sentences in the corpus

    def subset(self, questions: np.ndarray) -> TrainingSet:
        """The rows of some questions, renumbered 0..len(questions)-1."""
        questions = np.asarray(questions)
        new = np.full(self.n_gold.size, -1)
        new[questions] = np.arange(questions.size)
        keep = new[self.group] >= 0
        return TrainingSet(
            self.x[keep], self.y[keep], new[self.group[keep]], self.n_gold[questions]
        )


@dataclass(frozen=True)
class Params:
    """Boosting settings (fixed, not tuned per fold) and the answer's cap."""

    max_iter: int = 150
    learning_rate: float = 0.06
    max_leaf_nodes: int = 15
    min_samples_leaf: int = 40
    l2_regularization: float = 1.0
    calibration_folds: int = 3
    cap: int = 3
    seed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _boost(ts: TrainingSet, p: Params) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(
        max_iter=p.max_iter,
        learning_rate=p.learning_rate,
        max_leaf_nodes=p.max_leaf_nodes,
        min_samples_leaf=p.min_samples_leaf,
        l2_regularization=p.l2_regularization,
        early_stopping=False,
        random_state=p.seed,
    )
    return clf.fit(ts.x, ts.y)


def _trees(clf: Any) -> tuple[float, tuple[Tree, ...]]:
    """The baseline log-odds and the trees of a fitted binary HistGradientBoostingClassifier."""
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            Tree(
                feature=tuple(int(f) for f in np.where(leaf, -1, nodes["feature_idx"])),
                threshold=tuple(float(t) for t in np.where(leaf, 0.0, nodes["num_threshold"])),
                left=tuple(int(v) for v in np.where(leaf, 0, nodes["left"])),
                right=tuple(int(v) for v in np.where(leaf, 0, nodes["right"])),
                value=tuple(float(v) for v in np.where(leaf, nodes["value"], 0.0)),
            )
        )
    return float(np.ravel(clf._baseline_prediction)[0]), tuple(trees)


def _platt(raw: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6, max_iter=1000).fit(raw.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def folds(n_questions: int, k: int, seed: int) -> list[np.ndarray]:
    """``k`` disjoint sets of question ids, a fixed random split."""
    order = np.random.default_rng(seed).permutation(n_questions)
    return [np.sort(order[i::k]) for i in range(k)]


def _uncalibrated(ts: TrainingSet, p: Params) -> EvidenceModel:
    baseline, trees = _trees(_boost(ts, p))
    return EvidenceModel(MODEL_NAME, MODEL_VERSION, FEATURE_NAMES, baseline, trees, 1.0, 0.0,
                         0.5, p.cap)  # fmt: skip


def out_of_fold_raw(ts: TrainingSet, p: Params) -> np.ndarray:
    """Each row's raw score from a model fitted without its question (``calibration_folds``)."""
    raw = np.zeros(ts.y.size)
    for held in folds(ts.n_gold.size, p.calibration_folds, p.seed):
        rest = np.setdiff1d(np.arange(ts.n_gold.size), held)
        model = _uncalibrated(ts.subset(rest), p)
        rows = np.isin(ts.group, held)
        raw[rows] = model.raw(ts.x[rows])
    return raw


def fit(ts: TrainingSet, p: Params) -> EvidenceModel:
    """Boosted trees on all rows, calibrated and thresholded on out-of-fold scores.

    The threshold is the one (0.05 to 0.95 by 0.01) that maximises sentence-level F1 of the
    capped answers over the training questions, computed on out-of-fold probabilities.
    """
    raw = out_of_fold_raw(ts, p)
    scale, offset = _platt(raw, ts.y)
    probs = 1.0 / (1.0 + np.exp(-(scale * raw + offset)))
    threshold, curve = choose_threshold(probs, ts, p.cap)
    full = _uncalibrated(ts, p)
    notes = {
        "threshold_rule": (
            "maximises sentence-level F1 (at most cap sentences per question, none allowed) "
            f"over {ts.n_gold.size} training questions, on out-of-fold probabilities "
            f"({p.calibration_folds}-fold by question); thresholds 0.05-0.95 by 0.01"
        ),
        "calibration": "Platt scaling of out-of-fold boosted log-odds",
        "training_rows": int(ts.y.size),
        "training_positives": int(ts.y.sum()),
        "out_of_fold_at_threshold": curve,
        "params": {k: v for k, v in vars(p).items() if k != "extra"} | p.extra,
    }
    return EvidenceModel(MODEL_NAME, MODEL_VERSION, FEATURE_NAMES, full.baseline, full.trees,
                         scale, offset, threshold, p.cap, notes)  # fmt: skip


def picked(probs: np.ndarray, group: np.ndarray, threshold: float, cap: int) -> np.ndarray:
    """Mask of the rows chosen: per question, the ``cap`` best at or above ``threshold``."""
    order = np.lexsort((np.arange(probs.size), -probs, group))
    g = group[order]
    starts = np.r_[0, np.flatnonzero(np.diff(g)) + 1] if g.size else np.zeros(0, dtype=int)
    first = np.repeat(starts, np.diff(np.r_[starts, g.size]))
    within = np.arange(g.size) - first
    mask = np.zeros(probs.size, dtype=bool)
    mask[order] = (within < cap) & (probs[order] >= threshold)
    return mask


def scores(mask: np.ndarray, ts: TrainingSet) -> dict[str, float]:
    """Sentence-level precision, recall, F1 and the share of no-evidence questions abstained."""
    tp = float(ts.y[mask].sum())
    n_pred = float(mask.sum())
    n_gold = float(ts.n_gold.sum())
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    answered = np.bincount(ts.group[mask], minlength=ts.n_gold.size) > 0
    empty = ts.n_gold == 0
    abstained = float((~answered[empty]).mean()) if empty.any() else 1.0
    return {"precision": precision, "recall": recall, "f1": f1, "no_evidence_abstained": abstained}


def choose_threshold(
    probs: np.ndarray, ts: TrainingSet, cap: int
) -> tuple[float, dict[str, float]]:
    """The threshold with the best F1 (the lowest on ties) and the figures it gives."""
    best_t, best = float(THRESHOLDS[0]), {"f1": -1.0}
    for t in THRESHOLDS:
        s = scores(picked(probs, ts.group, float(t), cap), ts)
        if s["f1"] > best["f1"] + 1e-12:
            best_t, best = float(t), s
    return best_t, {k: round(v, 4) for k, v in best.items()}
