"""Content words (nouns, names, verbs, adjectives, adverbs, numbers) with their lemma, for
the unsupported-addition check: "a list of the victims' names and addresses" adds
"address", a word no aligned sentence supports."""

from __future__ import annotations

from factdiff.facts.mentions import lemma, tokens_mention
from factdiff.types import Mention

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})


def extract_content(doc, offset: int) -> tuple[Mention, ...]:
    """Every non-stop-word content token, labelled with its coarse POS."""
    out: list[Mention] = []
    for tok in doc:
        if tok.pos_ not in CONTENT_POS or tok.is_punct or tok.is_space:
            continue
        if tok.is_stop and tok.pos_ != "NUM":
            continue
        norm = lemma(tok)
        if not norm.strip():
            continue
        out.append(tokens_mention(doc, tok.i, tok.i + 1, offset, tok.pos_, norm))
    return tuple(out)
