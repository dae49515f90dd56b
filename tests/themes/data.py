"""Three well separated groups of 20 unit vectors, and texts that name each group."""

from __future__ import annotations

import numpy as np


def blobs(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = np.eye(8)[:3] * 3
    points = np.concatenate([c + rng.normal(scale=0.1, size=(20, 8)) for c in centres])
    return points / np.linalg.norm(points, axis=1, keepdims=True)


TEXTS = (
    ["palliative care services and hospice coverage"] * 20
    + ["genomic sequencing and NGS panels for omics"] * 20
    + ["ERN funding grants and EU4Health budgets"] * 20
)
IDS = [f"c{i}" for i in range(60)]
DOCS = [f"d{i % 7}" for i in range(60)]
