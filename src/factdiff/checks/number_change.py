"""number_change: the same counted thing with another number, or a hedge dropped or added.

"at least 12 people were hurt" → "21 people were hurt" (value, high) or → "12 people were
hurt" (hedge dropped, medium). Faithful rounding ("nearly 1,500" for "1,482") is not a change.
A number that only moved to another noun is left to quantity_swap.
"""

from __future__ import annotations

from factdiff.checks._common import (
    confidence,
    doc_of,
    finding,
    relative_position,
    span_of,
    strict,
    values_equal,
)
from factdiff.checks._numbers import (
    consistent,
    describe,
    hedge_group,
    quantities,
    same_duration,
    same_noun,
    usable,
)
from factdiff.types import Finding, Pair, Quantity, SentenceFacts


def _hedge_finding(pair: Pair, cq: Quantity, ev: SentenceFacts, q: Quantity) -> Finding:
    claim = pair.claim
    if q.hedge and not cq.hedge:
        how = f"drops the hedge '{q.hedge}'"
    elif cq.hedge and not q.hedge:
        how = f"adds the hedge '{cq.hedge}'"
    else:
        how = f"changes the hedge '{q.hedge}' to '{cq.hedge}'"
    return finding(
        "number_change",
        "medium",
        confidence(pair, 0.8),
        span_of(claim, cq.mention, cq.hedge_mention),
        [span_of(ev, q.mention, q.hedge_mention)],
        f"{doc_of(claim)} {how}: it says {describe(cq, claim)} where {doc_of(ev)} says "
        f"{describe(q, ev)}.",
    )


def _target(pair: Pair, cq: Quantity, ref: list[tuple[SentenceFacts, Quantity]]):
    """The evidence quantity this claim quantity stands for, by noun, else by position."""
    same = [(ev, q) for ev, q in ref if same_noun(cq, q)]
    if not same:
        claim_values = [q.value for q in pair.claim.quantities if usable(q)]
        same = [
            (ev, q)
            for ev, q in ref
            if not (q.noun and cq.noun) and not any(values_equal(q.value, v) for v in claim_values)
        ]
    if not same:
        return None
    pos = relative_position(pair.claim, cq.mention)
    return min(same, key=lambda t: abs(relative_position(t[0], t[1].mention) - pos))


def _ordinals(facts: SentenceFacts) -> list[Quantity]:
    return [q for q in facts.quantities if q.mention.label == "ORDINAL" and q.value is not None]


def ordinal_changes(pair: Pair) -> list[Finding]:
    """A rank changed in a sentence that is otherwise the same ("qualified in 16th place" →
    "in sixth place"). Only between counterparts, only when each side has one rank, so
    "the 17th-fastest" beside it or a century ("21st") cannot be mistaken for it."""
    if pair.relation not in ("near_verbatim", "paraphrase") or len(pair.evidence) != 1:
        return []
    mine, theirs = _ordinals(pair.claim), _ordinals(pair.evidence[0])
    if not mine or not theirs or len(mine) != len(theirs):
        return []
    claim, ev = pair.claim, pair.evidence[0]
    values = {q.value for q in theirs}
    out = []
    for cq, q in zip(mine, theirs, strict=True):
        if cq.value in values or values_equal(cq.value, q.value):
            continue
        out.append(
            finding(
                "number_change",
                "high",
                confidence(pair, 0.85),
                span_of(claim, cq.mention),
                [span_of(ev, q.mention)],
                f"{doc_of(claim)} says '{cq.mention.text}' where {doc_of(ev)} says "
                f"'{q.mention.text}'.",
            )
        )
    return out


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    ref = quantities(pair.evidence)
    if not ref:
        return ordinal_changes(pair)
    wider = [] if strict(pair) else quantities(pair.context)
    findings: list[Finding] = []
    for cq in claim.quantities:
        if not usable(cq):
            continue
        matches = [
            (ev, q)
            for ev, q in ref
            if consistent(cq, q) and (same_noun(cq, q) or not q.noun or not cq.noun)
        ]
        exact = [(ev, q) for ev, q in matches if values_equal(cq.value, q.value)]
        if exact:
            if not any(hedge_group(cq) == hedge_group(q) for _, q in exact):
                findings.append(_hedge_finding(pair, cq, *exact[0]))
            continue
        if matches or any(values_equal(cq.value, q.value) for _, q in ref):
            continue  # rounded faithfully, or moved to another noun (quantity_swap's case)
        if any(consistent(cq, q) and same_noun(cq, q) for _, q in wider):
            continue
        if same_duration(claim, cq, (*pair.evidence, *pair.context)):
            continue  # "three decades" for "30 years"
        target = _target(pair, cq, ref)
        if target is None:
            continue
        ev, q = target
        findings.append(
            finding(
                "number_change",
                "high",
                confidence(pair, 0.9 if same_noun(cq, q) else 0.75),
                span_of(claim, cq.mention, cq.hedge_mention),
                [span_of(ev, q.mention, q.hedge_mention)],
                f"{doc_of(claim)} says {describe(cq, claim)} where {doc_of(ev)} says "
                f"{describe(q, ev)}.",
            )
        )
    return findings + ordinal_changes(pair)
