"""Negations: the words that turn a statement around ("not", "never", "no", "without",
"failed to", "refused to", "denied"). A rewrite that adds or drops one reverses the fact."""

from __future__ import annotations

from factdiff.facts.mentions import lemma, tokens_mention
from factdiff.types import Mention

NEGATION_WORDS = frozenset(
    {"not", "n't", "never", "no", "none", "nobody", "nothing", "nowhere", "neither", "nor",
     "without", "cannot"}
)  # fmt: skip
# "not only", "not just", "not merely": a focus construction, not a negation.
FOCUS_WORDS = frozenset({"only", "just", "merely", "simply", "solely"})
# Verbs that negate their complement: "failed to stop", "refused to pay", "denied it".
NEGATING_VERBS = frozenset({"fail", "refuse", "deny", "decline"})
_NEEDS_COMPLEMENT = frozenset({"fail", "refuse", "decline"})


def _norm(token) -> str:
    low = token.lower_.replace("\u2019", "'")
    if low in ("n't", "not", "cannot"):
        return "not"
    return low


def extract_negations(doc, offset: int) -> tuple[Mention, ...]:
    """Every negating token, as a Mention labelled NEG with its normalised word as norm."""
    out: list[Mention] = []
    for tok in doc:
        low = tok.lower_.replace("\u2019", "'")
        if tok.dep_ == "neg" or low in NEGATION_WORDS:
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if low == "not" and nxt is not None and nxt.lower_ in FOCUS_WORDS:
                continue  # "not only / not just ... but also" does not negate
            if (
                low == "no"
                and nxt is not None
                and nxt.lower_ != "one"
                and (nxt.like_num or nxt.text == ".")
            ):
                continue  # "No 1", "No. 10": the number sign
            if low == "no" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("doubt",):
                continue  # "no doubt" asserts
            if low == "no" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "one":
                out.append(tokens_mention(doc, tok.i, tok.i + 2, offset, "NEG", "nobody"))
                continue
            out.append(tokens_mention(doc, tok.i, tok.i + 1, offset, "NEG", _norm(tok)))
        elif tok.pos_ == "VERB" and lemma(tok) in NEGATING_VERBS:
            verb = lemma(tok)
            if verb in _NEEDS_COMPLEMENT and not any(c.dep_ == "xcomp" for c in tok.children):
                continue  # "declined sharply" is a direction, "declined to comment" negates
            out.append(tokens_mention(doc, tok.i, tok.i + 1, offset, "NEG", verb))
    return tuple(out)
