"""Theme quality against known classes: the product's embedder and theme pipeline on a CSV.

    python bench/themes.py --csv FILE --text-col COL --label-col COL --json

The texts are embedded with the product's :class:`~jane_synth.embedding.Embedder` (vectors
cached under ``bench/.cache/themes``, keyed by the texts' hash, so only the first run embeds)
and clustered by :class:`~jane_synth.themes.ThemeModel` with its default settings, which is
never told the number of classes. In the same run, on the same vectors, k-means told the true
number of classes gives the baseline. Scores: V-measure, NMI and ARI of the broad themes (the
top level of the hierarchy, what a reader sees first) and of the sub-themes, the number of
themes, and the share of texts left unassigned (counted as one extra cluster in the scores).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache" / "themes"
sys.path.insert(0, str(ROOT / "src"))

from _common import print_result  # noqa: E402

from jane_synth.config import use_offline_model  # noqa: E402

use_offline_model()


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def read_csv(path: Path, text_col: str, label_col: str) -> tuple[list[str], list[str]]:
    """Texts and their class labels, rows with an empty text left out."""
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row[text_col].strip():
                texts.append(row[text_col].strip())
                labels.append(row[label_col].strip())
    return texts, labels


def embeddings(texts: list[str], cache: Path = CACHE) -> np.ndarray:
    """The product's vectors of ``texts``, read from the cache when it has them."""
    from jane_synth.embedding import MODEL_NAME, Embedder

    key = hashlib.sha256("\x00".join([MODEL_NAME, *texts]).encode("utf-8")).hexdigest()[:20]
    path = cache / f"{key}.npy"
    if path.exists():
        return np.load(path)
    t0 = time.perf_counter()
    vectors = Embedder().encode(texts)
    log(f"embedded {len(texts)} texts in {time.perf_counter() - t0:.0f} s")
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def scores(truth: list[str], predicted: list[str]) -> dict[str, float]:
    """V-measure, NMI and ARI of ``predicted`` (unassigned texts are one more cluster)."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, v_measure_score

    return {
        "v_measure": round(float(v_measure_score(truth, predicted)), 4),
        "nmi": round(float(normalized_mutual_info_score(truth, predicted)), 4),
        "ari": round(float(adjusted_rand_score(truth, predicted)), 4),
    }


def _top(theme: int, parent: dict[int, int | None]) -> int:
    above = parent.get(theme)
    return theme if above is None else above


def run(texts: list[str], truth: list[str], vectors: np.ndarray) -> dict[str, object]:
    """The product's themes and the k-means baseline on the same vectors."""
    from sklearn.cluster import KMeans

    from jane_synth.themes import ChunkInput, ThemeModel

    ids = [f"t{i}" for i in range(len(texts))]
    t0 = time.perf_counter()
    model = ThemeModel()
    fit = model.fit(ChunkInput(ids, texts, vectors, ids))
    seconds = time.perf_counter() - t0
    parent = {t.theme_id: t.parent for t in fit.themes}
    leaf = [str(fit.assignment.get(i, -1)) for i in ids]
    top = [str(_top(fit.assignment.get(i, -1), parent)) for i in ids]
    k = len(set(truth))
    baseline = KMeans(n_clusters=k, n_init=4, random_state=42).fit_predict(vectors)
    top_level = sum(1 for t in fit.themes if t.parent is None)
    return {
        **scores(truth, top),
        "n_themes": top_level,
        "unassigned_fraction": round(fit.unassigned_fraction(), 4),
        "baseline_kmeans_true_k": scores(truth, [str(b) for b in baseline])["v_measure"],
        "true_k": k,
        "sub_themes": {
            **scores(truth, leaf),
            "n_themes": len(fit.themes)
            - sum(1 for t in fit.themes if any(s.parent == t.theme_id for s in fit.themes)),
        },
        "chosen_k": getattr(model.clusterer, "chosen_k", None),
        "k_scores": getattr(model.clusterer, "scores", None),
        "labels": {str(t.theme_id): t.label for t in fit.themes if t.parent is None},
        "texts": len(texts),
        "theme_seconds": round(seconds, 1),
        "load_average": round(os.getloadavg()[0], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("--text-col", required=True)
    parser.add_argument("--label-col", required=True)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where vectors are kept")
    args = parser.parse_args(argv)
    texts, truth = read_csv(args.csv, args.text_col, args.label_col)
    result = run(texts, truth, embeddings(texts, args.cache))
    print_result(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
