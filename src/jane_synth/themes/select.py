"""Select: chunks that are prose take part; source lists (mostly web addresses) do not."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

URL = re.compile(r"(?:https?://|www\.)\S+")


@dataclass
class ReferenceListFilter:
    """Keeps chunks that are prose: a chunk made mostly of web addresses (a source list) would
    otherwise form themes of its own, labelled "https, www, org"."""

    max_url_share: float = 0.35

    def keep(self, texts: Sequence[str]) -> np.ndarray:
        """True for each text whose share of web-address characters is small enough."""
        shares = [sum(len(m) for m in URL.findall(t)) / max(len(t), 1) for t in texts]
        return np.array([s <= self.max_url_share for s in shares], dtype=bool)
