"""attribution_change: the same content from another speaker or with another stance.

"police said 50 people were rescued" → "residents claim 50 people were rescued". Also: a
statement the source attributes as a mere claim ("residents claim ...") presented as plain
fact, or a speaker the source never mentions. Pronoun speakers ("he said") are not compared.

An attribution change needs two explicit speakers: a generic speaker ("the company said", "the
document explains", "members believe") against a named one is the same voice described, not
another voice, so it is only low; so is a summary stating plainly what the source's own
first-person speaker says ("we estimate X" → "X"), since the speaker IS the source.
"""

from __future__ import annotations

import re

from factdiff.checks._common import (
    NAME_LABELS,
    base_form,
    confidence,
    doc_of,
    finding,
    lexicon_words,
    name_of,
    names_match,
    same_sense,
    span_of,
    support_sentences,
    text_has,
    without_determiners,
    word_key,
)
from factdiff.checks._lexicon import PRONOUNS
from factdiff.types import Attribution, Finding, Mention, Pair, SentenceFacts


def _pronoun(m: Mention) -> bool:
    words = without_determiners(m.norm or m.text)
    return not words or (len(words) == 1 and words[0] in PRONOUNS)


def same_speaker(a: Mention, b: Mention) -> bool:
    if names_match(name_of(a), name_of(b)):
        return True
    wa = [word_key(w) for w in without_determiners(a.norm or a.text)]
    wb = [word_key(w) for w in without_determiners(b.norm or b.text)]
    # "police" ~ "police officers", "dad" ~ "father", but "local residents" is not "local
    # police".
    return bool(wa and wb) and (wa[-1] in wb or wb[-1] in wa or same_sense(wa[-1], wb[-1]))


def described_as(named: Mention, generic: Mention, sentences) -> bool:
    """In-document coreference, the cheap way: the document gives the named speaker the
    generic one's head noun as a role ("defence lawyer Bruce Peters ... the lawyer said",
    "Cameron, the Tory leader"), or writes the two side by side ("plastic surgeon Norman
    Rowe")."""
    words = [word_key(w) for w in without_determiners(generic.norm or generic.text)]
    if not words:
        return False
    head = words[-1]
    for f in sentences:
        for e in f.entities:
            if not names_match(name_of(e.mention), name_of(named)):
                continue
            for part in (e.role, e.affiliation):
                if part and any(
                    same_sense(head, w) for w in without_determiners(part.norm or part.text)
                ):
                    return True
        text = f.sentence.text.lower()
        name = (named.text or "").lower()
        if name and re.search(
            rf"\b{re.escape(head)}\w*,?\s+(?:\w+\s+){{0,2}}{re.escape(name)}", text
        ):
            return True
        if name and re.search(
            rf"{re.escape(name)},\s+(?:the|a|an)\s+(?:\w+\s+){{0,2}}{re.escape(head)}", text
        ):
            return True
    return False


_FIRST_PERSON = frozenset({"i", "we", "us", "me"})


def _named(m: Mention) -> bool:
    """A speaker given by name ("Pfizer", "Ann Lee"): the extractor labels it with its NER
    label or PROPN; a common noun ("the company", "residents") is labelled NOUN."""
    return m.label in NAME_LABELS or m.label == "PROPN"


def _first_person(m: Mention) -> bool:
    words = without_determiners(m.norm or m.text)
    return len(words) == 1 and words[0] in _FIRST_PERSON


def _stance(a: Attribution) -> str:
    return a.stance or "assert"


def _same_stance(a: Attribution, b: Attribution) -> bool:
    return (_stance(a) == "deny") == (_stance(b) == "deny")


def _keeps_verb(claim: SentenceFacts, ea: Attribution) -> bool:
    """ "The damage was estimated at ..." keeps the hedge of "officials estimated ..."."""
    verb = base_form(ea.verb.norm or ea.verb.text)
    return verb in lexicon_words(claim) or any(m.norm == verb for m in claim.content)


def _said(a: Attribution) -> str:
    return f"{a.speaker.text} ('{a.verb.text}')"


def _compare(pair: Pair, ca: Attribution, ev: SentenceFacts, ea: Attribution) -> Finding | None:
    claim = pair.claim
    if _pronoun(ca.speaker) or _pronoun(ea.speaker):
        return None
    severity = "medium"
    if not same_speaker(ca.speaker, ea.speaker):
        what = "attributes this to"
        if _named(ca.speaker) != _named(ea.speaker):
            named, generic = (ca, ea) if _named(ca.speaker) else (ea, ca)
            if described_as(named.speaker, generic.speaker, (claim, *pair.context)):
                return None  # "the lawyer" for "defence lawyer Bruce Peters"
            severity = "low"  # "the company said" for "Pfizer said": maybe the same voice
    elif _stance(ca) != _stance(ea) and "deny" in (_stance(ca), _stance(ea)):
        # "said" / "insisted" / "believes" are one speaker's word for the same statement;
        # a denial turned into a statement (or back) is not.
        what = "changes the stance to"
    else:
        return None
    return finding(
        "attribution_change",
        severity,
        confidence(pair, 0.8),
        span_of(claim, ca.speaker, ca.verb),
        [span_of(ev, ea.speaker, ea.verb)],
        f"{doc_of(claim)} {what} {_said(ca)} where {doc_of(ev)} has {_said(ea)}.",
    )


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    ref = [(ev, a) for ev in pair.evidence for a in ev.attributions]
    findings: list[Finding] = []
    if claim.attributions and ref:
        ca = claim.attributions[0]
        if not any(same_speaker(ca.speaker, a.speaker) and _same_stance(ca, a) for _, a in ref):
            same = [r for r in ref if same_speaker(ca.speaker, r[1].speaker)]
            found = _compare(pair, ca, *(same or ref)[0])
            findings.extend([found] if found else [])
    elif claim.attributions and pair.evidence:
        ca = claim.attributions[0]
        support = support_sentences(pair)
        if not _pronoun(ca.speaker) and not text_has(ca.speaker.text, support):
            findings.append(
                finding(
                    "attribution_change",
                    "medium" if _named(ca.speaker) else "low",
                    confidence(pair, 0.6),
                    span_of(claim, ca.speaker, ca.verb),
                    [span_of(pair.evidence[0])],
                    f"{doc_of(claim)} attributes this to {_said(ca)}, a source "
                    f"{doc_of(pair.evidence[0])} does not name.",
                )
            )
    elif ref and _stance(ref[0][1]) != "assert" and not _keeps_verb(claim, ref[0][1]):
        ev, ea = ref[0]
        findings.append(
            finding(
                "attribution_change",
                "low" if _first_person(ea.speaker) else "medium",
                confidence(pair, 0.6),
                span_of(claim),
                [span_of(ev, ea.speaker, ea.verb)],
                f"{doc_of(claim)} states as fact what {doc_of(ev)} only reports as {_said(ea)}.",
            )
        )
    return findings
