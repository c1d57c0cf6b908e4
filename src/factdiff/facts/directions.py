"""Directions of change: "revised it down to 35" vs "increased it to 35", "an end to
evictions" vs "more evictions". Each is a DIRECTION Mention with norm "up" or "down"; the
consistency check compares them with the numbers around them."""

from __future__ import annotations

from factdiff.facts.mentions import lemma, tokens_mention, word_set
from factdiff.facts.numbers import is_number_word
from factdiff.types import Mention

UP_LEMMAS = word_set(
    "increase rise grow climb raise gain jump soar surge boost expand double triple swell "
    "rocket spike escalate mount hike accelerate strengthen widen"
)
DOWN_LEMMAS = word_set(
    "decrease fall drop decline cut lower reduce shrink slump plunge tumble slash halve dip "
    "slide contract ease curb diminish weaken narrow lessen trim plummet sink"
)
# Nouns that name a change ("a rise in prices", "job cuts").
UP_NOUNS = word_set("increase rise growth gain hike boost surge jump expansion upturn")
DOWN_NOUNS = word_set(
    "decrease decline fall drop cut reduction loss slump downturn contraction halt end"
)
# Verbs that take their direction from a particle: "revise down", "scale back", "mark up".
NEUTRAL_VERBS = word_set(
    "revise adjust mark scale ratchet push drive bring put move go come step turn"
)
_COMPARATIVES = {"more": "up", "higher": "up", "greater": "up", "larger": "up",
                 "less": "down", "fewer": "down", "lower": "down", "smaller": "down"}  # fmt: skip
_PARTICLES = {"up": "up", "down": "down", "back": "down"}
# Physical sinking/falling of a subject is not a change of amount unless the verb takes a
# number: "the ferry sank" is no direction, "shares sank 5%" is.
_NEEDS_AMOUNT = frozenset({"sink", "fall", "drop", "dip", "slide", "tumble", "climb", "jump"})


def _has_amount(verb) -> bool:
    for tok in verb.subtree:
        if tok.like_num or tok.lower_ in ("%", "percent"):
            return True
    return any(c.dep_ == "prep" and c.lower_ in ("to", "by", "from") for c in verb.children)


def _verb_direction(tok) -> str:
    lem = lemma(tok)
    if lem in NEUTRAL_VERBS:
        for child in tok.children:
            if child.dep_ in ("prt", "advmod") and child.lower_ in _PARTICLES:
                return _PARTICLES[child.lower_]
        return ""
    if lem in _NEEDS_AMOUNT and not _has_amount(tok):
        return ""
    if lem in UP_LEMMAS:
        return "up"
    if lem in DOWN_LEMMAS:
        return "down"
    return ""


def extract_directions(doc, offset: int) -> tuple[Mention, ...]:
    """Every word that says an amount went up or down."""
    out: list[Mention] = []
    for tok in doc:
        low = tok.lower_
        norm = ""
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN"):
            norm = _verb_direction(tok)
        elif tok.pos_ == "NOUN":
            lem = lemma(tok)
            if lem == "end":
                nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
                norm = "down" if nxt is not None and nxt.lower_ == "to" else ""
            elif lem in UP_NOUNS:
                norm = "up"
            elif lem in DOWN_NOUNS:
                norm = "down"
        elif low in _COMPARATIVES and tok.pos_ in ("ADJ", "ADV"):
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if (
                nxt is not None
                and nxt.lower_ == "than"
                and any(t.like_num or is_number_word(t.text) for t in doc[tok.i + 2 : tok.i + 5])
            ):
                continue  # "more than 12" is a hedge on a number
            if tok.head.pos_ in ("ADJ", "ADV") and tok.head != tok:
                continue  # "more specifically", "more important": degree, not amount
            if low in ("more", "less", "fewer") and not (
                tok.head.pos_ in ("NOUN", "PROPN") or tok.dep_ in ("dobj", "attr", "npadvmod")
            ):
                continue
            norm = _COMPARATIVES[low]
        if norm:
            out.append(tokens_mention(doc, tok.i, tok.i + 1, offset, "DIRECTION", norm))
    return tuple(out)
