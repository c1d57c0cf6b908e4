"""Semantic side of alignment: each sentence is embedded once, cosine is a matrix product."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from factdiff.models.embedder import Embedder
from factdiff.types import Sentence


def embed_documents(
    sentences: Mapping[str, Sequence[Sentence]], embedder: Embedder
) -> dict[str, np.ndarray]:
    """One embedding matrix per document, from a single batched encode call."""
    texts = [s.text for sents in sentences.values() for s in sents]
    vectors = embedder.encode(texts)
    out: dict[str, np.ndarray] = {}
    pos = 0
    for doc, sents in sentences.items():
        out[doc] = vectors[pos : pos + len(sents)]
        pos += len(sents)
    return out


def cosine_matrix(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Cosine of every row of ``left`` with every row of ``right`` (rows are unit length)."""
    if left.size == 0 or right.size == 0:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    return np.clip(left @ right.T, -1.0, 1.0)
