"""Shared helpers of the extractors: token spans → Mentions with absolute offsets, and the
normalisation every extractor uses for names and noun phrases.

Each extractor gets a spaCy ``Doc`` of ONE sentence's text plus ``offset`` (the sentence's
start in the document), so ``offset + token.idx`` is an absolute offset into Document.text.
"""

from __future__ import annotations

import re

from factdiff.types import Mention

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SPACE = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"('s|')$")
_EDGE_PUNCT = "\"'.,;:!?()[]{}«»“”"


def word_set(text: str) -> frozenset[str]:
    """A constant word table written as one string (keeps long tables readable)."""
    return frozenset(text.split())


PRONOUNS = word_set(
    "i me my we us our you your he him his she her it its they them their this that these "
    "those who whom which one someone anyone everyone"
)

# Entity labels that name things (not numbers or dates).
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)


def span_mention(span, offset: int, label: str, norm: str, value: float | None = None) -> Mention:
    """A Mention covering a spaCy Span (or Doc slice); offsets made absolute."""
    return Mention(
        text=span.text,
        start=offset + span.start_char,
        end=offset + span.end_char,
        label=label,
        norm=norm,
        value=value,
    )


def tokens_mention(
    doc, start: int, end: int, offset: int, label: str, norm: str, value: float | None = None
) -> Mention:
    """A Mention for tokens ``doc[start:end]`` (token indices, end exclusive)."""
    return span_mention(doc[start:end], offset, label, norm, value)


def normalize_name(text: str) -> str:
    """The comparison key of a name: lower case, curly quotes folded, whitespace collapsed,
    possessive "'s" and a leading article dropped ("The Acme Corp's" → "acme corp")."""
    norm = _SPACE.sub(" ", text.translate(_APOSTROPHES).lower()).strip().strip(_EDGE_PUNCT)
    norm = _POSSESSIVE.sub("", norm).strip()
    norm = _LEADING_ARTICLE.sub("", norm).replace(".", "")  # "U.S." and "US" agree
    return norm.strip(_EDGE_PUNCT).strip()


def lemma(token) -> str:
    """Lower-cased lemma, falling back to the text when the lemmatizer gave nothing."""
    return (token.lemma_ or token.text).translate(_APOSTROPHES).lower()


def trim_span(span):
    """Drop determiners, possessive markers and punctuation at the edges of a span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].tag_ == "DT"):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"
    ):
        end -= 1
    return doc[start:end] if end > start else span


def entity_at(token):
    """The named entity (of a NAME_LABELS kind) a token belongs to, or None."""
    if token.ent_type_ not in NAME_LABELS:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def phrase_mention(token, offset: int) -> Mention:
    """The noun phrase headed by ``token`` as a Mention: a named entity when the token is in
    one (norm = entity name), else the head with its compounds (norm = their lemmas, so
    "police officers" → "police officer", "residents" → "resident")."""
    ent = entity_at(token)
    if ent is not None:
        span = trim_span(ent)
        return span_mention(span, offset, ent.label_, normalize_name(span.text))
    doc = token.doc
    start = token.i
    for child in reversed(list(token.lefts)):
        if child.dep_ == "compound" and child.i == start - 1:
            start = child.i
        else:
            break
    words = [lemma(t) for t in doc[start : token.i + 1]]
    label = "PRON" if token.pos_ == "PRON" else token.pos_ or "NOUN"
    norm = " ".join(words)
    if token.pos_ == "PRON":
        norm = token.text.lower()
    return tokens_mention(doc, start, token.i + 1, offset, label, norm)
