"""A seeded generator of news-like documents with planted copy families, for the corpus
benchmarks and tests: each story is an original article plus, for some, verbatim copies
(with a site's boilerplate around them), lightly edited copies and spun copies (synonyms
swapped from the WordNet list shipped in ``factdiff/lexicon``, sentences reordered).

Made up from templates and word lists, so no third-party article text is involved; every
story draws its own topic words and names, so stories differ the way real ones do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

TEMPLATES = (
    "{P} said on {D} that the {n} in {L} would {v} the {n2} by {N} per cent.",
    "Officials in {L} confirmed that {N} {n}s had been {vd} since {D}.",
    "The {a} {n} was first reported by residents of {L} shortly after {N} o'clock.",
    "{P}, who leads the {O}, told reporters the {n} was {a} and {a2}.",
    "According to the {O}, about {N} people were affected by the {n} in {L}.",
    "Police said a {N}-year-old man from {L} had been {vd} in connection with the {n}.",
    "The {O} has promised to {v} the {n2} before the end of {M}.",
    "Critics including {P} argued that the {n} could {v} the {a} {n2}.",
    "{P} described the decision as {a}, adding that the {n2} must not be {vd}.",
    "In a statement, the {O} said the {n} would cost {N} million pounds.",
    "Work on the {n} in {L} is due to begin in {M} and last {N} weeks.",
    "Residents have complained about the {a} {n} for more than {N} years.",
    "{P} and {P2} met in {L} on {D} to discuss the {n2}.",
    "The {n} was {vd} after an inspection by the {O} found {N} faults.",
    "A spokesman for the {O} declined to comment on the {a} {n}.",
    "Figures released on {D} show the {n2} rose to {N} last year.",
    "The {O} in {L} said it was working to {v} the {n} as quickly as possible.",
    "Witnesses said the {n} began near the {a} {n2} on the edge of {L}.",
    "{P} is expected to {v} the {n} at a meeting of the {O} in {M}.",
    "It is the {N}th {n} of its kind in {L} since records began.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "March", "April", "June", "July", "September", "October", "December")
ORG_KINDS = ("Council", "Ministry", "Agency", "Trust", "Union", "Commission", "Board")
SYLLABLES = (
    "bar",
    "ken",
    "mor",
    "li",
    "ton",
    "ash",
    "vel",
    "ra",
    "dun",
    "sel",
    "hart",
    "wyn",
    "cor",
    "bel",
    "fen",
    "gar",
    "ost",
    "pen",
    "rid",
    "tal",
    "ves",
    "mon",
    "ald",
    "bri",
)
BOILERPLATE = (
    "Share this article. Sign up for our newsletter to get the latest news every morning.",
    "Advertisement. Follow us on social media for more stories like this one.",
    "Copyright all rights reserved. Read more news from around the world on our site.",
)


@dataclass(frozen=True, slots=True)
class SyntheticDoc:
    id: str
    text: str
    story: int  # the planted family: an original and its copies share it
    kind: str  # "original", "verbatim", "edited", "spun"


@lru_cache(maxsize=1)
def _lexicon() -> tuple[np.ndarray, dict[str, tuple[str, ...]]]:
    text = (resources.files("factdiff.lexicon") / "synonyms.tsv").read_text(encoding="utf-8")
    words, synonyms = [], {}
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        word, alts = line.split("\t", 1)
        if word.isalpha() and 4 <= len(word) <= 10:
            words.append(word)
            synonyms[word] = tuple(a for a in alts.split() if a.isalpha())
    return np.array(words), synonyms


def _name(rng: np.random.Generator) -> str:
    return "".join(
        SYLLABLES[i] for i in rng.integers(len(SYLLABLES), size=2 + (rng.random() < 0.5))
    ).capitalize()


def original(rng: np.random.Generator) -> str:
    """One made-up news article of 12 to 24 sentences."""
    words, _ = _lexicon()
    topic = [str(w) for w in words[rng.integers(len(words), size=12)]]  # the story's own words
    people = [f"{_name(rng)} {_name(rng)}" for _ in range(3)]
    places = [_name(rng) for _ in range(2)]
    orgs = [f"{_name(rng)} {ORG_KINDS[rng.integers(len(ORG_KINDS))]}" for _ in range(2)]

    count = int(rng.integers(16, 33))
    r = rng.integers(0, 1 << 30, size=(count, 13)).tolist()  # one draw per slot

    def fill(template: str, x: list[int]) -> str:
        return template.format(
            P=people[x[0] % 3], P2=people[x[1] % 3], L=places[x[2] % 2], O=orgs[x[3] % 2],
            D=DAYS[x[4] % 7], M=MONTHS[x[5] % len(MONTHS)], N=2 + x[6] % 498,
            n=topic[x[7] % 4], n2=topic[4 + x[8] % 4], a=topic[8 + x[9] % 4],
            a2=topic[8 + x[10] % 4], v=topic[4 + x[11] % 4], vd=topic[x[12] % 4] + "ed",
        )  # fmt: skip

    # Templates in a seeded cyclic order, so a sentence frame comes back only after every
    # other one: a real article does not repeat itself within a few sentences, and a page
    # that does is a content-farm page quoting captions and their rewrites (scan checks such
    # a page alone, corpus/echo.py).
    first, step = r[0][0] % len(TEMPLATES), (1, 3, 7, 9, 11, 13, 17, 19)[r[0][1] % 8]
    return " ".join(
        fill(TEMPLATES[(first + k * step) % len(TEMPLATES)], x[1:] + [x[0] // 7])
        for k, x in enumerate(r)
    )


def verbatim(text: str, rng: np.random.Generator) -> str:
    a, b = rng.integers(len(BOILERPLATE), size=2)
    return f"{BOILERPLATE[a]}\n\n{text}\n\n{BOILERPLATE[b]}"


def edited(text: str, rng: np.random.Generator) -> str:
    """One word in twenty dropped, the last sentence cut."""
    sentences = text.split(". ")
    text = ". ".join(sentences[:-1]) + "." if len(sentences) > 2 else text
    words = text.split()
    keep = rng.random(len(words)) > 0.05
    return " ".join(w for w, k in zip(words, keep, strict=True) if k)


def spun(text: str, rng: np.random.Generator) -> str:
    """Most words with a synonym swapped for it, and neighbouring sentences swapped: few
    word 5-grams survive."""
    _, synonyms = _lexicon()
    words = text.split()
    draws = rng.integers(0, 1 << 30, size=len(words)).tolist()
    out = []
    for word, x in zip(words, draws, strict=True):
        alts = synonyms.get(word.lower())
        out.append(alts[x % len(alts)] if alts and x % 10 < 7 else word)
    sentences = " ".join(out).split(". ")
    for i in range(0, len(sentences) - 1, 3):
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    return ". ".join(sentences)


def story(index: int, seed: int = 0) -> list[SyntheticDoc]:
    """Story ``index``: its original and 0-6 copies (most stories have none)."""
    rng = np.random.default_rng([seed, index])
    text = original(rng)
    docs = [SyntheticDoc(f"s{index}-0", text, index, "original")]
    copies = int(rng.geometric(0.5)) - 1 if rng.random() < 0.4 else 0
    for c in range(min(copies, 6)):
        kind = ("verbatim", "edited", "spun")[int(rng.integers(3))]
        make = {"verbatim": verbatim, "edited": edited, "spun": spun}[kind]
        docs.append(SyntheticDoc(f"s{index}-{c + 1}", make(text, rng), index, kind))
    return docs


def corpus(n_docs: int, seed: int = 0) -> Iterator[SyntheticDoc]:
    """``n_docs`` documents, families kept together, generated lazily (memory stays flat)."""
    made, index = 0, 0
    while made < n_docs:
        for doc in story(index, seed)[: n_docs - made]:
            yield doc
            made += 1
        index += 1
