"""negation: one version negates the aligned clause and the other does not.

"The mayor signed the order" → "The mayor did not sign the order". Clauses are matched by
their verb when the extractor gave triples; otherwise the sentence as a whole is compared.
Not a change: "did not comment" ~ "declined to comment" (a negative word on the other side),
"did not rise" ~ "fell" (negation plus antonym cancel out), a negated clause the source also
says negated in another sentence ("..., and no one was hurt" merging "No one was hurt."), and
a negated clause of the source the copy does not carry at all (an omission, not a flip), and
a negation whose negated word the other side never uses ("..., but not for new users" where
the source nowhere speaks of new users: an addition, not a flip).
"""

from __future__ import annotations

import re

from factdiff.checks._common import (
    base_form,
    clause_bounds,
    clause_keys,
    confidence,
    coverage,
    doc_of,
    finding,
    reference_sentences,
    span_of,
    tokens,
    word_key,
    word_keys,
)
from factdiff.checks._lexicon import STOPWORDS
from factdiff.checks._polarity import (
    implicitly_negative,
    negated_before,
    negation_mentions,
    word_swaps,
)
from factdiff.types import Finding, Mention, Pair, SentenceFacts, Triple

# A negated clause counts as said elsewhere / carried over when this share of its content
# words is there.
CLAUSE_COVERAGE = 0.6


def _verb_mismatch(claim: SentenceFacts, ev: SentenceFacts) -> tuple[Triple, Triple] | None:
    """(claim triple, evidence triple) of a verb negated on one side only. A verb used twice
    ("said he would not say no") matches when any of its uses agree on negation."""

    def verb(t: Triple) -> str:
        return base_form(t.verb.norm or t.verb.text)

    for ct in claim.triples:
        same = [et for et in ev.triples if verb(et) == verb(ct)]
        mine = [c for c in claim.triples if verb(c) == verb(ct)]
        if same and not {c.negated for c in mine} & {et.negated for et in same}:
            return ct, same[0]
    return None


def _said_negated_elsewhere(pair: Pair, cue: Mention | None) -> bool:
    """Some source sentence with a negation of its own holds the claim's negated clause: the
    copy merged it in (a partial alignment lists several evidence sentences; a merge the
    aligner missed still has its source sentence in the context)."""
    keys = clause_keys(pair.claim, cue)
    # "nobody cared": a pronoun negator stands for the whole clause, one word is enough.
    if len(keys) < (1 if cue is not None and cue.norm in CLAUSE_NEGATORS else 2):
        return False
    return any(
        (negation_mentions(f) or implicitly_negative(f)) and coverage(keys, (f,)) >= CLAUSE_COVERAGE
        for f in reference_sentences(pair)
    )


def _carried_over(claim: SentenceFacts, ev: SentenceFacts, cue: Mention | None) -> bool:
    """The copy says what the evidence's negated clause is about (else it left it out)."""
    return coverage(clause_keys(ev, cue), (claim,)) >= CLAUSE_COVERAGE


CLAUSE_NEGATORS = frozenset({"nobody", "nothing", "none", "neither"})
# Words between a negation and what it negates ("not be able to", "never been").
_LIGHT = frozenset({"be", "been", "being", "able", "have", "had", "get", "got", "even", "yet"})
# Negations that negate the next word; "nobody", "nothing" ... stand for a whole clause.
_WORD_NEGATORS = frozenset({"not", "no", "never", "without"})
_SUFFIX = re.compile(r"(?:ing|ed|es|s|d)$")


def _stem(word: str) -> str:
    w = word_key(word)
    return _SUFFIX.sub("", w) if len(w) > 4 else w


def _negated_word_there(
    facts: SentenceFacts, cue: Mention, other: tuple[SentenceFacts, ...]
) -> bool:
    """The first content word after the negation ("not for NEW users", "no-FEE") occurs on
    the other side (for an added negation: anywhere in the source, since a summary's aligned
    sentence is often a loose match): else the negation sits on something the other side never
    speaks of."""
    s = facts.sentence
    if not (cue.text.lower() in _WORD_NEGATORS or cue.text.lower().endswith("n't")):
        return True
    _, end = clause_bounds(facts, cue)
    words = [
        w
        for w in tokens(s.text[cue.end - s.start : end])[:4]
        if w not in STOPWORDS and w not in _LIGHT and len(w) > 2
    ]
    if not words:
        return True
    stems = {_stem(k) for k in word_keys(other)}
    return _stem(words[0]) in stems or _stem(base_form(words[0])) in stems


def _explain(claim: SentenceFacts, ev: SentenceFacts, negated: bool, cue: str, verb: str) -> str:
    what = f" of '{verb}'" if verb else ""
    if negated:
        return f"{doc_of(claim)} adds a negation ('{cue}'){what} that {doc_of(ev)} does not have."
    return f"{doc_of(claim)} drops the negation ('{cue}'){what} that {doc_of(ev)} has."


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    if not pair.evidence:
        return []
    # For a split sentence the negation may sit in any part: prefer the part that has one.
    ev = next((e for e in pair.evidence if negation_mentions(e)), pair.evidence[0])
    c_neg, e_neg = negation_mentions(claim), negation_mentions(ev)
    triples = _verb_mismatch(claim, ev)
    if triples is None and bool(c_neg) == bool(e_neg):
        return []
    claim_negated = triples[0].negated if triples else bool(c_neg)
    plain = ev if claim_negated else claim
    if triples is None:
        equivalent = implicitly_negative(plain)  # "did not comment" ~ "declined to comment"
    else:
        equivalent = negated_before(plain, triples[1].verb if claim_negated else triples[0].verb)
    if equivalent or any(cancelled for *_, cancelled in word_swaps(claim, ev)):
        return []
    c_verb = triples[0].verb if triples else None
    e_verb = triples[1].verb if triples else None
    if claim_negated and _said_negated_elsewhere(pair, c_neg[0] if c_neg else c_verb):
        return []
    if not claim_negated and not _carried_over(claim, ev, e_neg[0] if e_neg else e_verb):
        return []
    if triples is None and claim_negated and c_neg:
        if not _negated_word_there(claim, c_neg[0], reference_sentences(pair)):
            return []
    elif triples is None and e_neg and not _negated_word_there(ev, e_neg[0], (claim,)):
        return []
    negs = c_neg if claim_negated else e_neg
    cue = negs[0].text if negs else "not"
    verb = (c_verb or e_verb).text if triples else ""
    return [
        finding(
            "negation",
            "high",
            confidence(pair, 0.9 if triples else 0.75),
            span_of(claim, *(c_neg or (c_verb,))),
            [span_of(ev, *(e_neg or (e_verb,)))],
            _explain(claim, ev, claim_negated, cue, verb),
        )
    ]
