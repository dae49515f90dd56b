"""What each corpus-level stage last ran on (input fingerprints), and the briefs' caches:
sentence vectors, the sentence spans of passages and which sentences are never evidence.

A stage records a digest of its inputs when it finishes; the next run computes the digest
again and skips the stage's work when it is unchanged. The digests read the tables as they are
(:meth:`StagesPart.table_digest`), so nothing upstream has to be trusted to say what it changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from .base import StoreBase

# The rows each digest reads, in a fixed order; vectors are named by (text hash, model) only,
# since the vectors of one text by one model and backend are one (``vector_backends`` is read).
DIGEST_QUERIES: dict[str, tuple[str, ...]] = {
    "documents": ("SELECT * FROM documents ORDER BY doc_id",),
    "chunks": (
        'SELECT chunk_id, doc_id, page, start, "end", seq, text_hash, entities, language '
        "FROM chunks ORDER BY rowid",
    ),
    "embeddings": (
        "SELECT model, backend FROM vector_backends ORDER BY model",
        "SELECT text_hash, model, dim FROM embeddings ORDER BY text_hash, model",
    ),
    "themes": (
        "SELECT theme_id, label, keyphrases, size, n_documents, representatives, parent "
        "FROM themes ORDER BY theme_id",
        "SELECT chunk_id, theme_id FROM chunk_themes ORDER BY chunk_id",
    ),
}


class StagesPart(StoreBase):
    """The ``stage_inputs``, ``sentence_vectors``, ``passage_sentences`` and ``sentence_verdicts``
    tables."""

    def table_digest(self, name: str) -> str:
        """A sha256 of the rows of one group of tables (a key of ``DIGEST_QUERIES``)."""
        digest = hashlib.sha256(name.encode())
        for sql in DIGEST_QUERIES[name]:
            for row in self.conn.execute(sql):
                digest.update(repr(tuple(row)).encode())
        return digest.hexdigest()

    def stage_fingerprint(self, stage: str) -> str | None:
        """The input fingerprint ``stage`` recorded when it last finished (None: never)."""
        row = self.conn.execute(
            "SELECT fingerprint FROM stage_inputs WHERE stage = ?", (stage,)
        ).fetchone()
        return None if row is None else str(row["fingerprint"])

    def set_stage_fingerprint(
        self, stage: str, fingerprint: str, parts: Mapping[str, str] | None = None
    ) -> None:
        """Record the inputs ``stage`` just ran on (``parts``: a digest per input, so that the
        next run can say which changed)."""
        with self.transaction() as conn:
            conn.execute(
                self.dialect.upsert("stage_inputs", ("stage", "fingerprint", "parts"), ("stage",)),
                (stage, fingerprint, json.dumps(dict(parts or {}), sort_keys=True)),
            )

    def stage_parts(self, stage: str) -> dict[str, str]:
        """The digest of each input ``stage`` last ran on (empty: none recorded)."""
        row = self.conn.execute(
            "SELECT parts FROM stage_inputs WHERE stage = ?", (stage,)
        ).fetchone()
        return {} if row is None else dict(json.loads(row["parts"] or "{}"))

    def forget_stage(self, stage: str) -> None:
        """Forget what ``stage`` ran on, so that it runs in full next time."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM stage_inputs WHERE stage = ?", (stage,))

    def sentence_vectors(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those sentence hashes that have one for ``model``."""
        out: dict[str, np.ndarray] = {}
        wanted = list(dict.fromkeys(hashes))
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            rows = self.conn.execute(
                "SELECT text_hash, vector FROM sentence_vectors WHERE model = ? AND text_hash IN "
                f"({','.join('?' * len(part))})",
                (model, *part),
            )
            out.update((r["text_hash"], np.frombuffer(r["vector"], dtype=np.float32)) for r in rows)
        return out

    def put_sentence_vectors(
        self, model: str, hashes: Sequence[str], vectors: npt.ArrayLike
    ) -> None:
        """Cache one vector per sentence hash for ``model``."""
        matrix = np.asarray(vectors, dtype=np.float32)
        with self.transaction() as conn:
            conn.executemany(
                self.dialect.upsert(
                    "sentence_vectors", ("text_hash", "model", "vector"), ("text_hash", "model")
                ),
                [(h, model, v.tobytes()) for h, v in zip(hashes, matrix, strict=True)],
            )

    def keep_sentence_vectors(self, model: str, hashes: Sequence[str]) -> int:
        """Drop the cached sentence vectors of ``model`` not in ``hashes``; return how many."""
        with self.transaction() as conn:
            self._keep_hashes(conn, hashes)
            cursor = conn.execute(
                "DELETE FROM sentence_vectors WHERE model = ? AND text_hash NOT IN "
                "(SELECT h FROM keep_hashes)",
                (model,),
            )
            return int(cursor.rowcount)

    def _keep_hashes(self, conn: Any, hashes: Sequence[str]) -> None:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep_hashes (h TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM keep_hashes")
        conn.executemany(self.dialect.insert_new("keep_hashes", ("h",)), [(h,) for h in hashes])

    def sentence_verdicts(self, rules: str) -> dict[str, str | None]:
        """The kept verdicts of the ``rules``: sentence-text hash -> why it is never evidence
        (``None``: it can be)."""
        rows = self.conn.execute(
            "SELECT text_hash, reason FROM sentence_verdicts WHERE rules = ?", (rules,)
        )
        return {r["text_hash"]: r["reason"] for r in rows}

    def put_sentence_verdicts(self, rules: str, verdicts: Mapping[str, str | None]) -> None:
        """Keep the verdicts of sentence texts (by text hash) under ``rules``."""
        with self.transaction() as conn:
            conn.executemany(
                self.dialect.upsert(
                    "sentence_verdicts", ("text_hash", "rules", "reason"), ("text_hash", "rules")
                ),
                [(h, rules, r) for h, r in sorted(verdicts.items())],
            )

    def keep_sentence_verdicts(self, rules: str, hashes: Sequence[str]) -> int:
        """Drop the verdicts of other rules and of sentences not in ``hashes``; return how many."""
        with self.transaction() as conn:
            self._keep_hashes(conn, hashes)
            cursor = conn.execute(
                "DELETE FROM sentence_verdicts WHERE rules <> ? OR text_hash NOT IN "
                "(SELECT h FROM keep_hashes)",
                (rules,),
            )
            return int(cursor.rowcount)

    def passage_spans(self, splitter: str) -> dict[str, tuple[tuple[int, int], ...]]:
        """The sentence spans kept for ``splitter``: passage-text hash -> ``(start, end)``s."""
        rows = self.conn.execute(
            "SELECT text_hash, spans FROM passage_sentences WHERE splitter = ?", (splitter,)
        )
        return {r["text_hash"]: tuple(tuple(p) for p in json.loads(r["spans"])) for r in rows}

    def put_passage_spans(
        self, splitter: str, spans: Mapping[str, Sequence[tuple[int, int]]]
    ) -> None:
        """Keep the sentence spans of passage texts (by text hash) split by ``splitter``."""
        with self.transaction() as conn:
            conn.executemany(
                self.dialect.upsert(
                    "passage_sentences",
                    ("text_hash", "splitter", "spans"),
                    ("text_hash", "splitter"),
                ),
                [(h, splitter, json.dumps(s)) for h, s in sorted(spans.items())],
            )

    def keep_passage_spans(self, splitter: str) -> int:
        """Drop the spans of other splitters and of texts no chunk has; return how many."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM passage_sentences WHERE splitter <> ? "
                "OR text_hash NOT IN (SELECT text_hash FROM chunks)",
                (splitter,),
            )
            return int(cursor.rowcount)
