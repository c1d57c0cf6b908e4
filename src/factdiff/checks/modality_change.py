"""modality_change: a possibility made certain, a certainty hedged, an obligation dropped.

"the council may approve the plan" → "the council will approve the plan". Modals carry a class
(possible | certain | necessary). "will" against no modal at all is not a change ("will vote
on Tuesday" ~ "votes on Tuesday").
"""

from __future__ import annotations

from factdiff.checks._common import confidence, doc_of, finding, span_of
from factdiff.types import Finding, Mention, Pair, SentenceFacts

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


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    if not pair.evidence:
        return []
    ev = pair.evidence[0]
    c_cls, e_cls = _classes(claim), _classes(ev)
    if c_cls == e_cls:
        return []
    # The modal that differs on each side; "certain" counts when it replaces another class.
    c_mod = _first(claim, c_cls - e_cls) or _first(claim, {"certain"})
    e_mod = _first(ev, e_cls - c_cls) or _first(ev, {"certain"})
    if c_mod is None and e_mod is None:
        return []
    base = 0.85 if c_mod is not None and e_mod is not None else 0.65
    return [
        finding(
            "modality_change",
            "medium",
            confidence(pair, base),
            span_of(claim, c_mod),
            [span_of(ev, e_mod)],
            f"{doc_of(claim)} presents this {_describe(c_mod)} where {doc_of(ev)} presents "
            f"it {_describe(e_mod)}.",
        )
    ]
