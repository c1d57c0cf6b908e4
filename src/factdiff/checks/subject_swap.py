"""Subject/object swap, reported as claim_reversal: who did what to whom changed.

"the ferry sank near the harbour" → "the harbour sank near the ferry". The same two things
appear on both sides, so nothing was substituted (not an entity_substitution); what changed is
the relation between them, which reverses the claim. A passive rewrite ("police arrested the
man" → "the man was arrested by police") keeps the relation and is not flagged.
"""

from __future__ import annotations

import re

from factdiff.checks._common import (
    base_form,
    confidence,
    doc_of,
    finding,
    fold,
    span_of,
    tokens,
    without_determiners,
    word_key,
)
from factdiff.checks._lexicon import PRONOUNS
from factdiff.types import Finding, Mention, Pair, SentenceFacts, Triple


def _key(m: Mention | None) -> str:
    if m is None:
        return ""
    words = without_determiners(m.norm or m.text)
    return word_key(words[-1]) if words else ""


def _keys(facts: SentenceFacts) -> set[str]:
    return {word_key(t) for t in tokens(facts.sentence.text)}


# Subjects that name nothing by themselves ("another shows", "one said").
_VAGUE = frozenset({"another", "other", "one", "some", "many", "most", "all", "both", "each"})
_PASSIVE_AUX = frozenset({"was", "were", "is", "are", "been", "be", "being", "got", "get"})


def _passive(facts: SentenceFacts, verb: Mention) -> bool:
    """ "dozens more were injured": the subject is the one acted upon."""
    s = facts.sentence
    before = tokens(s.text[: max(0, verb.start - s.start)])[-2:]
    return bool(set(before) & _PASSIVE_AUX)


def _agent_after_by(facts: SentenceFacts, key: str) -> bool:
    """Passive voice: "... by (the) <key>"."""
    return bool(re.search(rf"\bby\s+(?:\w+\s+){{0,2}}{re.escape(key)}", fold(facts.sentence.text)))


def _swapped(ct: Triple, et: Triple, claim: SentenceFacts, ev: SentenceFacts) -> bool:
    cs, es = _key(ct.subject), _key(et.subject)
    if not cs or not es or cs == es:
        return False
    co, eo = _key(ct.object), _key(et.object)
    if co and eo:
        return cs == eo and co == es
    # No object in the triple ("sank near the harbour"): each subject is elsewhere on the
    # other side, and neither side is a passive with the other as agent. A pronoun stands for
    # someone the sentence does not name ("he said" / "you said" may be one person).
    if cs in PRONOUNS or es in PRONOUNS or {cs, es} & _VAGUE:
        return False
    if cs not in _keys(ev) or es not in _keys(claim):
        return False
    if _passive(claim, ct.verb) or _passive(ev, et.verb):
        return False
    return not (_agent_after_by(claim, es) or _agent_after_by(ev, cs))


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    for ev in pair.evidence[:1]:
        for ct in claim.triples:
            for et in ev.triples:
                same_verb = base_form(ct.verb.norm or ct.verb.text) == base_form(
                    et.verb.norm or et.verb.text
                )
                if not same_verb or not _swapped(ct, et, claim, ev):
                    continue
                return [
                    finding(
                        "claim_reversal",
                        "high",
                        confidence(pair, 0.8),
                        span_of(claim, ct.subject, ct.object),
                        [span_of(ev, et.subject, et.object)],
                        f"{doc_of(claim)} makes '{ct.subject.text}' the subject of "
                        f"'{ct.verb.text}' where {doc_of(ev)} has '{et.subject.text}': "
                        "who did what to whom changed.",
                    )
                ]
    return []
