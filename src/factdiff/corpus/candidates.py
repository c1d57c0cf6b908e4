"""Candidate pairs, linear in the corpus. Three cheap sources that over-generate; every pair
is verified afterwards by its exact cosine (linking.py):

* MinHash LSH over word shingles: copies that keep the wording;
* MinHash LSH over each document's ``TOP_TERMS`` heaviest TF-IDF terms (its rarest words
  and names): spun copies, which swap the common words and keep the names and figures. A
  band of two terms is a conjunction, selective even when each term is common;
* an inverted index over the same heavy terms, each posting list capped at ``TERM_CAP``
  documents: every document's ``NEIGHBOURS`` best partners by the dot product of their
  heavy terms. Different articles about one event share a rare name or two but few
  conjunctions.

Linear, because every document has a fixed number of terms and bands, every posting list
is capped, and each document keeps a fixed number of partners: the work per document does
not grow with the corpus, except for sorting the band keys (n log n). (The nearest-
neighbour index this replaced, faiss IVF over a dense sketch, cost n^1.5.) Deterministic:
equal scores are settled by the order met, which does not depend on the threads.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp
from numba import njit, prange

from factdiff.corpus.sketch import BINS

BANDS = 16  # shingle MinHash: 16 bands of 4 rows, pairs with Jaccard ~0.5 and up collide
TOP_TERMS = 16  # a document's heaviest terms: the set its second MinHash is taken over
TERM_BANDS = 16  # ... in 16 bands of 2 rows (two terms in common with the same minima)
TERM_ROWS = 2
INDEXED_TERMS = 12  # heaviest terms per document in the inverted index
TERM_CAP = 200  # a term in more documents than this says little about which ones: skipped
NEIGHBOURS = 10  # partners kept per document from the inverted index
CHUNKS = 16  # rows are split into this many chunks for the compiled loops' threads


def unique_pairs(pairs: np.ndarray, n: int) -> np.ndarray:
    """Distinct (i, j) rows, sorted, of ids below n: one int64 key per pair, sorted, repeats
    dropped (np.sort is far faster than np.unique(axis=0) or np.unique on the keys)."""
    if not len(pairs):
        return np.zeros((0, 2), dtype=np.int64)
    key = np.sort(pairs[:, 0].astype(np.int64) * n + pairs[:, 1])
    key = key[np.concatenate([[True], key[1:] != key[:-1]])]
    return np.stack([key // n, key % n], axis=1)


def lsh_pairs(signatures: np.ndarray, rows_per_band: int = BINS // BANDS) -> np.ndarray:
    """(i, j) pairs, i < j, that share all rows of at least one band. A row of zeros is no
    signature (``term_signatures`` of a document without terms) and joins no band. (Empty
    texts' shingle signatures are alike and pair up; their cosine, 0, drops them.) Each
    band becomes a column of 64-bit keys (a multiply-add hash of its rows: two different
    bands sharing a key is a 1-in-2**64 event, and would only add a candidate pair, which
    is verified anyway), sorted in threads (numpy's sort releases the GIL)."""
    n = len(signatures)
    ids = np.flatnonzero(signatures.any(axis=1))
    keys = _band_keys(np.ascontiguousarray(signatures[ids]), rows_per_band)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        found = [p for p in pool.map(_chained, keys.T) if len(p)]
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    return unique_pairs(np.sort(ids[np.concatenate(found)], axis=1), n)


def _chained(key: np.ndarray) -> np.ndarray:
    """Each member of a bucket (rows with one key) paired with the member before it, a
    chain: linear in the bucket's size, and enough for the groups, since every link is
    verified."""
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order[1:]] == key[order[:-1]])
    return np.stack([order[same], order[same + 1]], axis=1)


def top_terms(rows: sp.csr_matrix, m: int = TOP_TERMS) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``m`` heaviest terms, heaviest first (ties: lower id first), as two
    (rows, m) arrays of term ids and weights; -1 and 0 pad a row with fewer terms."""
    return _top(rows.indptr, rows.indices, rows.data, m, CHUNKS)


def term_signatures(terms: np.ndarray, seed: int = 0) -> np.ndarray:
    """MinHash of each row's set of heavy terms (the ids in ``terms``, -1 ignored):
    ``TERM_BANDS * TERM_ROWS`` seeded 64-bit mixing hashes, the term with the least kept
    (its id + 1, so that zeros mean no term)."""
    salts = np.random.default_rng([seed, 61]).integers(
        0, 1 << 62, size=TERM_BANDS * TERM_ROWS, dtype=np.int64
    )
    return _term_minhash(terms, salts.astype(np.uint64))


def term_pairs(
    terms: np.ndarray,
    weights: np.ndarray,
    cap: int | None = None,
    k: int | None = None,
) -> np.ndarray:
    """(i, j) pairs, i < j: each row with its ``k`` best partners among the rows sharing one
    of its terms (columns of ``terms``, -1 ignored) whose posting list has at most ``cap``
    rows; ranked by the dot product of the shared terms' weights. A pair comes twice when
    each row keeps the other (``unique_pairs`` drops repeats). ``cap`` and ``k`` default
    to ``TERM_CAP`` and ``NEIGHBOURS``, read when called."""
    cap = TERM_CAP if cap is None else cap
    k = NEIGHBOURS if k is None else k
    n, m = terms.shape
    flat = terms.ravel()
    present = flat >= 0
    df = np.bincount(flat[present], minlength=1)
    keep = present.copy()
    keep[present] = df[flat[present]] <= cap
    keep = keep.reshape(n, m)
    ptr = np.concatenate([[0], np.cumsum(keep.sum(axis=1))]).astype(np.int64)
    term, weight = terms[keep].astype(np.int64), weights[keep]
    posting_ptr = np.concatenate([[0], np.cumsum(np.bincount(term, minlength=len(df)))])
    posting_row, posting_weight = _postings(ptr, term, weight, posting_ptr)
    best = _best_partners(ptr, term, weight, posting_ptr, posting_row, posting_weight, k, CHUNKS)
    i = np.repeat(np.arange(n, dtype=np.int64), k)
    j = best.ravel()
    found = j >= 0
    return np.sort(np.stack([i[found], j[found]], axis=1), axis=1)


@njit(cache=True, parallel=True)
def _band_keys(signatures, rows_per_band):
    n, width = signatures.shape
    keys = np.zeros((n, width // rows_per_band), dtype=np.uint64)
    for i in prange(n):
        for band in range(width // rows_per_band):
            key = np.uint64(0)
            for r in range(band * rows_per_band, (band + 1) * rows_per_band):
                key = key * np.uint64(0x9E3779B97F4A7C15) + np.uint64(signatures[i, r])
            keys[i, band] = key
    return keys


@njit(cache=True, inline="always")
def _insert(scores, items, size, score, item):
    """Put (score, item) into a list of fixed capacity kept in descending score order (a
    tie stays behind the earlier entry); returns the new size."""
    capacity = len(scores)
    if size == capacity and score <= scores[capacity - 1]:
        return size
    pos = size if size < capacity else capacity - 1
    while pos > 0 and scores[pos - 1] < score:
        scores[pos] = scores[pos - 1]
        items[pos] = items[pos - 1]
        pos -= 1
    scores[pos] = score
    items[pos] = item
    return min(size + 1, capacity)


@njit(cache=True, parallel=True)
def _top(indptr, indices, data, m, chunks):
    n = len(indptr) - 1
    terms = np.full((n, m), -1, dtype=np.int32)
    weights = np.zeros((n, m), dtype=np.float32)
    step = (n + chunks - 1) // chunks
    for c in prange(chunks):
        scores = np.empty(m, dtype=np.float32)
        items = np.empty(m, dtype=np.int64)
        for i in range(c * step, min(n, (c + 1) * step)):
            size = 0
            for p in range(indptr[i], indptr[i + 1]):
                size = _insert(scores, items, size, data[p], indices[p])
            for t in range(size):
                terms[i, t] = items[t]
                weights[i, t] = scores[t]
    return terms, weights


@njit(cache=True, parallel=True)
def _term_minhash(terms, salts):
    n, m = terms.shape
    out = np.zeros((n, len(salts)), dtype=np.uint32)
    for i in prange(n):
        for h in range(len(salts)):
            low = np.uint64(0xFFFFFFFFFFFFFFFF)
            arg = -1
            for t in range(m):
                if terms[i, t] < 0:
                    break
                v = (np.uint64(terms[i, t]) + salts[h]) * np.uint64(0x9E3779B97F4A7C15)
                v = (v ^ (v >> np.uint64(29))) * np.uint64(0xBF58476D1CE4E5B9)
                v ^= v >> np.uint64(32)
                if v < low:
                    low, arg = v, terms[i, t]
            out[i, h] = arg + 1
    return out


@njit(cache=True, nogil=True)
def _postings(ptr, term, weight, posting_ptr):
    """Each term's rows (ascending) and their weights: a counting sort of the entries."""
    rows = np.empty(len(term), dtype=np.int64)
    weights = np.empty(len(term), dtype=np.float32)
    fill = posting_ptr[:-1].copy()
    for i in range(len(ptr) - 1):
        for e in range(ptr[i], ptr[i + 1]):
            rows[fill[term[e]]] = i
            weights[fill[term[e]]] = weight[e]
            fill[term[e]] += 1
    return rows, weights


@njit(cache=True, parallel=True)
def _best_partners(ptr, term, weight, posting_ptr, posting_row, posting_weight, k, chunks):
    """For each row: accumulate, over its terms' posting lists, the dot product with every
    row met (a scratch array indexed by row, cleared after), then keep the k best."""
    n = len(ptr) - 1
    best = np.full((n, k), -1, dtype=np.int64)
    step = (n + chunks - 1) // chunks
    for c in prange(chunks):
        total = np.zeros(n, dtype=np.float32)  # > 0: met by the current row
        met = np.empty(n, dtype=np.int64)
        scores = np.empty(k, dtype=np.float32)
        items = np.empty(k, dtype=np.int64)
        for i in range(c * step, min(n, (c + 1) * step)):
            count = 0
            for e in range(ptr[i], ptr[i + 1]):
                t, w = term[e], weight[e]
                for q in range(posting_ptr[t], posting_ptr[t + 1]):
                    j = posting_row[q]
                    share = w * posting_weight[q]
                    if j == i or not share > 0.0:
                        continue  # itself, or no evidence (a zero weight)
                    if total[j] == 0.0:
                        met[count] = j
                        count += 1
                    total[j] += share
            size = 0
            for t in range(count):
                j = met[t]
                size = _insert(scores, items, size, total[j], j)
                total[j] = 0.0
            for t in range(size):
                best[i, t] = items[t]
    return best
