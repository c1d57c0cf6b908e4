"""modality_change: a possibility stated as fact or made certain, a certainty hedged.

"the council may approve the plan" → "the council will approve the plan" or "... approves the
plan". Modals carry a class (possible | certain | necessary | conditional | ability). For a
merged claim every evidence sentence counts: a hedge one of them has is not added, and a hedge
is dropped only from a clause the claim carries.

What is reported, and why only this: a rewrite that drops a hedge ("may" → "will", or "may"
gone while the clause is kept) turns a possibility into a fact, which is the change spinners
make; a certainty made a possibility ("will" → "may") is the reverse. A hedge added to a plain
statement weakens it and is shown at severity info. Obligation ("must", "should", "need to"),
ability ("can") and the conditional ("would") are not compared: paraphrases move between them
and plain statements all the time ("urged them to leave" / "said they should leave").
"""

from __future__ import annotations

from factdiff.checks._common import clause_keys, confidence, coverage, doc_of, finding, span_of
from factdiff.types import Finding, Mention, Pair, SentenceFacts

# The claim carries an evidence modal's clause when it has this share of its content words.
CARRIED = 0.6
HEDGE = "possible"
CERTAIN = "certain"
# A claim with one of these cannot be said to state the clause as plain fact.
NOT_PLAIN = frozenset({HEDGE, "conditional"})

_WORDING = {
    HEDGE: "as possible",
    CERTAIN: "as certain",
    "": "as plain fact",
}


def _classes(facts: SentenceFacts) -> set[str]:
    return {m.norm for m in facts.modals if m.norm}


def _first(facts: SentenceFacts, cls: str) -> Mention | None:
    return next((m for m in facts.modals if m.norm == cls), None)


def _describe(m: Mention | None) -> str:
    if m is None:
        return _WORDING[""]
    return f"{_WORDING.get(m.norm, 'as ' + m.norm)} ('{m.text}')"


def _dropped_hedge(claim: SentenceFacts, evidence: tuple[SentenceFacts, ...]):
    """(evidence sentence, hedge) whose clause the claim carries without a hedge."""
    for ev in evidence:
        for m in ev.modals:
            if m.norm == HEDGE and coverage(clause_keys(ev, m), (claim,)) >= CARRIED:
                return ev, m
    return None


def _found(pair: Pair, severity, base: float, c_mod, ev, e_mod) -> list[Finding]:
    claim = pair.claim
    return [
        finding(
            "modality_change",
            severity,
            confidence(pair, base),
            span_of(claim, c_mod),
            [span_of(ev, e_mod)],
            f"{doc_of(claim)} presents this {_describe(c_mod)} where {doc_of(ev)} presents "
            f"it {_describe(e_mod)}.",
        )
    ]


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    if not pair.evidence:
        return []
    mine = _classes(claim)
    theirs = set().union(*(_classes(e) for e in pair.evidence))
    if not mine & NOT_PLAIN:
        dropped = _dropped_hedge(claim, pair.evidence)
        if dropped is not None:
            ev, e_mod = dropped
            c_mod = _first(claim, CERTAIN)
            return _found(pair, "medium", 0.85 if c_mod else 0.6, c_mod, ev, e_mod)
    if HEDGE in mine and HEDGE not in theirs:
        ev = next((e for e in pair.evidence if CERTAIN in _classes(e)), None)
        if ev is not None:
            return _found(pair, "medium", 0.85, _first(claim, HEDGE), ev, _first(ev, CERTAIN))
        return _found(pair, "info", 0.5, _first(claim, HEDGE), pair.evidence[0], None)
    return []
