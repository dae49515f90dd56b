"""The ``onnx`` backend: the exported model on ONNX Runtime, tokenised by ``tokenizers``.

Two sessions, each made on first use: one for bulk encoding with every core, one with a single
thread for interactive queries (on a small machine one thread answers a short query fastest).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..config import use_offline_model
from .backends import BackendSpec, Vectors, register
from .export import INPUTS, OUTPUT, ensure_onnx, ensure_onnx_int8

if TYPE_CHECKING:
    from tokenizers import Tokenizer

DEFAULT_MAX_TOKENS = 256


class OnnxBackend:
    """ONNX Runtime over the exported, pooled and normalised encoder."""

    name = "onnx"

    def __init__(self, spec: BackendSpec):
        self.spec = spec
        self._sessions: dict[int, Any] = {}
        self._tokenizer: Tokenizer | None = None
        self._dim: int | None = None
        self.max_tokens = self._max_tokens()
        # Reused by every single query: a row of ones and a row of zeros, sliced to length.
        self._ones = np.ones((1, self.max_tokens), dtype=np.int64)
        self._zeros = np.zeros((1, self.max_tokens), dtype=np.int64)

    def _max_tokens(self) -> int:
        config = self.spec.model_path / "sentence_bert_config.json"
        if config.is_file():
            return int(json.loads(config.read_text("utf-8")).get("max_seq_length", 256))
        return DEFAULT_MAX_TOKENS

    def _tokenize(self) -> Tokenizer:
        if self._tokenizer is None:
            use_offline_model()
            from tokenizers import Tokenizer

            tok = Tokenizer.from_file(str(self.spec.model_path / "tokenizer.json"))
            tok.enable_truncation(max_length=self.max_tokens)
            tok.no_padding()
            self._tokenizer = tok
        return self._tokenizer

    def model_file(self) -> Path:
        """The ONNX file this backend runs (exported on first use)."""
        return ensure_onnx(self.spec.model_path, self.spec.cache_dir)

    def session(self, threads: int) -> Any:
        """The ONNX Runtime session with ``threads`` intra-op threads (0: every core)."""
        if threads not in self._sessions:
            import onnxruntime as ort

            path = self.model_file()
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            self._sessions[threads] = ort.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
        return self._sessions[threads]

    @property
    def dim(self) -> int:
        """The vector size: the exported graph mean-pools the transformer's hidden states, so
        it is the model's ``hidden_size`` (read, not probed: a probe made a session, 0.2 s)."""
        if self._dim is None:
            config = self.spec.model_path / "config.json"
            size = (
                json.loads(config.read_text("utf-8")).get("hidden_size")
                if config.is_file()
                else None
            )
            self._dim = int(size) if size else int(self.encode_one("dimension").shape[0])
        return self._dim

    def encode_one(self, text: str) -> Vectors:
        """One normalised vector, on the single-thread session."""
        ids = np.asarray(self._tokenize().encode(text).ids, dtype=np.int64)[None, :]
        n = ids.shape[1]
        feed = dict(zip(INPUTS, (ids, self._ones[:, :n], self._zeros[:, :n]), strict=True))
        out: Vectors = self.session(1).run([OUTPUT], feed)[0][0]
        return out

    def encode(self, texts: Sequence[str], batch_size: int) -> Vectors:
        """Normalised vectors; texts are batched by length, so batches pad little."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self._tokenize().encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        out = np.zeros((len(texts), 0), dtype=np.float32)
        session = self.session(0)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            vectors = session.run([OUTPUT], _batch([encodings[i].ids for i in rows]))[0]
            if out.shape[1] == 0:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
        return out


def _batch(ids: list[list[int]]) -> dict[str, npt.NDArray[np.int64]]:
    """Padded inputs of one batch (pad id 0, as BERT's tokenizer pads)."""
    width = max(len(row) for row in ids)
    input_ids = np.zeros((len(ids), width), dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for r, row in enumerate(ids):
        input_ids[r, : len(row)] = row
        mask[r, : len(row)] = 1
    return dict(zip(INPUTS, (input_ids, mask, np.zeros_like(input_ids)), strict=True))


class OnnxInt8Backend(OnnxBackend):
    """The same graph with int8 weights (dynamic quantisation): faster, and its vectors differ a
    little from torch's. Measured as a query encoder against torch's stored vectors before any
    default uses it (bench/pipeline.py)."""

    name = "onnx-int8"
    batch_invariant = False
    """Activations are quantised with the range of the whole batch, so a text's vector depends a
    little on the texts encoded with it (cosine about 0.99 between a batch and one at a time)."""

    def model_file(self) -> Path:
        return ensure_onnx_int8(self.spec.model_path, self.spec.cache_dir)


register(OnnxBackend.name, OnnxBackend)
register(OnnxInt8Backend.name, OnnxInt8Backend)
