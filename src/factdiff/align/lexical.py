"""Lexical side of alignment: normalised tokens, an inverted index that proposes candidate
pairs (so no stage scores every pair of sentences blindly), and cheap overlap scores."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from factdiff.ingest.normalize import normalize_for_matching

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+(?:[.,']\w+)*")

# Function words carry no topic: two sentences sharing only these are not candidates.
_STOPWORD_TEXT = """
    a an the and or but nor so yet of to in on at by for from with without into onto over
    under about as than then that this these those there here it its it's is are was were be
    been being am has have had having do does did done will would shall should can could may
    might must he she they we you i me him her them us our your their his hers theirs my mine
    who whom whose which what when where why how not no also just very too more most some any
    all each both either neither other such only own same s t said says say up out if while
    after before during because since until again further once"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def normalize_text(text: str) -> str:
    """Curly quotes, dashes and odd spaces folded (as at ingest), NFKC, lower-case, whitespace
    collapsed. Only for comparing: offsets never come from this text."""
    text = unicodedata.normalize("NFKC", normalize_for_matching(text)).lower()
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class LexText:
    """A sentence prepared for lexical comparison."""

    norm: str
    tokens: tuple[str, ...]
    content: frozenset[str]


def prepare(text: str) -> LexText:
    norm = normalize_text(text)
    tokens = tuple(_TOKEN.findall(norm))
    content = frozenset(t for t in tokens if t not in STOPWORDS and (len(t) > 1 or t.isdigit()))
    return LexText(norm, tokens, content)


def join(first: LexText, second: LexText) -> LexText:
    """Two consecutive sentences read as one (for split/merge detection)."""
    return LexText(
        f"{first.norm} {second.norm}", first.tokens + second.tokens, first.content | second.content
    )


@dataclass(frozen=True, slots=True)
class LexScores:
    char_ratio: float  # rapidfuzz ratio on normalised text, in [0, 1]
    token_sim: float  # 1 - token edit distance / longer length
    token_edits: int
    dice: float  # content-word Dice overlap
    containment: float  # share of the first sentence's content words found in the second
    verbatim: bool  # the same words in the same order (punctuation and case aside)

    @property
    def best(self) -> float:
        return max(self.char_ratio, self.token_sim, self.dice)


def lex_scores(a: LexText, b: LexText) -> LexScores:
    shared = len(a.content & b.content)
    total = len(a.content) + len(b.content)
    return LexScores(
        char_ratio=fuzz.ratio(a.norm, b.norm) / 100.0,
        token_sim=Levenshtein.normalized_similarity(a.tokens, b.tokens),
        token_edits=Levenshtein.distance(a.tokens, b.tokens),
        dice=2.0 * shared / total if total else float(a.tokens == b.tokens),
        containment=shared / len(a.content) if a.content else 0.0,
        verbatim=a.norm == b.norm or (bool(a.tokens) and a.tokens == b.tokens),
    )


def lexical_candidates(
    left: Sequence[LexText],
    right: Sequence[LexText],
    *,
    min_shared: int = 2,
    max_postings: int = 200,
) -> set[tuple[int, int]]:
    """Pairs (i, j) whose content words overlap enough to be worth scoring.

    An inverted index over the content words of ``left``; words found in more than
    ``max_postings`` sentences are skipped (they identify nothing). A pair needs
    ``min_shared`` shared words, or all of a short sentence's words.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for i, lt in enumerate(left):
        for tok in lt.content:
            index[tok].append(i)
    pairs: set[tuple[int, int]] = set()
    for j, rt in enumerate(right):
        counts: Counter[int] = Counter()
        for tok in rt.content:
            postings = index.get(tok)
            if postings and len(postings) <= max_postings:
                counts.update(postings)
        for i, shared in counts.items():
            need = min(min_shared, len(left[i].content), len(rt.content))
            if shared >= max(need, 1):
                pairs.add((i, j))
    return pairs
