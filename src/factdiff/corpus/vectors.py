"""Sketches → TF-IDF rows (exact, sparse: what verification compares) and short dense
vectors (a count sketch of the same rows: what the nearest-neighbour index searches)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from factdiff.corpus.sketch import FEATURES, Sketch

DENSE_DIMS = 128  # 64 loses a tenth of the ECB+ pairs at k=10; exact cosines are checked after


def tfidf(sketches: Sequence[Sketch]) -> sp.csr_matrix:
    """Unit rows of sublinear TF x smoothed IDF, the IDF taken from these documents (a crawl
    is its own background: words every page carries weigh nothing)."""
    n = len(sketches)
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(s.features) for s in sketches])
    if not n or not indptr[-1]:
        return sp.csr_matrix((n, FEATURES), dtype=np.float32)
    indices = np.concatenate([s.features for s in sketches]).astype(np.int32)
    tf = 1.0 + np.log(np.concatenate([s.counts for s in sketches]))
    df = np.bincount(indices, minlength=FEATURES)
    idf = (np.log((n + 1) / (df + 1)) + 1.0).astype(np.float32)
    data = (tf * idf[indices]).astype(np.float32)
    norms = np.sqrt(np.add.reduceat(data * data, indptr[:-1])) if len(data) else data
    lengths = np.diff(indptr)
    norms = np.where(lengths > 0, norms, 1.0)
    data /= np.repeat(np.maximum(norms, 1e-9), lengths).astype(np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(n, FEATURES))


def count_sketch(dims: int = DENSE_DIMS, seed: int = 0) -> sp.csr_matrix:
    """A FEATURES x dims matrix with one ±1 per row: X @ it keeps dot products in
    expectation (the hashing trick, applied a second time)."""
    rng = np.random.default_rng(seed)
    cols = rng.integers(0, dims, size=FEATURES, dtype=np.int32)
    signs = rng.choice(np.array([-1.0, 1.0], dtype=np.float32), size=FEATURES)
    return sp.csr_matrix((signs, cols, np.arange(FEATURES + 1)), shape=(FEATURES, dims))


def dense(rows: sp.csr_matrix, projection: sp.csr_matrix) -> np.ndarray:
    """Unit dense rows for the nearest-neighbour index."""
    out = np.asarray((rows @ projection).todense(), dtype=np.float32)
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    return np.ascontiguousarray(out)
