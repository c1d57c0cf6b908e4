"""The check stage: each change family is one small module that looks at an aligned pair (or
one sentence) and returns findings. Checks read SentenceFacts only (no NLP here), so they are
pure functions, testable with hand-built facts.

Findings come back with ``id`` and ``introduced_by`` empty: reconcile fills them.
"""

from __future__ import annotations

from factdiff.checks.internal_inconsistency import check_sentence
from factdiff.checks.omission import check_omitted
from factdiff.checks.registry import PAIR_CHECKS
from factdiff.checks.unaligned import check_unaligned
from factdiff.types import Finding, Pair, Sentence, SentenceFacts

__all__ = [
    "PAIR_CHECKS",
    "check_omitted",
    "check_unaligned",
    "run_pair_checks",
    "run_sentence_checks",
    "same_text",
]


def _overlaps(a: Finding, b: Finding) -> bool:
    """Same changed words of the claim (or the very same finding twice)."""
    x, y = a.claim, b.claim
    if x.span_start is not None and y.span_start is not None:
        return x.span_start < (y.span_end or 0) and y.span_start < (x.span_end or 0)
    return a.type == b.type and a.explanation == b.explanation


def run_pair_checks(pair: Pair) -> list[Finding]:
    """Every pair check on one aligned pair; where two findings point at the same words of the
    claim, the check earlier in PAIR_CHECKS wins (see registry). A claim that is word for word
    its one evidence sentence changes no fact, whatever the parser read in each (it parses each
    in its own document's context)."""
    if len(pair.evidence) == 1 and same_text(pair.claim.sentence, pair.evidence[0].sentence):
        return []
    kept: list[Finding] = []
    for check in PAIR_CHECKS:
        for found in check(pair):
            if not any(_overlaps(found, k) for k in kept):
                kept.append(found)
    return kept


def same_text(a: Sentence, b: Sentence) -> bool:
    """The same characters, whitespace aside."""
    return a.text.split() == b.text.split()


def run_sentence_checks(facts: SentenceFacts) -> list[Finding]:
    """Checks that need one sentence only (internal consistency)."""
    return check_sentence(facts)
