"""Does a page restate itself? A cheap test, run on every page that has no copy in the
crawl, for the one kind of lone page worth the full compare: a content-farm page that quotes
an original caption and right after it the caption's spun rewrite (issue 9: every page is
checked inside itself). Comparing every lone page would cost a model run per page; this
test costs a few sets per page and lets through only pages where a sentence shares half
its content words with one of the next few.

Chosen on spun dev-01..16 and checked on dev-17..24: every content-farm page passes, while
11% of FRANK's news articles do (compared for nothing, which costs time, not accuracy);
tests/test_corpus_echo.py checks both.
"""

from __future__ import annotations

import re

from factdiff.options import Tuning

MIN_WORDS = 6  # content words a sentence needs for its overlap to mean anything
MIN_DICE = 0.5

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_WORD = re.compile(r"[a-z0-9]+")
# Short on purpose: the function words that make two unrelated sentences look alike (the
# project's longer list in align/lexical.py drops so much that one dev page fell below).
_STOP_TEXT = """
the and for that with was were are has have had this from but not his her its their they
them she him who which when what where will would could should been being into than then
there these those also after before about over under more most some such only other said
says one two
"""
_STOP = frozenset(_STOP_TEXT.split())


def content_words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(sentence.lower()) if len(w) > 2 and w not in _STOP)


def restates_itself(text: str, window: int = Tuning().within_sentences) -> bool:
    """True when some sentence is followed, within ``window`` sentences (as far as the
    within-page check looks, ``Tuning.within_sentences``), by a different one sharing at
    least MIN_DICE of their content words."""
    words = [content_words(s) for s in _SENTENCE_END.split(text) if s.strip()]
    for i, a in enumerate(words):
        if len(a) < MIN_WORDS:
            continue
        for b in words[i + 1 : i + 1 + window]:
            if len(b) >= MIN_WORDS and a != b and 2 * len(a & b) >= MIN_DICE * (len(a) + len(b)):
                return True
    return False
