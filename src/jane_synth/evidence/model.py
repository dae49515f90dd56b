"""The evidence model: boosted trees with a Platt calibration, stored as plain JSON.

Fitted by ``scripts/train_evidence_model.py`` (scikit-learn's HistGradientBoostingClassifier,
then a logistic calibration of its out-of-fold scores); the trees are written out as arrays
and evaluated here with numpy, so loading runs no pickle and needs no scikit-learn.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

MODEL_FILE = "evidence_model.json"
_BLOCK = 128


@dataclass(frozen=True)
class Tree:
    """One regression tree as parallel arrays; leaves have ``feature == -1``."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, ...]:
        # Built once per tree: the briefs evaluate every tree for each of hundreds of questions.
        return tuple(
            np.asarray(a) for a in (self.feature, self.threshold, self.left, self.right, self.value)
        )

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The leaf value reached by each row of ``x`` (``value <= threshold`` goes left)."""
        feature, threshold, left, right, value = self._arrays
        node = np.zeros(x.shape[0], dtype=np.int64)
        rows = np.arange(x.shape[0])
        while True:
            inner = feature[node] >= 0
            if not inner.any():
                return np.asarray(value[node])
            f = np.where(inner, feature[node], 0)
            goes_left = x[rows, f] <= threshold[node]
            node = np.where(inner, np.where(goes_left, left[node], right[node]), node)


@dataclass(frozen=True)
class EvidenceModel:
    """P(sentence is evidence for the question) from the feature vector, and the threshold.

    ``probability = 1 / (1 + exp(-(scale * raw + offset)))`` where ``raw`` is the boosted
    trees' log-odds. ``threshold`` and ``cap`` are the decision rule chosen on the training
    data; ``notes`` records how.
    """

    name: str
    version: str
    feature_names: tuple[str, ...]
    baseline: float
    trees: tuple[Tree, ...]
    scale: float
    offset: float
    threshold: float
    cap: int
    notes: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def _forest(self) -> tuple[np.ndarray, ...]:
        # Every tree's nodes in one set of arrays (child indices shifted by the tree's offset),
        # so that all trees descend together: one numpy step per level, not per tree and level.
        sizes = np.array([len(t.feature) for t in self.trees], dtype=np.int64)
        offsets = np.r_[0, np.cumsum(sizes)[:-1]].astype(np.int64)
        shifted = np.repeat(offsets, sizes)

        def joined(name: str) -> np.ndarray:
            return np.concatenate([np.asarray(getattr(t, name)) for t in self.trees])

        feature = joined("feature")
        leaf = feature < 0
        left = np.where(leaf, 0, joined("left") + shifted)
        right = np.where(leaf, 0, joined("right") + shifted)
        return offsets, feature, joined("threshold"), left, right, joined("value")

    def leaf_values(self, x: np.ndarray) -> np.ndarray:
        """The value of the leaf each row reaches in each tree, shape ``(rows, trees)``."""
        roots, feature, threshold, left, right, value = self._forest
        node = np.broadcast_to(roots, (x.shape[0], roots.size)).copy()
        rows = np.arange(x.shape[0])[:, None]
        while True:
            at = feature[node]
            inner = at >= 0
            if not inner.any():
                return np.asarray(value[node])
            goes_left = x[rows, np.where(inner, at, 0)] <= threshold[node]
            node = np.where(inner, np.where(goes_left, left[node], right[node]), node)

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The uncalibrated log-odds of each row."""
        out = np.full(x.shape[0], self.baseline, dtype=np.float64)
        if not self.trees or x.shape[0] == 0:
            return out
        # Blocks of rows keep the (rows x trees) index arrays small; rows are independent.
        for start in range(0, x.shape[0], _BLOCK):
            leaves = self.leaf_values(x[start : start + _BLOCK])
            # Tree by tree, in order: the same float sums as adding each tree's output in turn.
            for column in leaves.T:
                out[start : start + _BLOCK] += column
        return out

    def probability(self, x: np.ndarray) -> np.ndarray:
        """The calibrated probability of each row."""
        if x.shape[0] == 0:
            return np.zeros(0)
        if x.shape[1] != len(self.feature_names):
            raise ValueError(f"expected {len(self.feature_names)} features, got {x.shape[1]}")
        z = self.scale * self.raw(x) + self.offset
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def to_json(self) -> str:
        """Deterministic JSON (sorted keys, shortest exact float repr)."""
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str) -> EvidenceModel:
        """Read a model written by :meth:`to_json`."""
        data = json.loads(text)
        trees = tuple(Tree(**{k: tuple(v) for k, v in t.items()}) for t in data.pop("trees"))
        data["feature_names"] = tuple(data["feature_names"])
        return cls(trees=trees, **data)


def bundled_model_path() -> Path:
    """The model file shipped in the package."""
    return Path(str(resources.files("jane_synth") / "data" / MODEL_FILE))


def load_model(path: Path | None = None) -> EvidenceModel:
    """The shipped model (or the one at ``path``)."""
    return EvidenceModel.from_json((path or bundled_model_path()).read_text("utf-8"))
