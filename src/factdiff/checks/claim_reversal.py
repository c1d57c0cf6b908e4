"""claim_reversal: the copy says the opposite without a negation.

Three cues: direction mentions ("revised up" vs "revised down"), antonyms from a small table
("approved" vs "rejected", "rose" vs "fell"), and what a demand pushes which way ("an end to
evictions" vs "more evictions"). A word that has its antonym on the SAME side ("exports fell
while imports rose") is not a reversal, nor is a word or direction that some evidence
sentence of a merged claim uses too. Evidence beyond the best is compared only when the claim
carries most of it.
"""

from __future__ import annotations

from factdiff.checks._common import (
    base_form,
    clause_keys,
    confidence,
    coverage,
    doc_of,
    finding,
    fold,
    lexicon_words,
    span_of,
    tokens,
    word_key,
)
from factdiff.checks._polarity import cue_directions, cue_reversals, word_swaps
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


# A further evidence sentence of a partial alignment is compared when the claim carries this
# share of its content words.
CARRIED = 0.6


def compared_evidence(pair: Pair) -> list[SentenceFacts]:
    """The best evidence sentence, and the others whose content the claim carries (the parts
    of a merge, not a loosely related neighbour)."""
    if not pair.evidence:
        return []
    first, *rest = pair.evidence
    return [first, *(e for e in rest if coverage(clause_keys(e, None), (pair.claim,)) >= CARRIED)]


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    findings: list[Finding] = []
    evidence = compared_evidence(pair)
    ev_dirs = set().union(*(_directions(e) for e in pair.evidence))
    ev_words = set().union(*(lexicon_words(e) for e in pair.evidence))
    ev_cues = [cue_directions(e.sentence.text) for e in pair.evidence]
    for ev in evidence:
        cd, ed = _directions(claim), _directions(ev)
        if cd and ed and cd.isdisjoint(ev_dirs):
            c = next(m for m in claim.directions if m.norm in cd)
            e = next(m for m in ev.directions if m.norm in ed)
            why = f"'{c.text}' ({c.norm}) where {doc_of(ev)} says '{e.text}' ({e.norm})"
            findings.append(_finding(pair, span_of(claim, c), span_of(ev, e), why, 0.85))
        for new, old, cancelled in word_swaps(claim, ev):
            if cancelled or new in ev_words:
                continue  # "did not rise" ~ "fell"; or another part of the merge says "new"
            why = f"'{new}' where {doc_of(ev)} says '{old}'"
            span = _word_span(claim, (new,))
            findings.append(_finding(pair, span, _word_span(ev, (old,)), why, 0.85))
        claim_cues = cue_directions(claim.sentence.text)
        for (ca, cb), (ea, eb) in cue_reversals(claim, ev):
            if any(_same_push(claim_cues, other, (ca, cb)) for other in ev_cues):
                continue
            c_span, e_span = _offset_span(claim, ca, cb), _offset_span(ev, ea, eb)
            why = f"'{c_span.span}' where {doc_of(ev)} says '{e_span.span}'"
            findings.append(_finding(pair, c_span, e_span, why, 0.75))
    return _distinct(findings)


def _same_push(
    claim_cues: dict[str, dict[str, tuple[int, int]]],
    other: dict[str, dict[str, tuple[int, int]]],
    where: tuple[int, int],
) -> bool:
    """Another evidence sentence pushes the claim's target (at ``where``) the claim's way."""
    for target, dirs in claim_cues.items():
        for direction, at in dirs.items():
            if at == where and direction in other.get(target, {}):
                return True
    return False


def _distinct(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[int | None, int | None, str]] = set()
    out = []
    for f in findings:
        key = (f.claim.span_start, f.claim.span_end, f.explanation)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _finding(pair: Pair, claim: Span, evidence: Span, why: str, base: float) -> Finding:
    return finding(
        "claim_reversal",
        "high",
        confidence(pair, base),
        claim,
        [evidence],
        f"{doc_of(pair.claim)} says {why}: the claim is reversed.",
    )
