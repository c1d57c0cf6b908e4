"""Turning scored candidate pairs into alignments: split/merge groups first, then a greedy
one-to-one matching (best similarity first; ties go to the pair closest in document order)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factdiff.align.relations import Scored

PARTIAL_MARGIN = 0.10  # the joined sentences must match this much better than either part
PART_MIN_DICE = 0.10  # each part must share something with the whole ...
PART_MIN_COSINE = 0.30  # ... in words or in meaning


@dataclass(frozen=True, slots=True)
class PartialGroup:
    """One sentence on the ``single`` side matching two consecutive sentences on the other.

    ``split`` True: left[single] was split into right[parts]; False: left[parts] were merged
    into right[single]."""

    single: int
    parts: tuple[int, int]
    split: bool
    joined: Scored  # the single sentence scored against the two parts read as one

    @property
    def left(self) -> tuple[int, ...]:
        return (self.single,) if self.split else self.parts

    @property
    def right(self) -> tuple[int, ...]:
        return self.parts if self.split else (self.single,)


def is_relevant(s: Scored | None) -> bool:
    """Does a part share enough with the whole to be one piece of it?"""
    if s is None:
        return False
    return s.lex.dice >= PART_MIN_DICE or (s.cosine is not None and s.cosine >= PART_MIN_COSINE)


def accept_partial(group: PartialGroup, part_scores: tuple[Scored | None, Scored | None]) -> bool:
    """The joined reading must be aligned, clearly better than each part, and each part
    must contribute; a part that already restates the whole sentence is no split."""
    if group.joined.relation is None or not all(is_relevant(p) for p in part_scores):
        return False
    if any(p.relation in ("verbatim", "near_verbatim") for p in part_scores if p is not None):
        return False
    best_part = max(p.similarity for p in part_scores if p is not None)
    return group.joined.similarity >= best_part + PARTIAL_MARGIN


def _position_gap(s: Scored, n_left: int, n_right: int) -> float:
    return abs(s.i / max(n_left, 1) - s.j / max(n_right, 1))


def select_partials(groups: Iterable[PartialGroup], pairs: Iterable[Scored]) -> list[PartialGroup]:
    """Accepted groups, best first, each sentence in at most one group; a group loses to a
    one-to-one pair that matches one of its sentences better."""
    best_left: dict[int, float] = {}
    best_right: dict[int, float] = {}
    for p in pairs:
        if p.relation is not None:
            best_left[p.i] = max(best_left.get(p.i, 0.0), p.similarity)
            best_right[p.j] = max(best_right.get(p.j, 0.0), p.similarity)
    chosen: list[PartialGroup] = []
    used_left: set[int] = set()
    used_right: set[int] = set()
    ordered = sorted(groups, key=lambda g: (-g.joined.similarity, g.left, g.right))
    for g in ordered:
        sim = g.joined.similarity
        if used_left.intersection(g.left) or used_right.intersection(g.right):
            continue
        if any(best_left.get(i, 0.0) > sim for i in g.left):
            continue
        if any(best_right.get(j, 0.0) > sim for j in g.right):
            continue
        chosen.append(g)
        used_left.update(g.left)
        used_right.update(g.right)
    return chosen


def greedy_one_to_one(
    pairs: Iterable[Scored],
    n_left: int,
    n_right: int,
    used_left: set[int] | None = None,
    used_right: set[int] | None = None,
) -> list[Scored]:
    """Best-first one-to-one matching of aligned pairs (relation not None)."""
    used_left = set() if used_left is None else set(used_left)
    used_right = set() if used_right is None else set(used_right)
    ordered = sorted(
        (p for p in pairs if p.relation is not None),
        key=lambda p: (-round(p.similarity, 6), _position_gap(p, n_left, n_right), p.i, p.j),
    )
    chosen: list[Scored] = []
    for p in ordered:
        if p.i in used_left or p.j in used_right:
            continue
        chosen.append(p)
        used_left.add(p.i)
        used_right.add(p.j)
    return sorted(chosen, key=lambda p: (p.i, p.j))
