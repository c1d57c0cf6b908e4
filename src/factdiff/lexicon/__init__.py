"""Word tables shipped as package data (read-only), loaded once per process on first use.

antonyms.tsv holds WordNet 3.0 direct antonym pairs (see LICENSE-WordNet), one pair a line,
tab separated, built by scripts/build_antonyms.py. synonyms.tsv holds, for common words, the
words a rewrite may use instead (synonyms of the two most frequent senses, and the direct
hypernym of the first), built by scripts/build_synonyms.py.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def load_antonyms() -> dict[str, frozenset[str]]:
    """word → its direct antonyms, both directions. Cached: the table is immutable package
    data, so one copy serves every call."""
    table: dict[str, set[str]] = {}
    for a, b in _rows("antonyms.tsv"):
        a, b = a.strip().lower(), b.strip().lower()
        if a and b and a != b:
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
    return {w: frozenset(ants) for w, ants in table.items()}


@lru_cache(maxsize=1)
def load_synonyms() -> dict[str, frozenset[str]]:
    """word → the words that may replace it without changing the fact (see the module
    docstring). Cached like the antonyms: immutable package data."""
    return {word: frozenset(near.split()) for word, near in _rows("synonyms.tsv")}


def _rows(name: str) -> list[tuple[str, str]]:
    """(first column, the rest) of each line of a shipped table, comments skipped."""
    text = files(__name__).joinpath(name).read_text(encoding="utf-8")
    return [
        (a, b)
        for a, _, b in (line.partition("\t") for line in text.splitlines())
        if a and not a.startswith("#")
    ]
