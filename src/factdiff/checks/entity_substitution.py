"""entity_substitution: the copy names someone (or something) else in the same place.

"Mayor Anne Ross signed the order" → "Mayor Peter Lind signed the order". A claim name counts
as substituted when the source does not name it (fuzzy: "Ross" ~ "Anne Ross", "U.S." ~
"United States"; never when a word of it occurs nowhere in the source) while the evidence
has a name of the same kind that the claim dropped; among several, the one in the closest
relative position is taken as "the corresponding place".
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

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
from factdiff.checks._lexicon import MONTHS, WEEKDAYS
from factdiff.checks.novel import novel_names, source_keys
from factdiff.types import Entity, Finding, Mention, Pair, SentenceFacts

CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
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
    if not findings and strict(pair) and len(pair.evidence) == 1:
        findings = swapped_name_words(pair)
    return findings


_WORD = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z0-9]|[A-Za-z]")


def _name_run(words: list[re.Match], sentence_start: bool) -> list[re.Match] | None:
    """The one run of capitalised words among ``words`` (at most three, not the sentence's
    first word), or None when there is none or more than one."""
    runs: list[list[re.Match]] = []
    for k, w in enumerate(words):
        if w.group()[0].isupper() and not (sentence_start and k == 0):
            if runs and k > 0 and runs[-1][-1] is words[k - 1]:
                runs[-1].append(w)
            else:
                runs.append([w])
    return runs[0] if len(runs) == 1 and len(runs[0]) <= 3 else None


def _in_time(facts: SentenceFacts, words: list[re.Match]) -> bool:
    at = facts.sentence.start
    spans = [(t.mention.start, t.mention.end) for t in facts.times]
    spans += [(q.mention.start, q.mention.end) for q in facts.quantities]
    return any(a < at + w.end() and at + w.start() < b for w in words for a, b in spans) or any(
        w.group().lower().rstrip(".") in CALENDAR_WORDS for w in words
    )


def swapped_name_words(pair: Pair) -> list[Finding]:
    """In a sentence copied nearly word for word, one capitalised name put in the place of
    another ("uploaded to LiveLeak" → "posted on YouTube"), even when the small NER model
    tags neither as a name: the words around them are the counterpart's."""
    claim, ev = pair.claim, pair.evidence[0]
    cw = list(_WORD.finditer(claim.sentence.text))
    ew = list(_WORD.finditer(ev.sentence.text))
    ops = SequenceMatcher(
        None, [w.group().lower() for w in cw], [w.group().lower() for w in ew], autojunk=False
    ).get_opcodes()
    out = []
    for tag, i1, i2, j1, j2 in ops:
        if tag != "replace":
            continue
        mine, theirs = _name_run(cw[i1:i2], i1 == 0), _name_run(ew[j1:j2], j1 == 0)
        if not mine or not theirs:
            continue
        new = " ".join(w.group() for w in mine)
        old = " ".join(w.group() for w in theirs)
        if _in_time(claim, mine) or _in_time(ev, theirs):
            continue  # "on Tuesday" → "on Thursday" is date_change's
        if names_match(new, old) or text_has(new, (ev,)) or text_has(old, (claim,)):
            continue
        at = claim.sentence.start
        m = Mention(new, at + mine[0].start(), at + mine[-1].end(), "NAME", new.lower())
        et = ev.sentence.start
        o = Mention(old, et + theirs[0].start(), et + theirs[-1].end(), "NAME", old.lower())
        out.append(
            finding(
                "entity_substitution",
                "high",
                confidence(pair, 0.8),
                span_of(claim, m),
                [span_of(ev, o)],
                f"{doc_of(claim)} names {new} where {doc_of(ev)} names {old}.",
            )
        )
    return out
