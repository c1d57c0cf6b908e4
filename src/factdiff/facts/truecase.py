"""Reading a Title-Case headline as if it were written in sentence case.

A small NER model takes capitalised words for names, so "Blaze Wipes Out Historic Port Merrow
Fish Market" yields the "people" 'Blaze Wipes Out' and 'Historic Port'. In a title-cased
sentence the capitals say nothing, so each word is given the casing the same document uses for
it in ordinary sentences ("Port Merrow" stays, "fish market" is lower case) and words the
document never writes capitalised mid-sentence are lower-cased. Only letters change case, so
every character offset stays valid.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass, replace
from typing import Any

from factdiff.facts.mentions import word_set
from factdiff.types import Mention, Sentence

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")
# Short function words a headline style may leave in lower case ("Fire at the Market").
_MINOR = word_set(
    "a an and are as at be but by for from in into is nor of off on onto or out over per the to "
    "up via vs was were with"
)
MIN_TITLE_WORDS = 3


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_title_case(text: str) -> bool:
    """Every word (function words aside) begins with a capital, and there are several: the
    casing is a style, not a sign of names. One lower-case verb ("Mayor Anne Ross visited
    Lake Varden") makes it an ordinary sentence."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _MINOR]
    return len(words) >= MIN_TITLE_WORDS and all(_capitalised(w) for w in words)


def word_forms(texts: Iterable[str]) -> dict[str, str]:
    """For each word (lower-cased key), the form the document writes it in most often inside
    ordinary sentences, first words left out (their capital is the sentence's)."""
    counts: dict[str, Counter[str]] = {}
    for text in texts:
        if is_title_case(text):
            continue
        for i, m in enumerate(_WORD.finditer(text)):
            if i == 0:
                continue
            word = m.group()
            counts.setdefault(word.lower(), Counter())[word] += 1
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


def _same_length_lower(word: str) -> str:
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in word)


def _recase(word: str, forms: dict[str, str], first: bool, shouting: bool) -> str:
    form = forms.get(word.lower())
    if form is not None and len(form) == len(word) and (not first or _capitalised(form)):
        return form
    if word.isupper() and len(word) > 1 and not shouting:
        return word  # an acronym inside a Title-Case line ("NHS Pay Deal")
    low = _same_length_lower(word)
    return low[:1].upper() + low[1:] if first else low


def truecase(text: str, forms: dict[str, str]) -> str:
    """``text`` re-cased word by word from ``forms`` (see word_forms); same length as text."""
    shouting = text.isupper()
    out = []
    last = 0
    for i, m in enumerate(_WORD.finditer(text)):
        out.append(text[last : m.start()])
        out.append(_recase(m.group(), forms, i == 0, shouting))
        last = m.end()
    out.append(text[last:])
    cased = "".join(out)
    return cased if len(cased) == len(text) else text


def parse_texts(sentences: Sequence[Sentence]) -> list[str]:
    """The text to parse for each sentence: a title-cased one re-cased from its document's
    other sentences, every other one as it is."""
    forms_by_doc: dict[str, dict[str, str]] = {}
    out = []
    for s in sentences:
        if not is_title_case(s.text):
            out.append(s.text)
            continue
        if s.doc not in forms_by_doc:
            forms_by_doc[s.doc] = word_forms(x.text for x in sentences if x.doc == s.doc)
        out.append(truecase(s.text, forms_by_doc[s.doc]))
    return out


def restore_text(record: Any, sentence: Sentence) -> Any:
    """``record`` with every Mention's text taken again from the sentence as written (the
    parse saw the re-cased copy; offsets are the same)."""
    if isinstance(record, Mention):
        a, b = record.start - sentence.start, record.end - sentence.start
        return replace(record, text=sentence.text[a:b])
    if isinstance(record, tuple):
        return tuple(restore_text(x, sentence) for x in record)
    if is_dataclass(record) and not isinstance(record, (type, Sentence)):
        changes = {}
        for f in fields(record):
            value = getattr(record, f.name)
            new = restore_text(value, sentence)
            if new is not value:
                changes[f.name] = new
        return replace(record, **changes) if changes else record
    return record
