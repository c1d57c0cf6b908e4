"""Polarity cues shared by the negation and claim_reversal checks.

Both need to know about the other: "prices did not rise" vs "prices fell" flips a word AND a
negation, which cancel out, so neither check should report it.
"""

from __future__ import annotations

import re

from factdiff.checks._common import base_form, fold, lexicon_words, tokens, word_key
from factdiff.checks._lexicon import (
    ANTONYM_PAIRS,
    DOWN_CUES,
    IMPLICIT_NEGATIVES,
    STOPWORDS,
    UP_CUES,
)
from factdiff.facts.polarity import FOCUS_WORDS
from factdiff.types import Mention, SentenceFacts


def antonym_swaps(claim: set[str], ref: set[str]) -> list[tuple[str, str]]:
    """(claim word, reference word) pairs where one side uses a word and the other its
    antonym, and neither side uses both."""
    out = []
    for a, b in ANTONYM_PAIRS:
        for x, y in ((a, b), (b, a)):
            if x in claim and x not in ref and y in ref and y not in claim:
                out.append((x, y))
    return out


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(
        rf"\b(?:{alts})\s+(?:(?:the|a|an|all|any|its|their|of)\s+)?([a-z]+)(?:\s+([a-z]+))?"
    )


_DOWN = _cue_pattern(DOWN_CUES)
_UP = _cue_pattern(UP_CUES)


def cue_directions(text: str) -> dict[str, dict[str, tuple[int, int]]]:
    """What the sentence asks to stop or to increase, with where it says so (offsets into
    ``text``): "an end to evictions" → {"eviction": {"down": (0, 19)}}."""
    folded = fold(text)
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for direction, pattern in (("down", _DOWN), ("up", _UP)):
        for m in pattern.finditer(folded):
            for i, word in enumerate(m.groups(), start=1):
                if word and word not in STOPWORDS and word != "than":
                    where = out.setdefault(word_key(word), {})
                    where.setdefault(direction, (m.start(), m.end(i)))
    return out


def cue_reversals(
    claim: SentenceFacts, ref: SentenceFacts
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Phrases (claim offsets, reference offsets; relative to each sentence) that push the
    same thing in opposite directions."""
    a, b = cue_directions(claim.sentence.text), cue_directions(ref.sentence.text)
    out = []
    for target, dirs in a.items():
        other = b.get(target, {})
        if len(dirs) == 1 and len(other) == 1 and dirs.keys() != other.keys():
            out.append((next(iter(dirs.values())), next(iter(other.values()))))
    return out


_NEGATORS = frozenset({"not", "never", "no", "cannot", "without"})


def negates_word(facts: SentenceFacts, word: str) -> bool:
    """Is ``word`` (a base form) negated right before it ("did not rise", "never won")?"""
    toks = tokens(facts.sentence.text)
    for i, tok in enumerate(toks):
        if base_form(tok) == word:
            before = toks[max(0, i - 3) : i]
            if any(t in _NEGATORS or t.endswith("n't") for t in before):
                return True
    return False


def word_swaps(claim: SentenceFacts, ref: SentenceFacts) -> list[tuple[str, str, bool]]:
    """Antonym swaps (claim word, reference word, cancelled). ``cancelled`` when exactly one
    side negates its word: "did not rise" ~ "fell" says the same thing."""
    out = []
    for new, old in antonym_swaps(lexicon_words(claim), lexicon_words(ref)):
        out.append((new, old, negates_word(claim, new) != negates_word(ref, old)))
    return out


def implicitly_negative(facts: SentenceFacts) -> bool:
    """The sentence says "no" without a negation mention: "declined to comment"."""
    return bool(lexicon_words(facts) & IMPLICIT_NEGATIVES)


def negation_mentions(facts: SentenceFacts) -> tuple[Mention, ...]:
    """Negation mentions, minus "not only / not just ..." which does not negate."""
    text, start = facts.sentence.text.lower(), facts.sentence.start
    return tuple(
        m
        for m in facts.negations
        if not any(text[m.end - start :].lstrip().startswith(w + " ") for w in FOCUS_WORDS)
    )


def negated_before(facts: SentenceFacts, m: Mention) -> bool:
    """A negative word in the three words before ``m``: "declined to comment"."""
    s = facts.sentence
    before = tokens(s.text[: max(0, m.start - s.start)])[-3:]
    return any(base_form(t) in IMPLICIT_NEGATIVES or t.endswith("n't") for t in before)
