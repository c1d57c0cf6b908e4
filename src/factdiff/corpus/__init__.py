"""Corpus mode, first slice: group documents into stories (copies of one article, verbatim,
edited or spun) and events (articles about one real event).

A document is represented by the mean MiniLM embedding of its first sentences (what it is
about) joined with a TF-IDF vector of its names and numbers (who, where, when: what tells
two events of one topic apart), each weighted by ``NAME_WEIGHT``; each document is joined to
its ``k`` nearest neighbours (cosine, computed block by block so memory stays linear; exact,
not yet an approximate index) when they are similar enough, and the groups are the connected
components. Spun copies share few word 5-grams with their original, which
is why MinHash alone misses them (scripts/bench_grouping.py measures both).

Not built yet (issue 10): MinHash candidates, an approximate nearest-neighbour index, a
verification step beyond the threshold, ``factdiff scan`` and the Ray engine.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from factdiff.types import Document, IngestError

# Chosen on the dev data of scripts/bench_grouping.py (in-sample): stories on the spun mix,
# events on ECB+ topics 1-35 (see the README for the figures).
STORY_COSINE = 0.675
EVENT_COSINE = 0.575
NAME_WEIGHT = 0.5
NAME_DIMS = 4096  # hashed vocabulary of names and numbers
_NAME = re.compile(r"\b[A-Z][a-zA-Z]+\b|\b\d{2,4}\b")
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

    rows = []
    for doc in docs:
        sents = [s.text for s in segment_document(doc, splitter)][:LEAD_SENTENCES] or [doc.text]
        v = np.asarray(embedder.encode(sents), dtype=np.float32).mean(axis=0)
        rows.append(v / max(float(np.linalg.norm(v)), 1e-9))
    return np.vstack(rows).astype(np.float32)


def names_in(text: str) -> list[str]:
    """Capitalised words not at the start of a sentence, and numbers of two to four digits."""
    out = []
    for m in _NAME.finditer(text):
        before = text[: m.start()].rstrip()
        if m.group()[0].isupper() and (not before or before[-1] in ".!?\"'“‘:\n"):
            continue  # "The", "Firefighters" opening a sentence name nothing
        out.append(m.group())
    return out


def name_vectors(docs: Sequence[Document], dims: int = NAME_DIMS) -> np.ndarray:
    """One unit vector per document: log-scaled, IDF-weighted counts of its capitalised
    words and numbers, hashed into ``dims`` (IDF from these documents)."""
    counts = np.zeros((len(docs), dims), dtype=np.float32)
    for i, doc in enumerate(docs):
        for word in names_in(doc.text):
            counts[i, zlib.crc32(word.lower().encode("utf-8")) % dims] += 1.0
    df = (counts > 0).sum(axis=0)
    idf = np.log((len(docs) + 1) / (df + 1)).astype(np.float32)
    weighted = np.log1p(counts) * idf
    norms = np.maximum(np.linalg.norm(weighted, axis=1, keepdims=True), 1e-9)
    return weighted / norms


def combined_vectors(docs: Sequence[Document], embedder, splitter) -> np.ndarray:
    """Embedding and names side by side: their dot product is the weighted mean of the two
    cosines."""
    meaning = document_vectors(docs, embedder, splitter) * np.sqrt(1.0 - NAME_WEIGHT)
    return np.hstack([meaning, name_vectors(docs) * np.sqrt(NAME_WEIGHT)]).astype(np.float32)


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
    vectors = combined_vectors(docs, resources.embedder, resources.splitter)
    pairs = list(neighbour_pairs(vectors))
    n = len(docs)
    story = components(n, ((i, j) for i, j, c in pairs if c >= STORY_COSINE))
    event = components(n, ((i, j) for i, j, _ in pairs))
    return Grouping(
        tuple(d.id for d in docs), tuple(d.source for d in docs), story, event, tuple(errors)
    )
