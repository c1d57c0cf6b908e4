"""Sketches → TF-IDF rows (exact, sparse: what verification compares) and short dense
vectors (a count sketch of the same rows: what the nearest-neighbour index searches)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numba import njit

from factdiff.corpus.sketch import FEATURES, Sketches

DENSE_DIMS = 128  # 64 loses a tenth of the ECB+ pairs at k=10; exact cosines are checked after


def tfidf(sketches: Sketches) -> sp.csr_matrix:
    """Unit rows of sublinear TF x smoothed IDF, the IDF taken from these documents (a crawl
    is its own background: words every page carries weigh nothing)."""
    n = len(sketches)
    indptr = sketches.offsets
    if not n or not indptr[-1]:
        return sp.csr_matrix((n, FEATURES), dtype=np.float32)
    indices = sketches.features.astype(np.int32)
    df = np.bincount(indices, minlength=FEATURES)
    idf = (np.log((n + 1) / (df + 1)) + 1.0).astype(np.float32)
    data = 1.0 + np.log(sketches.counts.astype(np.float32))
    data *= idf[indices]
    lengths = np.diff(indptr)
    starts = np.minimum(indptr[:-1], len(data) - 1)
    norms = np.sqrt(np.add.reduceat(data * data, starts))
    norms = np.where(lengths > 0, norms, 1.0).astype(np.float32)
    data /= np.repeat(np.maximum(norms, 1e-9), lengths)
    return sp.csr_matrix((data, indices, indptr), shape=(n, FEATURES))


def count_sketch(dims: int = DENSE_DIMS, seed: int = 0) -> sp.csr_matrix:
    """A FEATURES x dims matrix with one ±1 per row: X @ it keeps dot products in
    expectation (the hashing trick, applied a second time)."""
    rng = np.random.default_rng(seed)
    cols = rng.integers(0, dims, size=FEATURES, dtype=np.int32)
    signs = rng.choice(np.array([-1.0, 1.0], dtype=np.float32), size=FEATURES)
    return sp.csr_matrix((signs, cols, np.arange(FEATURES + 1)), shape=(FEATURES, dims))


def dense(rows: sp.csr_matrix, projection: sp.csr_matrix) -> np.ndarray:
    """Unit dense rows for the nearest-neighbour index: rows @ projection, normalised. The
    projection has one ±1 per feature, so this is one pass over the rows' nonzeros (a
    compiled loop: scipy's sparse product and ``todense`` took several times longer)."""
    signs = projection.data.astype(np.float32)
    return _project(
        rows.indptr, rows.indices, rows.data, projection.indices, signs, projection.shape[1]
    )


@njit(cache=True, nogil=True)
def _project(indptr, indices, data, columns, signs, dims):
    out = np.zeros((len(indptr) - 1, dims), dtype=np.float32)
    for i in range(len(indptr) - 1):
        for p in range(indptr[i], indptr[i + 1]):
            feature = indices[p]
            out[i, columns[feature]] += signs[feature] * data[p]
        norm = max(np.sqrt(np.sum(out[i] * out[i])), np.float32(1e-9))
        out[i] /= norm
    return out
