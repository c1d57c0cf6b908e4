"""role_change: the same person with another role or affiliation.

"Norway's foreign minister Kari Dahl" → "Kari Dahl, foreign minister of Sweden". The person is
found by name in the evidence first, then anywhere in the source, so a role moved from one
person to another ("Mayor Peter Lind" where Lind is the deputy) is caught too. A role that only
gets shorter ("foreign minister" → "minister") is a dropped detail, not a change, unless the
dropped word changes the rank ("deputy mayor" → "mayor").
"""

from __future__ import annotations

from factdiff.checks._common import (
    confidence,
    doc_of,
    finding,
    name_of,
    names_match,
    reference_sentences,
    same_sense,
    span_of,
    without_determiners,
)
from factdiff.checks._lexicon import RANK_WORDS
from factdiff.types import Entity, Finding, Mention, Pair


def _roles_differ(a: Mention, b: Mention) -> bool:
    """Different roles: another head noun ("student" / "professor"), or a rank word gained or
    lost ("deputy mayor" / "mayor"). The same head with other modifiers ("sole rider" / "only
    rider") and spelling variants ("captian") are one role."""
    wa, wb = without_determiners(a.norm or a.text), without_determiners(b.norm or b.text)
    if not wa or not wb:
        return False
    # Spell each word of a as its variant or synonym in b: a typo or a synonym ("only" /
    # "sole", "dad" / "father") is no difference.
    wa = [next((y for y in wb if same_sense(x, y)), x) for x in wa]
    ta, tb = set(wa), set(wb)
    if ta == tb:
        return False
    if ta <= tb or tb <= ta or wa[-1] == wb[-1]:
        return bool((ta ^ tb) & RANK_WORDS)
    return True


def _affiliations_differ(a: Mention, b: Mention) -> bool:
    return not names_match(name_of(a), name_of(b), demonym=True)


def _compare(ce: Entity, e: Entity) -> tuple[bool, tuple[str, Mention, Mention] | None]:
    """(comparable, change) for two entries of the same person."""
    comparable = False
    if ce.role and e.role:
        comparable = True
        if _roles_differ(ce.role, e.role):
            return True, ("role", ce.role, e.role)
    if ce.affiliation and e.affiliation:
        comparable = True
        if _affiliations_differ(ce.affiliation, e.affiliation):
            return True, ("affiliation", ce.affiliation, e.affiliation)
    return comparable, None


def _first_comparable(pair: Pair, ce: Entity):
    """The first source sentence (evidence first) giving this person a role or affiliation
    to compare with, and the change found there (None when they agree)."""
    for ev in reference_sentences(pair):
        for e in ev.entities:
            if not names_match(name_of(e.mention), name_of(ce.mention)):
                continue
            comparable, change = _compare(ce, e)
            if comparable:
                return ev, change
    return None


def _role_held_by_other(pair: Pair, ce: Entity) -> bool:
    return ce.role is not None and any(
        e.role is not None and not _roles_differ(ce.role, e.role)
        for ev in pair.evidence
        for e in ev.entities
        if not names_match(name_of(e.mention), name_of(ce.mention))
    )


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    findings: list[Finding] = []
    for ce in claim.entities:
        if ce.role is None and ce.affiliation is None:
            continue
        found = _first_comparable(pair, ce)
        if found is None or found[1] is None:
            continue
        ev, (what, new, old) = found
        if ev not in pair.evidence and _role_held_by_other(pair, ce):
            continue  # the evidence gives this role to someone else: entity_substitution's case
        findings.append(
            finding(
                "role_change",
                "high",
                confidence(pair, 0.85 if ev in pair.evidence else 0.7),
                span_of(claim, new),
                [span_of(ev, old)],
                f"{doc_of(claim)} gives {ce.mention.text} the {what} '{new.text}' where "
                f"{doc_of(ev)} gives '{old.text}'.",
            )
        )
    return findings
