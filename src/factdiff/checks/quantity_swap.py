"""quantity_swap: two counts exchanged between their nouns.

"three men and two women" → "two men and three women" is ONE change (the counts were
swapped), not two number changes; the pair runner lets this finding win over number_change
on the same words.
"""

from __future__ import annotations

import re
from itertools import combinations

from factdiff.checks._common import confidence, doc_of, finding, fold, span_of, values_equal
from factdiff.checks._numbers import describe, noun_key, quantities, usable
from factdiff.types import Finding, Mention, Pair, Quantity, SentenceFacts


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
    if not findings and len(pair.evidence) == 1 and pair.relation != "partial":
        findings = swapped_in_context(pair)
    return findings


_NUM = re.compile(r"\d+(?:[.,]\d+)*")
_CONTEXT_WORD = re.compile(r"[a-z]+")


def _numbers_in_context(text: str) -> dict[str, list[tuple[str, str, int, int]]]:
    """number → (word before, word after, start, end) of each time the sentence gives it."""
    t = fold(text)
    out: dict[str, list[tuple[str, str, int, int]]] = {}
    for m in _NUM.finditer(t):
        before = _CONTEXT_WORD.findall(t[max(0, m.start() - 30) : m.start()])
        after = _CONTEXT_WORD.findall(t[m.end() : m.end() + 30])
        out.setdefault(m.group(), []).append(
            (before[-1] if before else "", after[0] if after else "", m.start(), m.end())
        )
    return out


def swapped_in_context(pair: Pair) -> list[Finding]:
    """Two numbers that changed places between the words around them, in counterparts that
    give the same numbers ("Jordan, 37, took his 35-foot boat" → "Jordan, 35, took his
    37-foot boat"), even when the extractor found no counted noun. A clause moved whole keeps
    its number beside the same words, so it is no swap."""
    claim, ev = pair.claim, pair.evidence[0]
    mine, theirs = _numbers_in_context(claim.sentence.text), _numbers_in_context(ev.sentence.text)
    if sorted(mine) != sorted(theirs) or any(
        len(v) != 1 for v in (*mine.values(), *theirs.values())
    ):
        return []
    for a, b in combinations(sorted(mine), 2):
        (ca, cb), (ea, eb) = (mine[a][0], mine[b][0]), (theirs[a][0], theirs[b][0])
        same_places = ca[:2] == ea[:2] or cb[:2] == eb[:2]
        swapped = ca[:2] == eb[:2] and cb[:2] == ea[:2] and ca[:2] != cb[:2]
        if same_places or not swapped:
            continue
        cs, es = claim.sentence.start, ev.sentence.start
        ma = Mention(a, cs + ca[2], cs + ca[3], "NUMBER", a)
        mb = Mention(b, cs + cb[2], cs + cb[3], "NUMBER", b)
        ea_m = Mention(a, es + ea[2], es + ea[3], "NUMBER", a)
        eb_m = Mention(b, es + eb[2], es + eb[3], "NUMBER", b)
        return [
            finding(
                "quantity_swap",
                "high",
                confidence(pair, 0.9),
                span_of(claim, ma, mb),
                [span_of(ev, ea_m, eb_m)],
                f"{doc_of(claim)} swaps {a} and {b}: it gives {a} where {doc_of(ev)} gives "
                f"{b} and {b} where it gives {a}.",
            )
        ]
    return []
