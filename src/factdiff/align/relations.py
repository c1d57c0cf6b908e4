"""Relation labels for a scored sentence pair, and the thresholds behind them.

A sentence with one swapped name or number is ``near_verbatim``: that is the typical fact
change, so the lexical rules accept a couple of token edits in an otherwise identical sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from factdiff.align.lexical import LexScores
from factdiff.types import Relation

NEAR_CHAR_RATIO = 0.90  # rapidfuzz ratio on normalised text
NEAR_TOKEN_SIM = 0.70  # 1 - token edits / longer length ...
NEAR_MAX_EDITS = 3  # ... with at most this many token edits
PARA_COSINE = 0.60  # embedding cosine for a paraphrase with some shared words
PARA_COSINE_ALONE = 0.72  # embedding cosine for a paraphrase sharing (almost) no words
PARA_DICE = 0.50  # content-word overlap that makes a paraphrase without embeddings
PARA_LEX_CHAR = 0.55  # ... together with this character similarity
SUPPORT_DICE = 0.15  # "some shared words"
# Inside one document: only real restatements (a caption followed by its rewrite).
SAME_DOC_COSINE = 0.80
SAME_DOC_DICE = 0.25
SAME_DOC_SPUN_COSINE = 0.70  # a spun rewrite: lower cosine, but more shared words and letters
SAME_DOC_SPUN_DICE = 0.35
SAME_DOC_SPUN_CHAR = 0.65
SAME_DOC_LEX_DICE = 0.60
SAME_DOC_LEX_CHAR = 0.70


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate pair with its label (None = not aligned) and similarity in [0, 1]."""

    i: int
    j: int
    relation: Relation | None
    similarity: float
    lex: LexScores
    cosine: float | None


MAX_INEXACT_SIMILARITY = 0.99  # 1.0 is kept for verbatim pairs


def similarity(lex: LexScores, cosine: float | None) -> float:
    if lex.verbatim:
        return 1.0
    best = lex.best if cosine is None else max(lex.best, cosine)
    return float(min(MAX_INEXACT_SIMILARITY, max(0.0, best)))


def is_near_verbatim(lex: LexScores) -> bool:
    return lex.char_ratio >= NEAR_CHAR_RATIO or (
        lex.token_sim >= NEAR_TOKEN_SIM and lex.token_edits <= NEAR_MAX_EDITS
    )


def classify(
    lex: LexScores, cosine: float | None, *, same_document: bool = False
) -> Relation | None:
    """The relation of a pair, or None when it should not be aligned."""
    if lex.verbatim:
        return "verbatim"
    if is_near_verbatim(lex):
        return "near_verbatim"
    if same_document:
        if cosine is not None and cosine >= SAME_DOC_COSINE and lex.dice >= SAME_DOC_DICE:
            return "paraphrase"
        if (
            cosine is not None
            and cosine >= SAME_DOC_SPUN_COSINE
            and lex.dice >= SAME_DOC_SPUN_DICE
            and lex.char_ratio >= SAME_DOC_SPUN_CHAR
        ):
            return "paraphrase"
        if lex.dice >= SAME_DOC_LEX_DICE and lex.char_ratio >= SAME_DOC_LEX_CHAR:
            return "paraphrase"
        return None
    if cosine is not None and (
        cosine >= PARA_COSINE_ALONE or (cosine >= PARA_COSINE and lex.dice >= SUPPORT_DICE)
    ):
        return "paraphrase"
    if lex.dice >= PARA_DICE and lex.char_ratio >= PARA_LEX_CHAR:
        return "paraphrase"
    return None


def score_pair(
    i: int, j: int, lex: LexScores, cosine: float | None, *, same_document: bool = False
) -> Scored:
    rel = classify(lex, cosine, same_document=same_document)
    return Scored(i, j, rel, similarity(lex, cosine), lex, cosine)
