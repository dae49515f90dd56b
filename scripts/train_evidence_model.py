"""Train the evidence model on SciFact's rationales and write it into the package.

    python scripts/train_evidence_model.py [--corpus ../shared/data/scifact_evidence/corpus.jsonl]
        [--claims ../shared/data/scifact_evidence/claims_train.jsonl]
        [--out src/jane_synth/data/evidence_model.json] [--limit N] [--backend onnx|torch]

The abstracts go through the product's own path (store, chunker, embeddings, search index,
cached under bench/.cache); every claim is a question for the product's EvidenceSelector, whose
candidate sentences, labelled by the rationales, are the training rows. The model file is
deterministic: the same inputs give the same bytes. ``--limit N`` trains on the first N claims
over the abstracts they cite plus the first N abstracts (for tests).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "scifact_evidence"
CACHE = ROOT / "bench" / ".cache"
OUT = ROOT / "src" / "jane_synth" / "data" / "evidence_model.json"

from jane_synth.embedding import Embedder  # noqa: E402
from jane_synth.evidence.labelled import (  # noqa: E402
    Claim,
    LabelledDocument,
    labelled_selector,
    read_claims,
    read_documents,
    training_set,
)
from jane_synth.evidence.model import EvidenceModel  # noqa: E402
from jane_synth.evidence.training import Params, fit  # noqa: E402


def subset(
    docs: list[LabelledDocument],
    claims: list[Claim],
    limit: int | None = None,
    distractors: int | None = None,
) -> tuple[list[LabelledDocument], list[Claim]]:
    """The claims and abstracts to use.

    ``limit``: the first ``limit`` claims, the abstracts they cite and the first ``limit``
    others. ``distractors``: every abstract the claims cite plus that many others, a fixed
    pseudo-random choice (by hash of the id). Neither: everything.
    """
    if limit is not None:
        claims = claims[:limit]
        wanted = {d for c in claims for d in c.cited} | {d.doc_id for d in docs[:limit]}
    elif distractors is not None:
        cited = {d for c in claims for d in c.cited}
        others = sorted((d.doc_id for d in docs if d.doc_id not in cited),
                        key=lambda i: hashlib.sha256(i.encode()).hexdigest())  # fmt: skip
        wanted = cited | set(others[:distractors])
    else:
        return docs, claims
    return [d for d in docs if d.doc_id in wanted], claims


def cache_dir(cache: Path, docs: list[LabelledDocument]) -> Path:
    """One store per document set, so that a subset never touches the full corpus's cache."""
    digest = hashlib.sha256("\n".join(d.doc_id for d in docs).encode()).hexdigest()[:10]
    return cache / f"scifact_evidence-{len(docs)}-{digest}"


def train(
    corpus: Path,
    claims_path: Path,
    cache: Path,
    limit: int | None = None,
    params: Params | None = None,
    distractors: int | None = None,
    backend: str | None = None,
) -> EvidenceModel:
    """Build the training set through the product's selector and fit the model."""
    docs, claims = subset(read_documents(corpus), read_claims(claims_path), limit, distractors)
    embedder = Embedder(backend=backend) if backend else Embedder()
    selector, offsets = labelled_selector(
        docs, cache_dir(cache, docs), embedder, "scifact_evidence"
    )
    try:
        ts, _ = training_set(selector, claims, offsets)
    finally:
        selector.searcher.close()
    extra = {"data": f"{claims_path.name}: {len(claims)} claims over {len(docs)} abstracts",
             "passages": selector.passages, "sentence_vectors": embedder.backend}  # fmt: skip
    return fit(ts, Params(**{**vars(params or Params()), "extra": extra}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DATA / "corpus.jsonl")
    parser.add_argument("--claims", type=Path, default=DATA / "claims_train.jsonl")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--distractors", type=int, default=None,
                        help="only the cited abstracts and this many others (saves CPU)")  # fmt: skip
    parser.add_argument("--backend", default=None,
                        help="bulk embedding backend (default: the product's)")  # fmt: skip
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    model = train(args.corpus, args.claims, args.cache, args.limit, None, args.distractors,
                  args.backend)  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {args.out} (threshold {model.threshold}, {len(model.trees)} trees, "
          f"{model.notes['out_of_fold_at_threshold']}) in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
