"""Names and numbers of a claim that occur nowhere in the source, token by token.

The entity checks compare whole NER names, which a small model often misses or cuts wrong
("the start-up Quill Media" tagged as nothing, "Quill" alone, ...), and fuzzy name matching
rightly accepts "Quill Media" ~ "Media". A single name word the source never uses at all is
plainer evidence: a rewrite that brings a new name word brings a new named thing. The same
holds for a number the source never gives in any spelling ("1,000" = "1000" = "one thousand",
"$5bn" = "5 billion") and for a number-unit compound ("one-month" where the source only has
"one-year"). Only the source's own words count as support, so a claim word is known when the
source has it in any inflection, as part of a hyphenated word, or as its demonym/country.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from factdiff.checks._common import (
    _demonym_match,
    fold,
    name_key,
    spelling_variant,
    tokens,
    word_key,
)
from factdiff.checks._lexicon import ALIASES, GENERIC_NAME_WORDS
from factdiff.types import Mention, SentenceFacts

_RAW_TOKEN = re.compile(r"\S+")
_EDGES = "\"'()[]{}<>.,;:!?“”‘’«»—–…*"
_POSSESSIVE = re.compile(r"['’]s$|['’]$")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}[A-Za-z]?\.?|(?:[A-Za-z]\.)+[A-Za-z]")
# Words capitalised by grammar or by headline habit, never a name on their own.
_NOT_NAMES = frozenset({"i", "i'm", "i'll", "i've", "i'd", "ok", "okay", "mr", "mrs", "ms", "dr"})
# Mid-sentence starts: a token right after these begins a new phrase and may be capitalised.
_OPENERS = re.compile(r"[:;\"“‘(\[—–-]$|[.!?]['\"”’)]*$")
_TITLE_SHARE = 0.6

NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1e3,
    "million": 1e6, "billion": 1e9, "trillion": 1e12, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "half": 0.5,
    "quarter": 0.25, "dozen": 12,
}  # fmt: skip
# Scale words: part of a number ("5 billion"), or vague on their own ("a million reasons").
_SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion")
# Counted in the source as numbers but too common as ordinary words to flag in a claim.
_WEAK_NUMBER_WORDS = frozenset(
    {"one", "first", "second", "half", "quarter", "dozen", "zero"} | set(_SCALE_WORDS)
)
_SOURCE_ONLY_WORDS: dict[str, float] = {
    "one": 1, "first": 1, "second": 2, "single": 1, "half": 50, "quarter": 25,  # "half" = 50%
}  # fmt: skip
_SCALES: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "b": 1e9,
    "bn": 1e9, "billion": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12,
}  # fmt: skip
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_NUMBER_SCALE = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*-?\s*(k|mn|mln|m|bn|b|tn|t|thousand|million|billion|trillion)\b"
)
_CARDINALS = frozenset(
    w for w, v in NUMBER_WORDS.items() if v >= 1 and not w.endswith(("th", "third", "dozen"))
) | {"one"}
# A number-unit compound: "one-year", "3-day", "10-point", "two-thirds" is not one.
_COMPOUND = re.compile(r"\b([a-z]+|\d+(?:\.\d+)?)-([a-z]+)\b")


def _clean(raw: str) -> str:
    return _POSSESSIVE.sub("", raw.strip(_EDGES)).strip(_EDGES)


def source_keys(source: Sequence[SentenceFacts]) -> set[str]:
    """Every word of the source in every form a claim word may match: as written, singular,
    lemma, and each part of a hyphenated word; dotted acronyms also without dots."""
    keys: set[str] = set()
    for f in source:
        keys |= _text_keys(f.sentence.text)
        keys |= _lemma_keys(tuple(m.norm for m in f.content if m.norm and " " not in m.norm))
    keys.discard("")
    return keys


@lru_cache(maxsize=1 << 14)
def _lemma_keys(norms: tuple[str, ...]) -> frozenset[str]:
    """The keys of one sentence's content lemmas; cached like ``_text_keys``."""
    return frozenset(word_key(n) for n in norms) | frozenset(fold(n) for n in norms)


@lru_cache(maxsize=1 << 14)
def _text_keys(text: str) -> frozenset[str]:
    """The word keys of one sentence's text; cached because every pair of a story asks for
    the keys of the same source sentences."""
    keys: set[str] = set()
    for t in tokens(fold(text)):
        t = _POSSESSIVE.sub("", t)
        keys.update((t, word_key(t)))
        for part in t.split("-"):
            keys.update((part, word_key(part)))
    for m in _DOTTED_ACRONYM.finditer(text):
        keys.add(m.group().replace(".", "").lower())
    return frozenset(keys)


def _known(word: str, keys: set[str]) -> bool:
    if word in keys or word_key(word) in keys:
        return True
    alias = ALIASES.get(word, name_key(word))
    if alias in keys or (" " in alias and all(w in keys for w in alias.split())):
        return True
    if any(v == alias and k in keys for k, v in ALIASES.items()):
        return True  # "Britain" for the source's "UK"
    if word in GENERIC_NAME_WORDS or any(
        word in v.split() and k in keys for k, v in ALIASES.items()
    ):
        return True  # "New York" (City) for the source's "NYC"
    if len(word) >= 3 and any(
        spelling_variant(word, k) for k in keys if abs(len(k) - len(word)) <= 2
    ):
        return True  # "Phillipines" for the source's "Philippines"
    if len(word) >= 4:
        stem = word[:4]
        return any(k.startswith(stem) and _demonym_match(word, k) for k in keys)
    return False


def _title_case(words: list[str]) -> bool:
    long = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) / len(long) >= _TITLE_SHARE


def novel_names(claim: SentenceFacts, keys: set[str]) -> list[Mention]:
    """Name words of ``claim`` (capitalised mid-sentence, acronyms, words of NER names) that
    the source (as ``source_keys``) never uses in any form."""
    s = claim.sentence
    raws = list(_RAW_TOKEN.finditer(s.text))
    title = _title_case([_clean(r.group()) for r in raws])
    in_entity = [
        (e.mention.start - s.start, e.mention.end - s.start)
        for e in claim.entities
        if e.mention.label not in ("CARDINAL", "ORDINAL", "DATE", "TIME", "PERCENT", "MONEY")
    ]
    out: list[Mention] = []
    previous = ""
    for i, r in enumerate(raws):
        raw, before = r.group(), previous
        previous = raw
        word = _clean(raw)
        if not word or not word[0].isalpha() or fold(word) in _NOT_NAMES:
            continue
        acronym = _DOTTED_ACRONYM.fullmatch(word) is not None or (
            len(word) >= 2 and word.isalpha() and word.isupper()
        )
        starts = i == 0 or bool(_OPENERS.search(before))
        capital = word[0].isupper() and not starts and not title
        entity = any(a <= r.start() < b for a, b in in_entity) and word[0].isupper()
        if not (acronym or capital or entity):
            continue
        parts = [word.replace(".", "").lower()] if acronym else tokens(word)
        if not parts or all(_known(p, keys) for p in parts):
            continue
        # In a hyphenated word only the capitalised parts are name words: "Sims-related"
        # brings no new name when "Sims" is known, "EEG-QRS" does when "QRS" is not.
        pieces = [p for p in word.split("-") if p[:1].isupper()] if "-" in word else []
        if not acronym and pieces and all(_known(fold(p), keys) for p in pieces):
            continue
        at = s.start + r.start() + raw.index(word[0])
        out.append(Mention(word, at, at + len(word), "NAME", fold(word)))
    return out


@lru_cache(maxsize=256)
def _values(text: str) -> frozenset[float]:
    """Every number ``text`` gives, raw and scaled ("5bn" → 5 and 5e9, "1,000" → 1000).
    Cached: every claim sentence of a copy asks for the numbers of the same source."""
    t = fold(text)
    out: set[float] = set()
    for m in _NUMBER.finditer(t):
        try:
            out.add(float(m.group().replace(",", "")))
        except ValueError:
            continue
    for m in _NUMBER_SCALE.finditer(t):
        try:
            out.add(float(m.group(1).replace(",", "")) * _SCALES[m.group(2)])
        except ValueError:
            continue
    for w in tokens(t):
        for part in w.split("-"):
            value = NUMBER_WORDS.get(part, _SOURCE_ONLY_WORDS.get(part))
            if value is not None:
                out.add(float(value))
        parts = w.split("-")
        if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
            out.add(float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]))
    return frozenset(out)


def _claim_numbers(text: str) -> list[tuple[int, int, str, set[float]]]:
    """(start, end, text, acceptable values) of each precise number of a claim sentence."""
    t = fold(text)
    out = []
    scaled = {m.start(1): m for m in _NUMBER_SCALE.finditer(t)}
    for m in _NUMBER.finditer(t):
        raw = m.group().rstrip(",")
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            continue
        values = {value}
        sm = scaled.get(m.start())
        if sm is not None:
            values.add(value * _SCALES[sm.group(2)])
        end = m.start() + len(raw)
        out.append((m.start(), end, text[m.start() : end], values))
    for m in re.finditer(r"[a-z]+(?:-[a-z]+)?", t):
        parts = m.group().split("-")
        if parts[0] in NUMBER_WORDS and parts[0] not in _WEAK_NUMBER_WORDS:
            values = {float(NUMBER_WORDS[parts[0]])}
            if len(parts) == 2 and parts[1] in NUMBER_WORDS:
                values = {float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])}
            end = m.start() + len(parts[0])
            out.append((m.start(), end, text[m.start() : end], values))
    return out


def _compound_known(number: str, unit: str, source_text: str) -> bool:
    """ "one-year" is supported by "one-year", "one year" or "1-year" in the source."""
    units = {unit, word_key(unit), unit + "s"}
    numbers = {number}
    value = NUMBER_WORDS.get(number, _SOURCE_ONLY_WORDS.get(number))
    if value is not None:
        numbers.add(f"{value:g}")
    elif number.replace(".", "", 1).isdigit():
        spelled = {**NUMBER_WORDS, **_SOURCE_ONLY_WORDS}
        numbers.update(w for w, v in spelled.items() if f"{v:g}" == number)
    return any(
        re.search(rf"(?<![a-z0-9]){re.escape(n)}[\s-]+{re.escape(u)}(?![a-z0-9])", source_text)
        for n in numbers
        for u in units
    )


def source_values(source: Sequence[SentenceFacts]) -> frozenset[float]:
    """Every number the source gives, in any spelling ("one", "1", "5bn")."""
    return _values(fold("\n".join(f.sentence.text for f in source)))


def novel_numbers(claim: SentenceFacts, source: Sequence[SentenceFacts]) -> list[Mention]:
    """Precise numbers of ``claim`` that the source gives in no spelling, and number-unit
    compounds ("one-month") whose unit the source never gives with that number."""
    s = claim.sentence
    source_text = fold("\n".join(f.sentence.text for f in source))
    known = _values(source_text) | {
        q.value for f in source for q in f.quantities if q.value is not None
    }
    out: list[Mention] = []
    for a, b, text, values in _claim_numbers(s.text):
        if not values & known:
            out.append(Mention(text, s.start + a, s.start + b, "NUMBER", text))
    taken = [(m.start, m.end) for m in out]
    folded = fold(s.text)
    for m in _COMPOUND.finditer(folded):
        number, unit = m.group(1), m.group(2)
        is_number = number in _CARDINALS or number[0].isdigit()
        if not is_number or unit in NUMBER_WORDS or len(unit) < 3:
            continue
        a, b = s.start + m.start(), s.start + m.end()
        if any(x < b and a < y for x, y in taken) or _compound_known(number, unit, source_text):
            continue
        out.append(Mention(s.text[m.start() : m.end()], a, b, "NUMBER", m.group()))
    return out
