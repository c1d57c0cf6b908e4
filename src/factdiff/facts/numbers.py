"""Reading numbers written in digits or words: "12", "1,200", "3.5 million", "twenty-five",
"a dozen", "$5bn". Shared by quantities (what is counted) and times (is it a year?)."""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
    "hundredth": 100, "last": -1,
}  # fmt: skip
# Plurals that name an order of magnitude but no number: "hundreds protested".
VAGUE: frozenset[str] = frozenset(
    {"dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens"}
)
NUMBER_WORDS = frozenset(UNITS) | {"hundred", "dozen", "thousand", "million", "billion", "trillion"}

_DIGITS = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|mln|bn|b|tn)$")
_ORDINAL_DIGITS = re.compile(r"^(\d+)(st|nd|rd|th)$")


def is_number_word(word: str) -> bool:
    """True for a token that is (part of) a number: digits or a number word."""
    w = word.lower()
    if _DIGITS.match(w) or _SUFFIXED.match(w) or w in NUMBER_WORDS or w in VAGUE:
        return True
    parts = w.split("-")
    return len(parts) > 1 and all(part in UNITS for part in parts)  # "twenty-five"


def parse_number(words: list[str]) -> float | None:
    """Value of a run of number words ("3.5", "million") → 3500000.0; None if it has no
    definite value (vague plurals such as "hundreds", or no number at all)."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = raw.lower().replace(",", "")
        if w in VAGUE:
            return None
        parts = w.split("-") if "-" in w and not w.startswith("-") else [w]
        for part in parts:
            suffixed = _SUFFIXED.match(part)
            if _DIGITS.match(part):
                current += float(part)
                seen = True
            elif suffixed:
                current += float(suffixed.group(1)) * SCALES[suffixed.group(2)]
                seen = True
            elif part in UNITS:
                current += UNITS[part]
                seen = True
            elif part in ("a", "an"):
                current += 1
            elif part == "dozen":
                current = (current or 1) * 12
                seen = True
            elif part == "hundred":
                current = (current or 1) * 100
                seen = True
            elif part in SCALES and len(part) > 2:
                total += (current or 1) * SCALES[part]
                current = 0.0
                seen = True
    return total + current if seen else None


def parse_ordinal(word: str) -> float | None:
    """ "third" → 3, "21st" → 21; None when the word is not an ordinal."""
    w = word.lower()
    if w in ORDINALS:
        return float(ORDINALS[w])
    match = _ORDINAL_DIGITS.match(w)
    return float(match.group(1)) if match else None


def format_number(value: float | None, fallback: str = "") -> str:
    """Canonical text of a value, used as a Mention norm: 12.0 → "12", 3.5 → "3.5"."""
    if value is None:
        return fallback
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}"


def is_year_text(text: str) -> bool:
    """Four digits in 1800-2100: what a year is written as."""
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


def looks_like_year(token) -> bool:
    """A four-digit number in 1800-2100 that does not count a plural noun ("in 2015", "the
    1908 building", but not "2000 people")."""
    if not is_year_text(token.text):
        return False
    head = token.head
    counts = token.dep_ == "nummod" and head.i > token.i and head.tag_ in ("NNS", "NNPS")
    return not counts
