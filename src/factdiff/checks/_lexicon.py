"""Constant word tables the checks share: antonyms, negative words, hedges, dates.

Small on purpose: each entry is a word a rewriter flips to reverse a claim. Inflected forms
are generated once at import (a constant, never mutated) so the checks work on raw text and
on lemmas alike.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ANTONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("increase", "decrease"),
    ("increase", "reduce"),
    ("rise", "fall"),
    ("rise", "drop"),
    ("rise", "decline"),
    ("grow", "shrink"),
    ("gain", "lose"),
    ("win", "lose"),
    ("victory", "defeat"),
    ("accept", "reject"),
    ("approve", "reject"),
    ("approve", "veto"),
    ("allow", "ban"),
    ("allow", "forbid"),
    ("allow", "prohibit"),
    ("permit", "ban"),
    ("lift", "impose"),
    ("support", "oppose"),
    ("agree", "disagree"),
    ("confirm", "deny"),
    ("admit", "deny"),
    ("open", "close"),
    ("begin", "end"),
    ("start", "end"),
    ("continue", "end"),
    ("continue", "stop"),
    ("continue", "halt"),
    ("more", "fewer"),
    ("more", "less"),
    ("higher", "lower"),
    ("above", "below"),
    ("guilty", "innocent"),
    ("convict", "acquit"),
    ("succeed", "fail"),
    ("alive", "dead"),
    ("survive", "die"),
    ("include", "exclude"),
    ("legal", "illegal"),
    ("strengthen", "weaken"),
    ("expand", "shrink"),
    ("profit", "loss"),
    ("best", "worst"),
)

# Words that carry a negation without "not": "declined to comment" ~ "did not comment".
IMPLICIT_NEGATIVES = _words(
    "not no never none nobody nothing neither nor without cannot refuse fail deny decline "
    "reject lack unable absent avoid prevent dismiss zero nowhere minus instead rather "
    "impossible resist"
)

IRREGULAR: dict[str, str] = {
    "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "won": "win",
    "lost": "lose", "grew": "grow", "grown": "grow", "shrank": "shrink", "shrunk": "shrink",
    "began": "begin", "begun": "begin", "died": "die", "dying": "die", "said": "say",
    "told": "tell", "cannot": "not", "can't": "not", "won't": "not",
}  # fmt: skip

_EXTRA_BASES = ("say", "tell", "claim", "allege", "comment", "protest") + tuple(IMPLICIT_NEGATIVES)

_VOWELS = "aeiou"


def _inflections(base: str) -> set[str]:
    forms = {base, base + "s", base + "es", base + "ed", base + "d", base + "ing"}
    if base.endswith("e"):
        forms |= {base[:-1] + "ing", base + "d"}
    if base.endswith("y") and len(base) > 2 and base[-2] not in _VOWELS:
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    consonant_vowel_consonant = (
        len(base) >= 3
        and base[-1] not in _VOWELS + "wxy"
        and base[-2] in _VOWELS
        and base[-3] not in _VOWELS
    )
    if consonant_vowel_consonant:  # ban → banned, stop → stopping
        forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


def _form_table() -> dict[str, str]:
    bases = {w for pair in ANTONYM_PAIRS for w in pair} | set(_EXTRA_BASES)
    table: dict[str, str] = {}
    for base in sorted(bases):
        for form in _inflections(base):
            table.setdefault(form, base)
    for base in bases:
        table[base] = base
    table.update(IRREGULAR)
    return table


FORM_TO_BASE: dict[str, str] = _form_table()

# (word, next word) pairs where the word is not the cue it looks like.
SKIP_BIGRAMS = frozenset(
    {("more", "than"), ("less", "than"), ("fewer", "than"), ("close", "to"), ("no", "longer"),
     ("not", "only"), ("at", "least"), ("no", "more"), ("no", "fewer"), ("no", "less")}
)  # fmt: skip

# "end to evictions" / "more evictions": a cue word and the thing it increases or stops.
DOWN_CUES = (
    "an end to", "end to", "a halt to", "halt to", "a stop to", "a ban on", "ban on",
    "fewer", "less", "a cut in", "cuts to", "cuts in", "a reduction in", "reduction in",
    "reduce", "reduced", "stop", "stopped", "end", "ended", "ending", "halt", "halted",
    "curb", "curbs on", "limits on", "the end of", "an end of",
)  # fmt: skip
UP_CUES = (
    "more", "additional", "extra", "further", "increased", "an increase in", "increase in",
    "an expansion of", "expansion of", "expand", "expanded", "continued", "continue",
)  # fmt: skip

# Hedges that say the same thing ("at least" ~ "more than").
HEDGE_GROUP: dict[str, str] = {
    "at least": "min", "more than": "min", "over": "min", "no fewer than": "min",
    "upwards of": "min", "in excess of": "min", "above": "min", "no less than": "min",
    "at most": "max", "fewer than": "max", "less than": "max", "under": "max", "up to": "max",
    "no more than": "max", "below": "max", "as many as": "max",
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "some": "approx", "nearly": "approx", "almost": "approx", "close to": "approx",
    "an estimated": "approx", "estimated": "approx", "or so": "approx", "just under": "approx",
    "just over": "approx", "circa": "approx", "approx": "approx",
    # "exactly eight weeks" and "eight weeks" state the same number: no hedge either way.
    "exactly": "", "precisely": "",
}  # fmt: skip

# Number words that are not a precise count: never "a number was added".
VAGUE_NUMBERS = _words(
    "hundreds thousands dozens scores millions billions tens several many few some a an one "
    "single couple handful"
)

WEEKDAYS: dict[str, str] = {
    "monday": "mon", "mon": "mon", "tuesday": "tue", "tue": "tue", "tues": "tue",
    "wednesday": "wed", "wed": "wed", "thursday": "thu", "thu": "thu", "thurs": "thu",
    "friday": "fri", "fri": "fri", "saturday": "sat", "sat": "sat", "sunday": "sun", "sun": "sun",
}  # fmt: skip
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
RELATIVE_DAYS = frozenset({"yesterday", "today", "tomorrow", "tonight"})
PERIODS = frozenset({"week", "weekend", "month", "year", "season", "decade", "century"})
# Relation words that mean the same thing for a date.
TIME_RELATION_GROUP: dict[str, str] = {
    "in": "point", "on": "point", "at": "point", "during": "point", "of": "point",
    "since": "since", "from": "since", "until": "until", "till": "until", "through": "until",
    "before": "before", "prior": "before", "after": "after", "following": "after",
    "later": "after", "same": "same",
}  # fmt: skip

ALIASES: dict[str, str] = {
    "america": "united states", "usa": "united states", "us": "united states",
    "britain": "united kingdom", "great britain": "united kingdom", "uk": "united kingdom",
    "holland": "netherlands", "un": "united nations", "eu": "european union",
    "no": "number", "nyc": "new york", "new york city": "new york", "la": "los angeles",
    "gb": "united kingdom",
    "tv": "television", "u s": "united states", "united states of america": "united states",
    # month abbreviations ("Oct. 2013")
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
    "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
    "nov": "november", "dec": "december",
    # demonyms the shared-prefix rule cannot see
    "british": "united kingdom", "briton": "united kingdom", "britons": "united kingdom",
    "american": "united states", "americans": "united states", "dutch": "netherlands",
    "french": "france", "swiss": "switzerland", "danish": "denmark", "welsh": "wales",
    "scottish": "scotland", "irish": "ireland", "greek": "greece", "spanish": "spain",
    "polish": "poland", "finnish": "finland", "turkish": "turkey", "filipino": "philippines",
}  # fmt: skip
# Words that a place name may carry or drop ("New York City" / "New York").
GENERIC_NAME_WORDS = _words("city county state province district borough")
DEMONYM_SUFFIXES = ("ian", "ish", "ese", "ean", "an", "i", "ic")

PRONOUNS = _words(
    "i me we us you he him she her it they them this that who which someone anyone one"
)

RANK_WORDS = _words(
    "deputy vice former acting interim assistant ex chief senior junior associate co "
    "incoming outgoing"
)

STOPWORDS = _words(
    "the a an and or but of to in on at by for with from as is are was were be been being has "
    "have had do does did this that these those it its their they them he she his her we our "
    "you your i not no also than then there here which who whom what when where while after "
    "before about into over under up down out so if all any some more most other such only own "
    "same very can will just said says say"
)
