"""Helpers for the number checks: which quantities count, same noun, hedge meaning."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from factdiff.checks._common import NUMBER_SKIP_LABELS, fold, tokens, values_equal, word_key
from factdiff.checks._lexicon import HEDGE_GROUP, VAGUE_NUMBERS
from factdiff.types import Quantity, SentenceFacts


def usable(q: Quantity) -> bool:
    """A precise count: has a value, is not a date, and is not "hundreds" or "one"."""
    if q.value is None or q.mention.label in NUMBER_SKIP_LABELS:
        return False
    words = tokens(q.mention.text)
    return not (words and all(w in VAGUE_NUMBERS for w in words))


def quantities(sentences: Iterable[SentenceFacts]) -> list[tuple[SentenceFacts, Quantity]]:
    return [(f, q) for f in sentences for q in f.quantities if usable(q)]


def noun_key(q: Quantity) -> str:
    words = tokens(q.noun)
    return word_key(words[-1]) if words else ""


def same_noun(a: Quantity, b: Quantity) -> bool:
    return bool(noun_key(a)) and noun_key(a) == noun_key(b)


def hedge_group(q: Quantity) -> str:
    h = " ".join(fold(q.hedge).split())
    return HEDGE_GROUP.get(h, h)


def written_noun(q: Quantity, facts: SentenceFacts | None) -> str:
    """The counted noun as the sentence writes it ("men" for lemma "man"), else the lemma."""
    if facts is None or not q.noun:
        return q.noun
    s = facts.sentence
    after = s.text[max(0, q.mention.end - s.start) :]
    for word in re.findall(r"[A-Za-z][\w'-]*", after)[:3]:
        w = fold(word)
        if word_key(w) == word_key(q.noun) or (w[:1] == q.noun[:1] and fuzz.ratio(w, q.noun) >= 60):
            return word
    return q.noun


def describe(q: Quantity, facts: SentenceFacts | None = None) -> str:
    """How the sentence gives the number: hedge, number, counted noun ("at least 12 people")."""
    text = q.mention.text
    hedge = q.hedge if q.hedge and not fold(text).startswith(fold(q.hedge)) else ""
    noun = written_noun(q, facts)
    noun = noun if noun and fold(noun) not in fold(text) else ""
    return " ".join(p for p in (hedge, text, noun) if p)


def consistent(claim: Quantity, ref: Quantity) -> bool:
    """Does the claim's number say what the reference's says (exactly, or as a faithful
    rounding or bound: "nearly 1,500" or "more than 1,400" for "1,482")?"""
    a, b = claim.value, ref.value
    if a is None or b is None:
        return False
    if values_equal(a, b):
        return True
    group = hedge_group(claim)
    if group == "approx" or hedge_group(ref) == "approx":
        return abs(a - b) <= 0.1 * max(abs(a), abs(b))
    if hedge_group(ref) == "" and abs(a - b) <= 0.3 * max(abs(a), abs(b)):
        return (group == "min" and a <= b) or (group == "max" and a >= b)
    return False


# Spans of time in days, so that "seven days" is "a week" and "three decades" "30 years".
DAYS_IN = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365, "decade": 3650,
           "century": 36500}  # fmt: skip
_DURATION = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+(?:\.\d+)?)"
    r"[\s-]+(day|week|fortnight|month|year|decade|century|centurie)s?\b"
)
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip


def durations(text: str) -> list[tuple[int, int, float]]:
    """(start, end, days) of every span of time written as a count and a unit."""
    out = []
    for m in _DURATION.finditer(fold(text)):
        count = _SMALL.get(m[1])
        value = float(count if count is not None else m[1])
        out.append((m.start(), m.end(), value * DAYS_IN[m[2].replace("centurie", "century")]))
    return out


def same_duration(claim: SentenceFacts, q: Quantity, source: Iterable[SentenceFacts]) -> bool:
    """The claim's quantity is a span of time the source gives in another unit."""
    at = q.mention.start - claim.sentence.start
    mine = [d for a, b, d in durations(claim.sentence.text) if a <= at < b]
    if not mine:
        return False
    given = {round(d, 3) for f in source for _, _, d in durations(f.sentence.text)}
    return round(mine[0], 3) in given
