"""Sentence embeddings with all-MiniLM-L6-v2 on ONNX Runtime (no PyTorch).

The align stage uses them to find paraphrases that share few words with their original. The
model is loaded once by the caller and passed around; this module keeps no global state.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from factdiff.models import load_manifest, model_file
from factdiff.models.onnx import cpu_session

DIM = 384
MAX_TOKENS = 256  # the sequence length all-MiniLM-L6-v2 was trained with


class Embedder:
    """Turns sentences into L2-normalised 384-d vectors (cosine = dot product)."""

    def __init__(self, session, tokenizer) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.dim = DIM
        self._input_names = {i.name for i in session.get_inputs()}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Embed ``texts``; rows come back in input order, float32, unit length.

        Texts are sorted by length before batching so a batch pads to similar lengths.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for lo in range(0, len(order), batch_size):
            idx = order[lo : lo + batch_size]
            out[idx] = self._encode_batch([texts[i] for i in idx])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.array([e.type_ids for e in encodings], dtype=np.int64)
        hidden = self.session.run(None, feeds)[0]  # [batch, seq, DIM]
        weights = mask[:, :, None].astype(np.float32)
        summed = (hidden * weights).sum(axis=1)
        pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def load_embedder(threads: int | None = None) -> Embedder:
    """Verify the pinned model and tokenizer files, then build the ONNX session."""
    from tokenizers import Tokenizer

    if threads is not None and threads < 1:
        raise ValueError("threads must be >= 1 or None")
    manifest = load_manifest()
    onnx_path = model_file("minilm-onnx", manifest)
    tok_path = model_file("minilm-tokenizer", manifest)

    tokenizer = Tokenizer.from_file(str(tok_path))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the longest in the batch

    session = cpu_session(onnx_path, "model file minilm-onnx", threads)
    return Embedder(session, tokenizer)
