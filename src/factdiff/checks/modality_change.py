"""modality_change: a possibility made certain, a certainty hedged, an obligation dropped.

"the council may approve the plan" → "the council will approve the plan". Modals carry a class
(possible | certain | necessary). "will" against no modal at all is not a change ("will vote
on Tuesday" ~ "votes on Tuesday"). For a merged claim every evidence sentence counts: a modal
one of them has is not added, and a modal is dropped only from a clause the claim carries.

Only a modal REPLACED by one of another class ("may" → "must") is medium. A hedge merely added
("may improve") or dropped (the summary states plainly what the source hedged) is low: faithful
summaries do both all the time, so on its own it is a note, not a changed fact.
"""

from __future__ import annotations

from factdiff.checks._common import clause_keys, confidence, coverage, doc_of, finding, span_of
from factdiff.types import Finding, Mention, Pair, SentenceFacts

# The claim carries an evidence modal's clause when it has this share of its content words.
CARRIED = 0.6

_WORDING = {
    "possible": "as possible",
    "certain": "as certain",
    "necessary": "as necessary",
    "": "as plain fact",
}


def _classes(facts: SentenceFacts) -> set[str]:
    return {m.norm for m in facts.modals if m.norm} - {"certain"}


def _first(facts: SentenceFacts, classes: set[str]) -> Mention | None:
    return next((m for m in facts.modals if m.norm in classes), None)


def _describe(m: Mention | None) -> str:
    if m is None:
        return _WORDING[""]
    return f"{_WORDING.get(m.norm, 'as ' + m.norm)} ('{m.text}')"


def _dropped(claim: SentenceFacts, evidence: tuple[SentenceFacts, ...], gone: set[str]):
    """(evidence sentence, modal) of a class in ``gone`` whose clause the claim carries."""
    for ev in evidence:
        for m in ev.modals:
            if m.norm in gone and coverage(clause_keys(ev, m), (claim,)) >= CARRIED:
                return ev, m
    return None


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    if not pair.evidence:
        return []
    c_cls = _classes(claim)
    e_all = set().union(*(_classes(e) for e in pair.evidence))
    added = c_cls - e_all
    dropped = _dropped(claim, pair.evidence, e_all - c_cls)
    if not added and dropped is None:
        return []
    ev, e_mod = dropped or (pair.evidence[0], None)
    # The modal that differs on each side; "certain" counts when it replaces another class.
    c_mod = _first(claim, added) or _first(claim, {"certain"})
    e_mod = e_mod or _first(ev, {"certain"})
    if c_mod is None and e_mod is None:
        return []
    replaced = c_mod is not None and e_mod is not None
    return [
        finding(
            "modality_change",
            "medium" if replaced else "low",
            confidence(pair, 0.85 if replaced else 0.5),
            span_of(claim, c_mod),
            [span_of(ev, e_mod)],
            f"{doc_of(claim)} presents this {_describe(c_mod)} where {doc_of(ev)} presents "
            f"it {_describe(e_mod)}.",
        )
    ]
