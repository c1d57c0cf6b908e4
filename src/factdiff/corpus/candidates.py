"""Candidate pairs, linear in the corpus: MinHash LSH over word shingles (copies that keep
the wording) and approximate nearest neighbours over the dense TF-IDF sketch (spun copies
and other articles about the event, which share words but few shingles). Both are cheap
and over-generate; every pair is verified afterwards (linking.py)."""

from __future__ import annotations

import numpy as np

from factdiff.corpus.sketch import BINS

BANDS = 16  # 16 bands of 4 rows: pairs with Jaccard ~0.5 and up collide in some band
NEIGHBOURS = 10
EXACT_BELOW = 20_000  # below this many documents, search exactly (no index to build)


def lsh_pairs(signatures: np.ndarray) -> np.ndarray:
    """(i, j) pairs, i < j, that share all rows of at least one band."""
    rows = BINS // BANDS
    found = []
    for band in range(BANDS):
        part = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
        key = part.view(np.dtype((np.void, part.dtype.itemsize * rows))).ravel()
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        same = np.flatnonzero(sorted_key[1:] == sorted_key[:-1])
        if not len(same):
            continue
        # Each member of a bucket is paired with the member before it (a chain): linear in
        # the bucket size, and enough for the groups, since every link is verified.
        found.append(np.stack([order[same], order[same + 1]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.sort(np.concatenate(found), axis=1)
    return np.unique(pairs, axis=0)


def neighbour_pairs(vectors: np.ndarray, k: int = NEIGHBOURS) -> np.ndarray:
    """(i, j) pairs, i < j, j among the ``k`` approximate nearest neighbours of i (inner
    product of unit vectors), a pair twice when each is among the other's; faiss HNSW, or an
    exact search for a small corpus."""
    import faiss

    n, dims = vectors.shape
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    if n < EXACT_BELOW:
        index = faiss.IndexFlatIP(dims)
    else:
        index = faiss.IndexHNSWFlat(dims, 16, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 32
        index.hnsw.efSearch = 32
    index.add(vectors)
    _, found = index.search(vectors, min(k + 1, n))
    i = np.repeat(np.arange(n), found.shape[1])
    j = found.ravel()
    keep = (j >= 0) & (j != i)
    return np.sort(np.stack([i[keep], j[keep]], axis=1), axis=1)  # repeats: link() dedups
