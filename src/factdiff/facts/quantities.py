"""Numbers with what they count and how they are hedged.

"at least 12 people" → value 12, noun "people", hedge "at least". A rewrite that keeps the
number but drops the hedge, changes the counted noun, or swaps two counts ("three men and two
women" → "two men and three women") changes a fact, so all three are kept.

Numbers are found from the tokens (digits, number words, "a dozen", "$25 billion", "40%"),
not only from NER, because the small model often labels a bare "40" as a DATE. Years and
other dates are left to the times extractor.
"""

from __future__ import annotations

from factdiff.facts.mentions import NAME_LABELS, lemma, tokens_mention
from factdiff.facts.numbers import (
    NUMBER_WORDS,
    VAGUE,
    format_number,
    is_number_word,
    looks_like_year,
    parse_number,
    parse_ordinal,
)
from factdiff.types import Mention, Quantity

# Hedge phrases (lower-case token tuples) → their normalised form. Checks compare the
# normalised form, so "over 40" and "more than 40" agree.
HEDGES: dict[tuple[str, ...], str] = {
    ("at", "least"): "at least",
    ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least",
    ("a", "minimum", "of"): "at least",
    ("more", "than"): "more than",
    ("over",): "more than",
    ("above",): "more than",
    ("upwards", "of"): "more than",
    ("in", "excess", "of"): "more than",
    ("greater", "than"): "more than",
    ("at", "most"): "at most",
    ("no", "more", "than"): "at most",
    ("a", "maximum", "of"): "at most",
    ("up", "to"): "up to",
    ("as", "many", "as"): "up to",
    ("as", "much", "as"): "up to",
    ("just", "over"): "about",
    ("fewer", "than"): "less than",
    ("less", "than"): "less than",
    ("under",): "less than",
    ("below",): "less than",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("close", "to"): "nearly",
    ("just", "under"): "nearly",
    ("about",): "about",
    ("around",): "about",
    ("approximately",): "about",
    ("approx.",): "about",
    ("roughly",): "about",
    ("some",): "about",
    ("an", "estimated"): "about",
    ("estimated",): "about",
    ("circa",): "about",
    ("exactly",): "exactly",
    ("precisely",): "exactly",
}
TRAILING_HEDGES: dict[tuple[str, ...], str] = {
    ("or", "more"): "at least",
    ("or", "so"): "about",
    ("or", "fewer"): "at most",
    ("or", "less"): "at most",
    ("plus",): "at least",
}
_MAX_HEDGE = max(len(k) for k in HEDGES)

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "dollar",
    "us$": "dollar",
    "€": "euro",
    "£": "pound",
    "¥": "yen",
    "₹": "rupee",
    "kr": "krone",
}
TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
)
_PERCENT = frozenset({"%", "percent", "pct"})
_NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_COUNT_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "appos"})


def _is_number_token(tok) -> bool:
    low = tok.text.lower()
    if parse_ordinal(low) is not None:
        return False
    if low == "one" and tok.pos_ != "NUM":
        return False  # "the one who", "one of them" as pronoun
    return is_number_word(low)


def _counts_time_unit(tok) -> bool:
    """ "six hours", "12 years", "two days later": a duration is a count of time units, so a
    changed number is a number change even though NER calls the phrase a DATE/TIME."""
    head = tok
    for _ in range(3):
        if head.dep_ not in ("nummod", "compound", "quantmod") or head.head == head:
            return False
        head = head.head
        if head.pos_ == "NOUN":
            return lemma(head) in TIME_UNITS
    return False


def _skip(tok) -> bool:
    """Tokens that are numbers but not quantities: dates, years, parts of names."""
    if tok.ent_type_ in NAME_LABELS:
        return True
    if _counts_time_unit(tok) and not looks_like_year(tok):
        return False
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "QUANTITY"):
        ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
        if ent.label_ in ("CARDINAL", "QUANTITY"):
            # "a dozen years ago" and a bare "in 2015" are times
            return ent[-1].lower_ in ("ago", "later") or looks_like_year(tok)
        # the small model calls a bare "40" a DATE; a lone non-year number is a quantity
        lone = all(_is_number_token(t) or t.is_punct for t in ent)
        return not lone or any(looks_like_year(t) for t in ent)
    return looks_like_year(tok)


def _groups(doc) -> list[tuple[int, int]]:
    """Runs of tokens that spell one number: "3.5 million", "a dozen", "twenty - five"."""
    groups: list[tuple[int, int]] = []
    i = 0
    n = len(doc)
    while i < n:
        if not _is_number_token(doc[i]) or _skip(doc[i]):
            i += 1
            continue
        start = i
        if (
            start > 0
            and doc[start - 1].lower_ in ("a", "an")
            and doc[start].lower_ in (NUMBER_WORDS - set(("one", "two", "three")))
        ):
            start -= 1  # "a dozen", "a million"
        end = i + 1
        while end < n:
            tok = doc[end]
            if (
                _is_number_token(tok)
                and tok.lower_ not in VAGUE
                or (
                    tok.text in ("-", "and")
                    and end + 1 < n
                    and doc[end + 1].lower_ in NUMBER_WORDS
                    and doc[end - 1].lower_ in NUMBER_WORDS
                )
            ):
                end += 1
            else:
                break
        groups.append((start, end))
        i = end
    return groups


def _hedge(doc, start: int, end: int) -> tuple[str, int, int]:
    """(normalised hedge, first token, end token) just before ``start`` or after ``end``."""
    for size in range(_MAX_HEDGE, 0, -1):
        lo = start - size
        if lo < 0:
            continue
        words = tuple(t.lower_ for t in doc[lo:start])
        if words in HEDGES:
            if words == ("up", "to") and doc[lo].dep_ == "prt":
                continue  # "revised it up to 45" is a direction, not a hedge
            return HEDGES[words], lo, start
    for size in (2, 1):
        words = tuple(t.lower_ for t in doc[end : end + size])
        if len(words) == size and words in TRAILING_HEDGES:
            return TRAILING_HEDGES[words], end, end + size
    return "", start, start


def _counted_noun(doc, start: int, end: int) -> str:
    """Lemma of what the number counts: the noun it modifies, a unit inside the span, or the
    object of "of" ("40 of the passengers")."""
    words = [t.lower_ for t in doc[start:end]]
    nxt = doc[end].lower_ if end < len(doc) else ""
    if (
        any(w in _PERCENT for w in words)
        or nxt in _PERCENT
        or (nxt == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent")
    ):
        return "percent"
    for w in words:
        if w in CURRENCY_SYMBOLS:
            return CURRENCY_SYMBOLS[w]
    inside = {t.i for t in doc[start:end]}
    head = next((t for t in doc[start:end] if t.head.i not in inside or t.head == t), doc[end - 1])
    if head.dep_ in _COUNT_DEPS and head.head.pos_ in ("NOUN", "PROPN") and head.head.i >= end:
        return lemma(head.head)
    if head.pos_ == "NOUN" and head.lower_ not in NUMBER_WORDS | VAGUE:
        return lemma(head)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    return lemma(pobj)
    return ""


def _label(doc, start: int, end: int, noun: str) -> str:
    if noun == "percent":
        return "PERCENT"
    if noun in TIME_UNITS:
        return "QUANTITY"  # a duration; DATE/TIME would tell the checks to skip it
    for tok in doc[start:end]:
        if tok.ent_type_ in _NUMERIC_LABELS:
            return tok.ent_type_
    return "CARDINAL"


def _with_units(doc, start: int, end: int) -> tuple[int, int]:
    """Widen a number to its currency symbol and percent sign ("$", "25", "billion", "%")."""
    while start > 0 and doc[start - 1].lower_ in CURRENCY_SYMBOLS:
        start -= 1
    if end < len(doc) and doc[end].lower_ in _PERCENT:
        end += 1
    elif end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent":
        end += 2
    return start, end


def _ordinals(doc, offset: int, taken: set[int]) -> list[Quantity]:
    out = []
    for ent in doc.ents:
        if ent.label_ != "ORDINAL" or any(t.i in taken for t in ent):
            continue
        value = next((parse_ordinal(t.text) for t in ent if parse_ordinal(t.text)), None)
        root = ent.root
        noun = lemma(root.head) if root.head.pos_ in ("NOUN", "PROPN") and root.head != root else ""
        mention = tokens_mention(
            doc,
            ent.start,
            ent.end,
            offset,
            "ORDINAL",
            format_number(value, ent.text.lower()),
            value,
        )
        out.append(Quantity(mention=mention, value=value, noun=noun))
    return out


def extract_quantities(doc, offset: int) -> tuple[Quantity, ...]:
    """Every cardinal number, amount of money, percentage and ordinal of the sentence."""
    out: list[Quantity] = []
    taken: set[int] = set()
    for start, end in _groups(doc):
        words = [t.text for t in doc[start:end]]
        value = parse_number(words)
        start, end = _with_units(doc, start, end)
        hedge, h_start, h_end = _hedge(doc, start, end)
        noun = _counted_noun(doc, start, end)
        text_norm = " ".join(w.lower() for w in words)
        mention = tokens_mention(
            doc,
            start,
            end,
            offset,
            _label(doc, start, end, noun),
            format_number(value, text_norm),
            value,
        )
        hedge_mention: Mention | None = None
        if hedge:
            hedge_mention = tokens_mention(doc, h_start, h_end, offset, "HEDGE", hedge)
        out.append(
            Quantity(
                mention=mention,
                value=value,
                noun=noun,
                hedge=hedge,
                hedge_mention=hedge_mention,
            )
        )
        taken.update(range(start, end))
    out.extend(_ordinals(doc, offset, taken))
    out.sort(key=lambda q: q.mention.start)
    return tuple(out)
