"""claim_reversal: the copy says the opposite without a negation.

Three cues: direction mentions ("revised up" vs "revised down"), antonyms from a small table
("approved" vs "rejected", "rose" vs "fell"), and what a demand pushes which way ("an end to
evictions" vs "more evictions"). A word that has its antonym on the SAME side ("exports fell
while imports rose") is not a reversal.
"""

from __future__ import annotations

from factdiff.checks._common import (
    base_form,
    confidence,
    doc_of,
    finding,
    fold,
    span_of,
    tokens,
    word_key,
)
from factdiff.checks._polarity import cue_reversals, word_swaps
from factdiff.types import Finding, Mention, Pair, SentenceFacts, Span


def _word_span(facts: SentenceFacts, words: tuple[str, ...]) -> Span:
    """The first occurrence in the sentence of a word whose base form is in ``words``."""
    s = facts.sentence
    low = fold(s.text)
    pos = 0
    for tok in tokens(s.text):
        at = low.find(tok, pos)
        pos = at + len(tok)
        if base_form(tok) in words or word_key(tok) in words:
            m = Mention(s.text[at : at + len(tok)], s.start + at, s.start + pos, "WORD", tok)
            return span_of(facts, m)
    return span_of(facts)


def _offset_span(facts: SentenceFacts, a: int, b: int) -> Span:
    s = facts.sentence
    return span_of(facts, Mention(s.text[a:b], s.start + a, s.start + b, "CUE", ""))


def _directions(facts: SentenceFacts) -> set[str]:
    return {m.norm for m in facts.directions if m.norm in ("up", "down")}


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    findings: list[Finding] = []
    for ev in pair.evidence[:1]:
        cd, ed = _directions(claim), _directions(ev)
        if cd and ed and cd.isdisjoint(ed):
            c = next(m for m in claim.directions if m.norm in cd)
            e = next(m for m in ev.directions if m.norm in ed)
            why = f"'{c.text}' ({c.norm}) where {doc_of(ev)} says '{e.text}' ({e.norm})"
            findings.append(_finding(pair, span_of(claim, c), span_of(ev, e), why, 0.85))
        for new, old, cancelled in word_swaps(claim, ev):
            if cancelled:
                continue  # "did not rise" ~ "fell": flipped word plus negation cancel out
            why = f"'{new}' where {doc_of(ev)} says '{old}'"
            span = _word_span(claim, (new,))
            findings.append(_finding(pair, span, _word_span(ev, (old,)), why, 0.85))
        for (ca, cb), (ea, eb) in cue_reversals(claim, ev):
            c_span, e_span = _offset_span(claim, ca, cb), _offset_span(ev, ea, eb)
            why = f"'{c_span.span}' where {doc_of(ev)} says '{e_span.span}'"
            findings.append(_finding(pair, c_span, e_span, why, 0.75))
    return findings


def _finding(pair: Pair, claim: Span, evidence: Span, why: str, base: float) -> Finding:
    return finding(
        "claim_reversal",
        "high",
        confidence(pair, base),
        claim,
        [evidence],
        f"{doc_of(pair.claim)} says {why}: the claim is reversed.",
    )
