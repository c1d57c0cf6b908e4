"""Sketches → TF-IDF rows: exact and sparse, what candidate generation ranks by and
verification compares."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

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
    data = 1.0 + np.log(sketches.counts.astype(np.float32))
    data *= idf[indices]
    lengths = np.diff(indptr)
    starts = np.minimum(indptr[:-1], len(data) - 1)
    norms = np.sqrt(np.add.reduceat(data * data, starts))
    norms = np.where(lengths > 0, norms, 1.0).astype(np.float32)
    data /= np.repeat(np.maximum(norms, 1e-9), lengths)
    return sp.csr_matrix((data, indices, indptr), shape=(n, FEATURES))
