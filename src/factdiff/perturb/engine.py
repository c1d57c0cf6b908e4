"""Make labelled copies of a text, one change each, deterministically from a seed."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from typing import Any

from factdiff.perturb import tables
from factdiff.perturb.changes import OPERATORS, build_pools
from factdiff.perturb.controls import CONTROLS
from factdiff.perturb.edits import Edit, Perturbation, apply_edit

ALL_OPERATORS = {**OPERATORS, **CONTROLS}


def candidate_edits(doc: Any, rng: random.Random, types: Iterable[str]) -> dict[str, list[Edit]]:
    """Every edit each operator can make on ``doc``, by change type (deterministic order)."""
    pools = build_pools(doc)
    out: dict[str, list[Edit]] = {}
    for change_type in types:
        edits = [e for e in ALL_OPERATORS[change_type](doc, pools, rng) if _is_change(doc.text, e)]
        out[change_type] = edits
    return out


def _is_change(text: str, edit: Edit) -> bool:
    return text[edit.start : edit.end] != edit.new and 0 <= edit.start <= edit.end <= len(text)


def perturb_doc(
    doc: Any, rng: random.Random, n: int, types: Sequence[str] | None = None
) -> list[Perturbation]:
    """Up to ``n`` copies of a parsed text, each with one change, spread over change types.

    Types take turns (in a seeded order) so one frequent type (numbers, say) does not crowd
    out the rare ones; within a type the edit is drawn at random.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    types = tuple(types) if types is not None else tables.ALL_TYPES
    unknown = [t for t in types if t not in ALL_OPERATORS]
    if unknown:
        raise ValueError(f"unknown change type(s) {unknown}; valid: {list(tables.ALL_TYPES)}")
    candidates = candidate_edits(doc, rng, types)
    order = [t for t in types if candidates[t]]
    rng.shuffle(order)
    out: list[Perturbation] = []
    seen: set[str] = set()
    while len(out) < n and order:
        for change_type in list(order):
            pool = candidates[change_type]
            if not pool:
                order.remove(change_type)
                continue
            edit = pool.pop(rng.randrange(len(pool)))
            label = 1 if change_type in tables.FAITHFUL_TYPES else 0
            pert = apply_edit(doc.text, edit, label)
            if pert.rewrite in seen:
                continue
            seen.add(pert.rewrite)
            out.append(pert)
            if len(out) >= n:
                break
    return out


def perturb_text(
    text: str, nlp: Any, rng: random.Random, n: int, types: Sequence[str] | None = None
) -> list[Perturbation]:
    """Parse ``text`` with ``nlp`` (spaCy) and make up to ``n`` one-change copies of it."""
    return perturb_doc(nlp(text), rng, n, types)
