"""quantity_swap: two counts exchanged between their nouns.

"three men and two women" → "two men and three women" is ONE change (the counts were
swapped), not two number changes; the pair runner lets this finding win over number_change
on the same words.
"""

from __future__ import annotations

from itertools import combinations

from factdiff.checks._common import confidence, doc_of, finding, span_of, values_equal
from factdiff.checks._numbers import describe, noun_key, quantities, usable
from factdiff.types import Finding, Pair, Quantity, SentenceFacts


def _find(ref: list[tuple[SentenceFacts, Quantity]], noun: str, value: float | None):
    for ev, q in ref:
        if noun_key(q) == noun and values_equal(q.value, value):
            return ev, q
    return None


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    ref = quantities(pair.evidence)
    counted = [q for q in claim.quantities if usable(q) and noun_key(q)]
    findings: list[Finding] = []
    for a, b in combinations(counted, 2):
        na, nb = noun_key(a), noun_key(b)
        if na == nb or values_equal(a.value, b.value):
            continue
        if _find(ref, na, a.value) or _find(ref, nb, b.value):
            continue  # at least one count is as in the source: not a swap
        old_a, old_b = _find(ref, na, b.value), _find(ref, nb, a.value)
        if old_a is None or old_b is None:
            continue
        (ev_a, qa), (ev_b, qb) = old_a, old_b
        findings.append(
            finding(
                "quantity_swap",
                "high",
                confidence(pair, 0.95),
                span_of(claim, a.mention, b.mention),
                [span_of(ev_a, qa.mention, qb.mention if ev_b is ev_a else None)],
                f"{doc_of(claim)} swaps the counts: it says {describe(a, claim)} and "
                f"{describe(b, claim)} where {doc_of(ev_a)} says {describe(qa, ev_a)} and "
                f"{describe(qb, ev_b)}.",
            )
        )
    return findings
