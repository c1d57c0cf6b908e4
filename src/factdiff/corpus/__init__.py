"""Corpus mode, first slice: group documents into stories (copies of one article, verbatim,
edited or spun) and events (articles about one real event).

A document is represented by the mean MiniLM embedding of its first sentences; each document
is joined to its ``k`` nearest neighbours (cosine, computed block by block so memory stays
linear; exact, not yet an approximate index) when they are similar enough, and the groups
are the connected components. Spun copies share few word 5-grams with their original, which
is why MinHash alone misses them (scripts/bench_grouping.py measures both).

Not built yet (issue 10): MinHash candidates, an approximate nearest-neighbour index, a
verification step beyond the threshold, ``factdiff scan`` and the Ray engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from factdiff.types import Document, IngestError

# Chosen on the dev data of scripts/bench_grouping.py (in-sample): stories on the spun mix
# (pairwise F1 0.972), events on ECB+ topics 1-35 (F1 0.68 at 0.75: weak, see the README).
STORY_COSINE = 0.80
EVENT_COSINE = 0.75
NEIGHBOURS = 10
LEAD_SENTENCES = 20
BLOCK = 1024


@dataclass(frozen=True, slots=True)
class Grouping:
    """Story and event number of each document, in input order (numbered by first use)."""

    docs: tuple[str, ...]
    sources: tuple[str, ...]
    story: tuple[int, ...]
    event: tuple[int, ...]
    errors: tuple[IngestError, ...] = ()


def document_vectors(docs: Sequence[Document], embedder, splitter) -> np.ndarray:
    """One unit vector per document: the mean embedding of its first sentences."""
    from factdiff.segment import segment_document

    out = np.zeros((len(docs), 384), dtype=np.float32)
    for i, doc in enumerate(docs):
        sents = [s.text for s in segment_document(doc, splitter)][:LEAD_SENTENCES] or [doc.text]
        v = np.asarray(embedder.encode(sents), dtype=np.float32).mean(axis=0)
        out[i, : v.shape[0]] = v / max(float(np.linalg.norm(v)), 1e-9)
    return out


def neighbour_pairs(vectors: np.ndarray, k: int = NEIGHBOURS, floor: float = EVENT_COSINE):
    """(i, j, cosine) for each document's ``k`` nearest others at or above ``floor``."""
    n = len(vectors)
    for lo in range(0, n, BLOCK):
        sims = vectors[lo : lo + BLOCK] @ vectors.T
        for row, i in enumerate(range(lo, min(n, lo + BLOCK))):
            sims[row, i] = -1.0
            top = np.argpartition(-sims[row], min(k, n - 1) - 1)[:k] if n > 1 else []
            for j in top:
                if sims[row, j] >= floor:
                    yield i, int(j), float(sims[row, j])


def components(n: int, edges: Iterable[tuple[int, int]]) -> tuple[int, ...]:
    """Connected components, numbered in order of their first document."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    number: dict[int, int] = {}
    return tuple(number.setdefault(find(i), len(number)) for i in range(n))


def group(docs: Sequence[Document], resources, errors: Sequence[IngestError] = ()) -> Grouping:
    """Stories and events of ``docs`` (see the module docstring)."""
    vectors = document_vectors(docs, resources.embedder, resources.splitter)
    pairs = list(neighbour_pairs(vectors))
    n = len(docs)
    story = components(n, ((i, j) for i, j, c in pairs if c >= STORY_COSINE))
    event = components(n, ((i, j) for i, j, _ in pairs))
    return Grouping(
        tuple(d.id for d in docs), tuple(d.source for d in docs), story, event, tuple(errors)
    )
