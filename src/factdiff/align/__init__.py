"""ALIGN stage: for every sentence, its counterparts in the other versions and in its own
document, labelled verbatim | near_verbatim | paraphrase | partial.

Lexical candidates come from an inverted index (never a blind all-pairs scan of a corpus);
embeddings, when an embedder is given, add paraphrases that share few words. Within one story
a cosine matrix per document pair is cheap, so it is computed in full.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from factdiff.align.lexical import LexText, join, lex_scores, lexical_candidates, prepare
from factdiff.align.pairing import (
    PartialGroup,
    accept_partial,
    greedy_one_to_one,
    is_relevant,
    select_partials,
)
from factdiff.align.relations import SAME_DOC_SPUN_COSINE, Scored, score_pair
from factdiff.align.semantic import cosine_matrix, embed_documents
from factdiff.models.embedder import Embedder
from factdiff.types import Alignment, Sentence

__all__ = ["align_documents", "embed_documents", "nearest_sentences"]

CANDIDATE_COSINE = 0.50  # embedding pairs above this are scored even with no shared word
EVIDENCE_COSINE_WEIGHT = 0.6  # nearest_sentences: share of the embedding in the mixed score


class _Side:
    """One document prepared for alignment: its sentences, their tokens, their vectors."""

    def __init__(self, sents: Sequence[Sentence], vecs: np.ndarray | None) -> None:
        self.sents = list(sents)
        self.lex = [prepare(s.text) for s in self.sents]
        self.vecs = vecs


class _PairScorer:
    """Scores pairs of one document pair on demand, each pair once."""

    def __init__(self, left: _Side, right: _Side, *, same_document: bool = False) -> None:
        self.left, self.right, self.same = left, right, same_document
        self.cos = (
            cosine_matrix(left.vecs, right.vecs)
            if left.vecs is not None and right.vecs is not None
            else None
        )
        self.cache: dict[tuple[int, int], Scored] = {}

    def __call__(self, i: int, j: int) -> Scored:
        key = (i, j)
        if key not in self.cache:
            cos = None if self.cos is None else float(self.cos[i, j])
            lex = lex_scores(self.left.lex[i], self.right.lex[j])
            self.cache[key] = score_pair(i, j, lex, cos, same_document=self.same)
        return self.cache[key]

    def candidates(self, min_cosine: float) -> list[tuple[int, int]]:
        pairs = lexical_candidates(self.left.lex, self.right.lex)
        if self.cos is not None:
            rows, cols = np.nonzero(self.cos >= min_cosine)
            pairs.update(zip(rows.tolist(), cols.tolist(), strict=True))
        if self.same:
            pairs = {(i, j) for i, j in pairs if i < j}
        return sorted(pairs)


def _partial_proposals(scorer: _PairScorer, pairs: Sequence[Scored]) -> list[PartialGroup]:
    """Split/merge groups around relevant pairs whose two parts each contribute."""
    n_left, n_right = len(scorer.left.sents), len(scorer.right.sents)
    seeds = [p for p in pairs if is_relevant(p)]
    shapes: set[tuple[int, tuple[int, int], bool]] = set()
    for p in seeds:
        for first in (p.j - 1, p.j):
            if first >= 0 and first + 1 < n_right:
                shapes.add((p.i, (first, first + 1), True))
        for first in (p.i - 1, p.i):
            if first >= 0 and first + 1 < n_left:
                shapes.add((p.j, (first, first + 1), False))
    kept = []
    for single, parts, split in sorted(shapes):
        scores = tuple(scorer(single, k) if split else scorer(k, single) for k in parts)
        if all(is_relevant(s) for s in scores) and not any(
            s.relation in ("verbatim", "near_verbatim") for s in scores
        ):
            kept.append((single, parts, split, scores))
    groups = []
    for single, parts, split, scores in kept:
        one, two = (scorer.left, scorer.right) if split else (scorer.right, scorer.left)
        lex_two: LexText = join(two.lex[parts[0]], two.lex[parts[1]])
        joined_vec = _joined_vector(two, parts)
        cos = None
        if joined_vec is not None and one.vecs is not None:
            cos = float(np.clip(one.vecs[single] @ joined_vec, -1.0, 1.0))
        lex = (
            lex_scores(one.lex[single], lex_two) if split else lex_scores(lex_two, one.lex[single])
        )
        i, j = (single, parts[0]) if split else (parts[0], single)
        group = PartialGroup(single, parts, split, score_pair(i, j, lex, cos))
        if accept_partial(group, scores):
            groups.append(group)
    return groups


def _joined_vector(side: _Side, parts: tuple[int, int]) -> np.ndarray | None:
    """Embedding of two consecutive sentences read as one, without running the model again:
    mean pooling makes it close to the token-weighted mean of the two sentence vectors."""
    if side.vecs is None:
        return None
    first, second = parts
    vec = side.vecs[first] * len(side.lex[first].tokens) + side.vecs[second] * len(
        side.lex[second].tokens
    )
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm > 0 else vec


def _align_two(left: _Side, right: _Side) -> list[Alignment]:
    scorer = _PairScorer(left, right)
    pairs = [scorer(i, j) for i, j in scorer.candidates(CANDIDATE_COSINE)]
    groups = select_partials(_partial_proposals(scorer, pairs), pairs)
    used_left = {i for g in groups for i in g.left}
    used_right = {j for g in groups for j in g.right}
    ones = greedy_one_to_one(pairs, len(left.sents), len(right.sents), used_left, used_right)
    ones += second_counterparts(
        pairs, ones, used_right, _PairScorer(right, right, same_document=True)
    )
    out = [
        Alignment(left.sents[p.i], right.sents[p.j], p.relation, round(p.similarity, 4))
        for p in ones
    ]
    for g in groups:
        sim = round(g.joined.similarity, 4)
        for i in g.left:
            for j in g.right:
                out.append(Alignment(left.sents[i], right.sents[j], "partial", sim))
    return sorted(out, key=lambda a: (a.a.index, a.b.index))


def second_counterparts(
    pairs: Sequence[Scored],
    ones: Sequence[Scored],
    used_right: set[int],
    within_right: _PairScorer,
) -> list[Scored]:
    """A later version's sentence left out of the one-to-one matching although it restates an
    earlier sentence: a page that quotes an original caption and then its spun rewrite holds
    two counterparts of one sentence, and the rewrite must be judged against the original,
    not against whatever sentence is nearest. Only when the sentence that took the match is
    a restatement of this one inside the same page (a copy's merged or split sentences are
    not: each is matched on its own)."""
    holder = {p.i: p.j for p in ones}
    taken = set(holder.values()) | used_right
    best: dict[int, Scored] = {}
    for p in pairs:
        if p.relation is None or p.j in taken or p.i not in holder:
            continue
        if p.j not in best or p.similarity > best[p.j].similarity:
            best[p.j] = p
    out = []
    for j, p in sorted(best.items()):
        first, second = sorted((holder[p.i], j))
        if within_right(first, second).relation is not None:
            out.append(p)
    return out


def _align_within(side: _Side) -> list[Alignment]:
    scorer = _PairScorer(side, side, same_document=True)
    pairs = [scorer(i, j) for i, j in scorer.candidates(SAME_DOC_SPUN_COSINE)]
    ones = greedy_one_to_one(pairs, len(side.sents), len(side.sents))
    return [
        Alignment(side.sents[p.i], side.sents[p.j], p.relation, round(p.similarity, 4))
        for p in ones
    ]


def align_documents(
    sentences: Mapping[str, Sequence[Sentence]],
    embedder: Embedder | None,
    *,
    within_document: bool = True,
    vectors: Mapping[str, np.ndarray] | None = None,
) -> list[Alignment]:
    """Align the sentences of every pair of documents (in the mapping's order: ``a`` is from
    the earlier document) and, with ``within_document``, later restatements inside one
    document. Without an embedder the alignment is lexical only.

    ``vectors`` (from ``embed_documents``) lets a caller that also needs the embeddings
    elsewhere (``nearest_sentences``) encode each sentence only once."""
    if vectors is not None:
        vecs = dict(vectors)
    else:
        vecs = embed_documents(sentences, embedder) if embedder is not None else {}
    sides = {doc: _Side(sents, vecs.get(doc)) for doc, sents in sentences.items()}
    docs = list(sides)
    out: list[Alignment] = []
    for x, first in enumerate(docs):
        for second in docs[x + 1 :]:
            out.extend(_align_two(sides[first], sides[second]))
    if within_document:
        for doc in docs:
            out.extend(_align_within(sides[doc]))
    return out


def nearest_sentences(
    claims: Sequence[Sentence],
    sources: Sequence[Sentence],
    embedder: Embedder | None,
    k: int = 3,
    *,
    claim_vecs: np.ndarray | None = None,
    source_vecs: np.ndarray | None = None,
) -> dict[int, list[tuple[Sentence, float]]]:
    """For each claim (keyed by ``Sentence.index``), the ``k`` source sentences most like it,
    best first, even below the alignment thresholds: the evidence for a sentence that fuses
    facts from several source sentences. Score in [0, 1]: embedding cosine mixed with
    content-word overlap (overlap alone without an embedder)."""
    if k < 1:
        raise ValueError("k must be >= 1")
    if not claims:
        return {}
    if not sources:
        return {c.index: [] for c in claims}
    if embedder is not None and claim_vecs is None:
        claim_vecs = embedder.encode([c.text for c in claims])
    if embedder is not None and source_vecs is None:
        source_vecs = embedder.encode([s.text for s in sources])
    cos = (
        cosine_matrix(claim_vecs, source_vecs)
        if claim_vecs is not None and source_vecs is not None
        else None
    )
    src_lex = [prepare(s.text) for s in sources]
    out: dict[int, list[tuple[Sentence, float]]] = {}
    for ci, claim in enumerate(claims):
        c_lex = prepare(claim.text)
        scored = []
        for si, s_lex in enumerate(src_lex):
            lx = lex_scores(c_lex, s_lex)
            lexical = 0.5 * lx.dice + 0.5 * lx.containment
            if cos is None:
                score = lexical
            else:
                w = EVIDENCE_COSINE_WEIGHT
                score = w * max(0.0, float(cos[ci, si])) + (1 - w) * lexical
            scored.append((round(min(1.0, score), 4), si))
        scored.sort(key=lambda t: (-t[0], t[1]))
        out[claim.index] = [(sources[si], score) for score, si in scored[:k]]
    return out
