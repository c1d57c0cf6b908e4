"""entity_substitution: the copy names someone (or something) else in the same place.

"Mayor Anne Ross signed the order" → "Mayor Peter Lind signed the order". A claim name counts
as substituted when the source does not name it (fuzzy: "Ross" ~ "Anne Ross", "U.S." ~
"United States"; never when a word of it occurs nowhere in the source) while the evidence
has a name of the same kind that the claim dropped; among several, the one in the closest
relative position is taken as "the corresponding place".
"""

from __future__ import annotations

from factdiff.checks._common import (
    NAME_LABELS,
    confidence,
    doc_of,
    finding,
    name_of,
    name_supported,
    names_match,
    reference_sentences,
    relative_position,
    same_label_group,
    span_of,
    strict,
    support_sentences,
    text_has,
)
from factdiff.checks.novel import novel_names, source_keys
from factdiff.types import Entity, Finding, Pair, SentenceFacts

# The one label confusion of a small NER model worth bridging: a person tagged as an org.
_CONFUSED = {"PERSON", "ORG"}


def _dropped(pair: Pair) -> list[tuple[SentenceFacts, Entity]]:
    """Evidence names the claim does not carry."""
    claim = pair.claim
    out = []
    for ev in pair.evidence:
        for e in ev.entities:
            m = e.mention
            if m.label not in NAME_LABELS:
                continue
            kept = any(names_match(name_of(m), name_of(c.mention)) for c in claim.entities)
            if not kept and not text_has(m.text, (claim,)):
                out.append((ev, e))
    return out


def check(pair: Pair) -> list[Finding]:
    claim = pair.claim
    if not pair.evidence:
        return []
    support = support_sentences(pair)
    # A name holding a word the whole source never uses is new even when fuzzy matching
    # accepts it ("Quill Media" ~ "Ozy Media" share "Media").
    novel = novel_names(claim, source_keys(reference_sentences(pair)))
    added = [
        e
        for e in claim.entities
        if e.mention.label in NAME_LABELS
        and (
            not name_supported(e.mention, support)
            or any(e.mention.start <= m.start < e.mention.end for m in novel)
        )
    ]
    dropped = _dropped(pair)
    findings: list[Finding] = []
    used: set[int] = set()
    for ce in added:
        pos = relative_position(claim, ce.mention)
        candidates = [
            (i, ev, e)
            for i, (ev, e) in enumerate(dropped)
            if i not in used and same_label_group(e.mention.label, ce.mention.label)
        ]
        base = 0.9
        if (
            not candidates
            and strict(pair)
            and len(added) == 1
            and len(dropped) == 1
            and {ce.mention.label, dropped[0][1].mention.label} == _CONFUSED
        ):
            # In a near-identical sentence, one new name for one dropped name is a swap even
            # when the small NER model tags one PERSON and the other ORG.
            candidates = [(0, *dropped[0])]
            base = 0.7
        if not candidates:
            continue
        i, ev, old = min(candidates, key=lambda c: abs(relative_position(c[1], c[2].mention) - pos))
        used.add(i)
        role = old.role or ce.role
        as_role = f" as {role.text.lower()}" if role is not None else ""
        findings.append(
            finding(
                "entity_substitution",
                "high",
                confidence(pair, base),
                span_of(claim, ce.mention),
                [span_of(ev, old.mention)],
                f"{doc_of(claim)} names {ce.mention.text} where {doc_of(ev)} names "
                f"{old.mention.text}{as_role}.",
            )
        )
    return findings
