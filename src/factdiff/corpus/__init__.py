"""Corpus mode: group a crawl into stories (copies of one article, verbatim, edited or spun)
and events (different articles about one real event), then compare each story.

Stages, one module each, data flowing one way:
sketch (text → words, names, MinHash; per document, streamable) → vectors (TF-IDF rows) →
candidates (MinHash LSH over shingles, MinHash LSH over each document's heaviest terms, and
an inverted index over those terms with capped posting lists: linear in the corpus) →
linking (exact cosine of each candidate pair, then average-link groups: stories at
``STORY_COSINE``, events grown from the stories down to ``EVENT_COSINE``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numba
import numpy as np

from factdiff.corpus.candidates import (
    INDEXED_TERMS,
    TERM_ROWS,
    lsh_pairs,
    term_pairs,
    term_signatures,
    top_terms,
    unique_pairs,
)
from factdiff.corpus.linking import average_link, components, cosines
from factdiff.corpus.sketch import Sketches, sketch_many
from factdiff.corpus.vectors import tfidf
from factdiff.types import Document, IngestError

__all__ = ["Grouping", "components", "group", "group_sketches", "labels", "link", "sketch_many"]

# Chosen on the tuning halves of scripts/bench_grouping.py (spun dev-01..16 with half the
# distractors; ECB+ topics 1-17) and reported on the other halves (see the README).
STORY_COSINE = 0.5
EVENT_COSINE = 0.25
SEED = 0


@dataclass(frozen=True, slots=True)
class Grouping:
    """Story and event number of each document, in input order (numbered by first use)."""

    docs: tuple[str, ...]
    sources: tuple[str, ...]
    story: tuple[int, ...]
    event: tuple[int, ...]
    errors: tuple[IngestError, ...] = ()


@dataclass(frozen=True, slots=True)
class Links:
    """The verified candidate pairs and their exact cosines (kept for choosing originals
    and for the benchmarks)."""

    pairs: np.ndarray  # (m, 2) int64, i < j
    sims: np.ndarray  # (m,) float32


# Numba's parallel loops run on a threading layer. GNU OpenMP, which numba picks where it
# is installed, kills a forked child that runs them after its parent did (a pool of
# workers grouping, after the driver grouped): ask for a fork-safe layer unless the user
# chose one. Numba's own "workqueue" layer (the fork-safe choice without TBB, and the only
# layer on a machine without OpenMP or TBB) aborts the process when two Python threads run
# parallel loops at once: so one ``link`` at a time per process.
if "NUMBA_THREADING_LAYER" not in os.environ:
    numba.config.THREADING_LAYER = "forksafe"
_ONE_AT_A_TIME = threading.Lock()


def link(sketches: Sketches, seed: int = SEED, floor: float = EVENT_COSINE):
    """TF-IDF rows and the candidate pairs of a corpus whose exact cosine reaches ``floor``
    (the lowest threshold ``labels`` will be asked for: nothing below it can link).
    Thread-safe: calls from several threads take turns."""
    with _ONE_AT_A_TIME:
        return _link(sketches, seed, floor)


def _link(sketches: Sketches, seed: int, floor: float):
    rows = tfidf(sketches)
    terms, weights = top_terms(rows)
    pairs = unique_pairs(
        np.concatenate(
            [
                lsh_pairs(sketches.signatures),
                lsh_pairs(term_signatures(terms, seed), TERM_ROWS),
                term_pairs(terms[:, :INDEXED_TERMS], weights[:, :INDEXED_TERMS]),
            ]
        ),
        len(sketches),
    )
    sims = cosines(rows, pairs)
    keep = sims >= floor
    return rows, Links(pairs[keep], sims[keep])


def labels(
    rows, links: Links, story_cosine: float = STORY_COSINE, event_cosine: float = EVENT_COSINE
) -> tuple[np.ndarray, np.ndarray]:
    """(story, event) label per document: events grow from whole stories."""
    story = average_link(rows, links.pairs, links.sims, story_cosine)
    event = average_link(rows, links.pairs, links.sims, event_cosine, start=story)
    return story, event


def group_sketches(
    ids: Sequence[str],
    sources: Sequence[str],
    sketches: Sketches,
    errors: Sequence[IngestError] = (),
    seed: int = SEED,
):
    """(Grouping, TF-IDF rows) of sketched documents. The engines sketch in parallel and
    call this once: the groups depend only on the sketches and the seed."""
    rows, links = link(sketches, seed)
    story, event = labels(rows, links)
    grouping = Grouping(
        tuple(ids), tuple(sources), tuple(int(x) for x in story), tuple(int(x) for x in event),
        tuple(errors),
    )  # fmt: skip
    return grouping, rows


def group(docs: Sequence[Document], errors: Sequence[IngestError] = (), seed: int = SEED):
    """Stories and events of documents in memory (see the module docstring)."""
    sketches = sketch_many([d.text for d in docs], seed)
    ids, sources = [d.id for d in docs], [d.source for d in docs]
    return group_sketches(ids, sources, sketches, errors, seed)[0]
