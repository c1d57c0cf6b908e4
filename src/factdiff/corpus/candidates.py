"""Candidate pairs, linear in the corpus: MinHash LSH over word shingles (copies that keep
the wording) and approximate nearest neighbours over the dense TF-IDF sketch (spun copies
and other articles about the event, which share words but few shingles). Both are cheap
and over-generate; every pair is verified afterwards (linking.py).

The nearest-neighbour index is faiss IVF-Flat (k-means cells, a few searched per query),
which replaced HNSW: no graph to build, and on scripts/bench_corpus.py's 100k documents the
same story F1 against the planted families (0.991; HNSW at c89f527: 0.989). Seeded, so
deterministic. Its cost grows as n^1.5 (√n cells, √n vectors scanned per query)."""

from __future__ import annotations

import numpy as np

from factdiff.corpus.sketch import BINS

BANDS = 16  # 16 bands of 4 rows: pairs with Jaccard ~0.5 and up collide in some band
NEIGHBOURS = 10
EXACT_BELOW = 20_000  # below this many documents, search exactly (no index to build)
CELLS_PER_ROOT = 2.3  # IVF cells: 2.3 x sqrt(documents), ~730 at 100k
PROBES = 8  # cells searched per query (4 lost a tenth of the spun copies' pairs)
TRAIN_PER_CELL = 20  # k-means is trained on a seeded sample of this many per cell


def unique_pairs(pairs: np.ndarray, n: int) -> np.ndarray:
    """Distinct (i, j) rows, sorted, of ids below n: one int64 key per pair, sorted, repeats
    dropped (np.sort is far faster than np.unique(axis=0) or np.unique on the keys)."""
    if not len(pairs):
        return np.zeros((0, 2), dtype=np.int64)
    key = np.sort(pairs[:, 0].astype(np.int64) * n + pairs[:, 1])
    key = key[np.concatenate([[True], key[1:] != key[:-1]])]
    return np.stack([key // n, key % n], axis=1)


def _band_key(part: np.ndarray) -> np.ndarray:
    """One uint64 per row of a band (a multiply-add hash of its values): sorting it is many
    times faster than sorting the rows as bytes. Two different bands sharing a key is a
    1-in-2**64 event, and would only add a candidate pair, which is verified anyway."""
    key = np.zeros(len(part), dtype=np.uint64)
    for column in part.T:
        key = key * np.uint64(0x9E3779B97F4A7C15) + column.astype(np.uint64)
    return key


def lsh_pairs(signatures: np.ndarray) -> np.ndarray:
    """(i, j) pairs, i < j, that share all rows of at least one band."""
    rows = BINS // BANDS
    found = []
    for band in range(BANDS):
        key = _band_key(signatures[:, band * rows : (band + 1) * rows])
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
    return unique_pairs(np.sort(np.concatenate(found), axis=1), len(signatures))


def neighbour_pairs(vectors: np.ndarray, k: int = NEIGHBOURS, seed: int = 0) -> np.ndarray:
    """(i, j) pairs, i < j, j among the ``k`` approximate nearest neighbours of i (inner
    product of unit vectors), a pair twice when each is among the other's; faiss IVF-Flat,
    or an exact search for a small corpus."""
    import faiss

    n, dims = vectors.shape
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    if n < EXACT_BELOW:
        index = faiss.IndexFlatIP(dims)
    else:
        cells = max(16, int(CELLS_PER_ROOT * np.sqrt(n)))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dims), dims, cells, faiss.METRIC_INNER_PRODUCT)
        index.cp.seed = seed
        index.cp.niter = 10
        index.cp.min_points_per_centroid = TRAIN_PER_CELL  # enough here: no warning on stderr
        rng = np.random.default_rng(seed)
        index.train(vectors[np.sort(rng.choice(n, min(n, TRAIN_PER_CELL * cells), replace=False))])
        index.nprobe = PROBES
    index.add(vectors)
    _, found = index.search(vectors, min(k + 1, n))
    i = np.repeat(np.arange(n), found.shape[1])
    j = found.ravel()
    keep = (j >= 0) & (j != i)
    return np.sort(np.stack([i[keep], j[keep]], axis=1), axis=1)  # repeats: link() dedups
