"""Verification and clustering: candidate pairs → exact cosines → average-link groups.

Average link, not single link: a page that stitches two articles together links both, and
single link would chain the two stories into one. The average cosine between two groups of
unit rows is the dot product of their sums divided by the pair count, so it is exact
however big the groups, and only groups joined by a verified pair are ever compared.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp
from numba import njit, prange

from factdiff.corpus.candidates import CHUNKS


def cosines(rows: sp.csr_matrix, pairs: np.ndarray) -> np.ndarray:
    """Exact cosine of each (i, j) pair of unit rows (fastest with pairs sorted by i)."""
    out = np.empty(len(pairs), dtype=np.float32)
    if len(pairs):
        first, second = np.ascontiguousarray(pairs[:, 0]), np.ascontiguousarray(pairs[:, 1])
        _cosines(rows.indptr, rows.indices, rows.data, first, second, out, rows.shape[1], CHUNKS)
    return out


@njit(cache=True, parallel=True)
def _cosines(indptr, indices, data, first, second, out, width, chunks):
    """Row i is scattered into a dense buffer once per run of pairs that share it; each
    partner row is then a gather. Linear in the pairs' nonzeros, no sparse products; the
    pairs are cut into chunks, one dense buffer each, run on all cores."""
    step = (len(first) + chunks - 1) // chunks
    for c in prange(chunks):
        dense = np.zeros(width, dtype=np.float32)
        current = -1
        for t in range(c * step, min(len(first), (c + 1) * step)):
            i = first[t]
            if i != current:
                if current >= 0:
                    for p in range(indptr[current], indptr[current + 1]):
                        dense[indices[p]] = 0.0
                for p in range(indptr[i], indptr[i + 1]):
                    dense[indices[p]] = data[p]
                current = i
            total = np.float32(0.0)
            j = second[t]
            for q in range(indptr[j], indptr[j + 1]):
                total += data[q] * dense[indices[q]]
            out[t] = total


Vector = tuple[np.ndarray, np.ndarray]  # sorted feature ids, values


def average_link(
    rows: sp.csr_matrix,
    pairs: np.ndarray,
    sims: np.ndarray,
    threshold: float,
    start: np.ndarray | None = None,
) -> np.ndarray:
    """Group label per row: groups (from ``start``, else singletons) are merged, most
    similar first, while their average cosine is at least ``threshold``; only groups that
    a verified pair joins are candidates. Deterministic: ties go to the lower labels."""
    n = rows.shape[0]
    label = np.arange(n) if start is None else np.asarray(start).copy()
    keep = sims >= threshold
    if start is None and keep.any():
        label, keep = _merge_cliques(n, pairs, sims, keep, threshold)
    if not keep.any():
        return _renumber(label)
    ga, gb = label[pairs[keep, 0]], label[pairs[keep, 1]]
    across = ga != gb
    ga, gb, known = ga[across].tolist(), gb[across].tolist(), sims[keep][across].tolist()
    links: dict[int, set[int]] = {}
    for a, b in zip(ga, gb, strict=True):
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)
    order = np.argsort(label, kind="stable")
    bounds = np.searchsorted(label[order], sorted(links), side="left")
    ends = np.searchsorted(label[order], sorted(links), side="right")
    members = {
        g: order[lo:hi].tolist() for g, lo, hi in zip(sorted(links), bounds, ends, strict=True)
    }
    sums: dict[int, Vector] = {}  # made when a group is first compared as a whole
    version = dict.fromkeys(links, 0)

    def total(g: int) -> Vector:
        if g not in sums:
            sums[g] = _row_sum(rows, members[g])
        return sums[g]

    def entry(a: int, b: int) -> tuple:
        a, b = min(a, b), max(a, b)
        mean = _dot(total(a), total(b)) / (len(members[a]) * len(members[b]))
        return (-mean, a, b, version[a], version[b])

    # Two single documents: their average is the cosine already verified.
    singles = {
        (min(a, b), max(a, b)): c
        for a, b, c in zip(ga, gb, known, strict=True)
        if len(members[a]) == 1 and len(members[b]) == 1
    }
    heap = [(-c, a, b, 0, 0) for (a, b), c in singles.items()]
    heap += [
        entry(a, b) for a in sorted(links) for b in sorted(links[a])
        if a < b and (a, b) not in singles
    ]  # fmt: skip
    heapq.heapify(heap)
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if -neg < threshold:
            break
        if version.get(a) != va or version.get(b) != vb:
            continue  # stale: a side has grown (or gone) since this was computed
        sums[a] = _add(total(a), total(b))  # merge b into a
        sums.pop(b)
        members[a].extend(members.pop(b))
        version[a] += 1
        del version[b]
        neighbours = (links.pop(b) | links[a]) - {a, b}
        links[a] = neighbours
        for c in neighbours:
            links[c].discard(b)
            links[c].add(a)
        for c in sorted(neighbours):
            heapq.heappush(heap, entry(a, c))
    for g, ms in members.items():
        label[ms] = g
    return _renumber(label)


def _merge_cliques(
    n: int, pairs: np.ndarray, sims: np.ndarray, keep: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Labels with every clique merged, and ``keep`` without its pairs. A clique here is a
    component of the kept pairs in which every two rows are a kept pair: average link joins
    it whole in any order, since every average is of cosines at or above the threshold.
    Most stories are cliques, and this spares them the heap. A component with a cosine
    within a rounding error of the threshold is left to the heap, which averages in float64
    what was verified in float32, so the groups are the heap's own."""
    from scipy.sparse.csgraph import connected_components

    kept, kept_sims = pairs[keep], sims[keep]
    ones = np.ones(len(kept), dtype=np.int8)
    graph = sp.csr_matrix((ones, (kept[:, 0], kept[:, 1])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    size = np.bincount(component)
    low, high = kept.min(axis=1), kept.max(axis=1)
    distinct = np.unique(low[low != high].astype(np.int64) * n + high[low != high])
    links = np.bincount(component[distinct // n], minlength=len(size))
    lowest = np.full(len(size), np.inf)
    np.minimum.at(lowest, component[kept[:, 0]], kept_sims)
    clique = (size * (size - 1) // 2 == links) & (lowest >= threshold + 1e-6)  # singletons too
    order = np.argsort(component, kind="stable")
    first = order[np.concatenate([[0], np.cumsum(size)[:-1]])]  # lowest row per component
    label = np.where(clique[component], first[component], np.arange(n))
    keep = keep.copy()
    keep[keep] = ~clique[component[kept[:, 0]]]
    return label, keep


def _row_sum(rows: sp.csr_matrix, members: list[int]) -> Vector:
    """The sum of some rows, read straight from the CSR arrays (scipy's row indexing costs
    a hundred times more, and this runs once per group that grows)."""
    ptr = rows.indptr
    if len(members) == 1:
        lo, hi = ptr[members[0]], ptr[members[0] + 1]
        return rows.indices[lo:hi].astype(np.int64), rows.data[lo:hi].astype(np.float64)
    idx = np.concatenate([rows.indices[ptr[m] : ptr[m + 1]] for m in members])
    val = np.concatenate([rows.data[ptr[m] : ptr[m + 1]] for m in members])
    return _collapse(idx.astype(np.int64), val.astype(np.float64))


def _dot(a: Vector, b: Vector) -> float:
    return float(_merged_dot(a[0], a[1], b[0], b[1]))


def _add(a: Vector, b: Vector) -> Vector:
    return _merged_sum(a[0], a[1], b[0], b[1])


# Two-pointer merges of sorted id arrays: average link calls these once per candidate group
# pair and once per merge, tens of thousands of times on small arrays, where numpy's
# per-call cost (intersect1d, argsort) was most of the grouping's time.
@njit(cache=True, nogil=True)
def _merged_dot(ia, va, ib, vb):
    total = 0.0
    p = q = 0
    while p < len(ia) and q < len(ib):
        if ia[p] == ib[q]:
            total += va[p] * vb[q]
            p += 1
            q += 1
        elif ia[p] < ib[q]:
            p += 1
        else:
            q += 1
    return total


@njit(cache=True, nogil=True)
def _merged_sum(ia, va, ib, vb):
    ids = np.empty(len(ia) + len(ib), dtype=np.int64)
    vals = np.empty(len(ia) + len(ib), dtype=np.float64)
    p = q = n = 0
    while p < len(ia) or q < len(ib):
        if q == len(ib) or (p < len(ia) and ia[p] < ib[q]):
            ids[n], vals[n] = ia[p], va[p]
            p += 1
        elif p == len(ia) or ib[q] < ia[p]:
            ids[n], vals[n] = ib[q], vb[q]
            q += 1
        else:
            ids[n], vals[n] = ia[p], va[p] + vb[q]
            p += 1
            q += 1
        n += 1
    return ids[:n], vals[:n]


def _collapse(idx: np.ndarray, val: np.ndarray) -> Vector:
    """Sum the values of equal ids; ids sorted."""
    order = np.argsort(idx, kind="stable")
    idx, val = idx[order], val[order]
    starts = np.flatnonzero(np.concatenate([[True], idx[1:] != idx[:-1]]))
    return idx[starts], np.add.reduceat(val, starts) if len(val) else val


def _renumber(label: np.ndarray) -> np.ndarray:
    """Groups numbered 0, 1, ... in order of their first row."""
    if not len(label):
        return np.zeros(0, dtype=np.int64)
    _, first, inverse = np.unique(label, return_index=True, return_inverse=True)
    number = np.empty(len(first), dtype=np.int64)
    number[np.argsort(first, kind="stable")] = np.arange(len(first))
    return number[inverse.ravel()]


def components(n: int, edges: Iterable[tuple[int, int]]) -> tuple[int, ...]:
    """Connected components, numbered in order of their first row (the MinHash baseline's
    grouping in the benchmarks)."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        a, b = find(int(i)), find(int(j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    number: dict[int, int] = {}
    return tuple(number.setdefault(find(i), len(number)) for i in range(n))
