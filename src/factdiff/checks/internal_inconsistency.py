"""internal_inconsistency: one sentence contradicts itself.

"officials first said 40, then increased it to 35" (up, but the later number is smaller),
"rose from 10 to 8", and "three men and two women, six people in all" (the parts do not add
up to the total). Needs no other version, so it also catches errors present in the source.
"""

from __future__ import annotations

import re

from factdiff.checks._common import doc_of, finding, fold, span_of, tokens, values_equal
from factdiff.checks._lexicon import STOPWORDS
from factdiff.checks._numbers import describe, noun_key, usable
from factdiff.facts.numbers import is_number_word, is_year_text
from factdiff.types import Finding, Mention, Quantity, SentenceFacts

_TOTAL = re.compile(r"\b(in all|in total|total|altogether|all told|overall|combined)\b")


# An earlier number further than this many words from the change word is about something else.
_NEAR = 10
# Two amounts this many times apart are not one figure changed ("$0.13" and "$25 billion").
_SCALE_GAP = 1000.0


# "three-fold", "three times": a factor of change, not a level to compare with another.
_FACTOR_AFTER = re.compile(r"^(-?fold\b|\s+times\b)")
# "one in five": a ratio, read as its two numbers it is neither.
_IN_THEN_WORD = re.compile(r"^\s+in\s+([\w,.-]+)")
_WORD_THEN_IN = re.compile(r"([\w,.-]+)\s+in\s+$")
# "from 10 to 8": the two numbers of a from/to pair sit this close, "to" between them.
_TO_BETWEEN = re.compile(r"^\W*(\w+\W+){0,2}?to\W*$")


def _comparable(a: Quantity, b: Quantity) -> bool:
    if (a.mention.label == "PERCENT") != (b.mention.label == "PERCENT"):
        return False
    x, y = abs(a.value or 0.0), abs(b.value or 0.0)
    if min(x, y) > 0 and max(x, y) / min(x, y) >= _SCALE_GAP:
        return False
    return not (noun_key(a) and noun_key(b) and noun_key(a) != noun_key(b))


def _words(text: str) -> set[str]:
    return {w for w in tokens(text) if w not in STOPWORDS and len(w) > 2}


def _other_target(facts: SentenceFacts, d: Mention, earlier: Quantity, between: str) -> bool:
    """The earlier number is what another change word set, for another thing: "increasing its
    dividend to $0.13 and reducing net debt below $25 billion" (a chain about ONE thing,
    "rose to 50, then fell to 60", names no new object after the second word)."""
    text, start = fold(facts.sentence.text), facts.sentence.start
    for d2 in facts.directions:
        if d2.end <= earlier.mention.start and d2.start < d.start and d2 is not d:
            own, first = (
                _words(between),
                _words(text[d2.end - start : earlier.mention.start - start]),
            )
            return bool(own) and own.isdisjoint(first)
    return False


def _not_a_level(q: Quantity, text: str, start: int) -> bool:
    """A factor ("three-fold") or half of a ratio ("one in five")."""
    lo, hi = q.mention.start - start, q.mention.end - start
    after, before = _IN_THEN_WORD.match(text[hi:]), _WORD_THEN_IN.search(text[:lo])
    return bool(
        _FACTOR_AFTER.match(text[hi:])
        or (after and _ratio_part(after.group(1), article=True))
        or (before and _ratio_part(before.group(1)))
    )


def _ratio_part(word: str, article: bool = False) -> bool:
    """A number of "N in M" ("one in five", "one in a hundred"); not a year ("12 in 2020")."""
    word = word.strip(",.-")
    if is_year_text(word):
        return False
    return is_number_word(word) or (article and word in ("a", "an"))


def _direction_pairs(facts: SentenceFacts):
    """(direction, earlier quantity, later quantity) around each direction word."""
    text, start = fold(facts.sentence.text), facts.sentence.start
    qs = sorted(
        (q for q in facts.quantities if usable(q) and not _not_a_level(q, text, start)),
        key=lambda q: q.mention.start,
    )
    for d in facts.directions:
        after = [q for q in qs if q.mention.start >= d.end]
        before = [q for q in qs if q.mention.end <= d.start]
        between = text[d.end - start : after[0].mention.start - start] if after else ""
        if before and after and _other_target(facts, d, before[-1], between):
            before = []
        if before and len(tokens(text[before[-1].mention.end - start : d.start - start])) > _NEAR:
            before = []  # "$0.13 a share and, ... many words later ..., cutting debt below $25bn"
        if after and re.search(r"\bfrom\b", between):
            gap = (
                text[after[0].mention.end - start : after[1].mention.start - start]
                if len(after) >= 2
                else ""
            )
            if gap and _TO_BETWEEN.match(gap):
                yield d, after[0], after[1]  # "rose from 10 to 8"
            elif before and not re.search(r"\bto\b", text[after[0].mention.end - start :]):
                yield d, after[0], before[-1]  # "a total of 14,681, a rise from 14,575"
            # else "came from two sets to one down to beat him 6-7 ...": no from/to pair
        elif before and after:
            later = after[0]
            if re.search(r"\bby\s*$", between) and len(after) >= 2:
                later = after[1]  # "raised by 10 to 50": the target is the second number
            yield d, before[-1], later


def _total_mismatch(facts: SentenceFacts) -> tuple[Quantity, list[Quantity]] | None:
    text, start = fold(facts.sentence.text), facts.sentence.start
    marker = _TOTAL.search(text)
    qs = [q for q in facts.quantities if usable(q) and q.mention.label != "PERCENT"]
    if marker is None or len(qs) < 3:
        return None
    where = start + marker.start()
    total = min(qs, key=lambda q: abs(q.mention.start - where))
    parts = [q for q in qs if q is not total and noun_key(q) and noun_key(q) != noun_key(total)]
    if len(parts) < 2 or len({noun_key(q) for q in parts}) != len(parts):
        return None
    if values_equal(sum(q.value or 0.0 for q in parts), total.value):
        return None
    return total, parts


def check_sentence(facts: SentenceFacts) -> list[Finding]:
    out: list[Finding] = []
    doc = doc_of(facts)
    for d, first, second in _direction_pairs(facts):
        if not _comparable(first, second) or first.value is None or second.value is None:
            continue
        wrong = (d.norm == "up" and second.value < first.value) or (
            d.norm == "down" and second.value > first.value
        )
        if wrong:
            way = "an increase" if d.norm == "up" else "a decrease"
            out.append(
                finding(
                    "internal_inconsistency",
                    "high",
                    0.8,
                    span_of(facts, first.mention, d, second.mention),
                    [],
                    f"{doc} calls the change from {first.mention.text} to "
                    f"{second.mention.text} {way} ('{d.text}').",
                )
            )
    mismatch = _total_mismatch(facts)
    if mismatch:
        total, parts = mismatch
        listed = " and ".join(describe(q, facts) for q in parts)
        mentions: list[Mention] = [q.mention for q in (*parts, total)]
        out.append(
            finding(
                "internal_inconsistency",
                "high",
                0.7,
                span_of(facts, *mentions),
                [],
                f"{doc} gives {listed}, which does not add up to {describe(total, facts)}.",
            )
        )
    return out
