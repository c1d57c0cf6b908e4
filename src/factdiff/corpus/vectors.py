"""Sketches → TF-IDF rows: exact and sparse, what candidate generation ranks by and
verification compares."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numba import njit, prange

from factdiff.corpus.sketch import FEATURES, Sketches


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
    data = _weigh(indptr, indices, sketches.counts, idf)
    return sp.csr_matrix((data, indices, indptr), shape=(n, FEATURES))


@njit(cache=True, parallel=True)
def _weigh(indptr, indices, counts, idf):
    """(1 + log count) x idf, each row scaled to unit length (a row of no terms stays
    empty); one pass per row, rows on all cores."""
    data = np.empty(len(indices), dtype=np.float32)
    for i in prange(len(indptr) - 1):
        total = np.float32(0.0)
        for p in range(indptr[i], indptr[i + 1]):
            w = (np.float32(1.0) + np.log(np.float32(counts[p]))) * idf[indices[p]]
            data[p] = w
            total += w * w
        scale = np.float32(1.0) / max(np.sqrt(total), np.float32(1e-9))
        for p in range(indptr[i], indptr[i + 1]):
            data[p] *= scale
    return data
