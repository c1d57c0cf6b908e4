"""Dates and times with how the sentence ties the event to them.

"since 2015" and "in 2015" name the same year but different facts, as do "the day after the
fire" and "the same day as the fire", so each TimeExpr keeps a ``relation`` (since | in | on |
before | after | until | same | "") beside its ``norm`` (the lower-cased core: "2015",
"tuesday", "day after", "same day").
"""

from __future__ import annotations

from factdiff.facts.mentions import tokens_mention, word_set
from factdiff.facts.numbers import looks_like_year
from factdiff.types import TimeExpr

# Preposition before the time → relation.
PREP_RELATIONS: dict[str, str] = {
    "since": "since",
    "from": "since",
    "in": "in",
    "during": "in",
    "within": "in",
    "throughout": "in",
    "at": "in",
    "of": "in",
    "on": "on",
    "before": "before",
    "prior": "before",
    "ahead": "before",
    "after": "after",
    "following": "after",
    "until": "until",
    "till": "until",
    "by": "until",
    "through": "until",
}
# Words after the core that anchor it to another event: "the day after (the fire)",
# "two days later", "a week ago".
TRAILING_RELATIONS: dict[str, str] = {
    "after": "after",
    "later": "after",
    "afterwards": "after",
    "before": "before",
    "earlier": "before",
    "ago": "before",
    "as": "same",
}
TIME_NOUNS = word_set(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "morning afternoon evening night weekend decade decades"
)
_DROP_WORDS = frozenset({"the", "a", "an", "as"})


def _norm(words: list[str]) -> str:
    """Lower-cased core words: articles, "'s" and punctuation dropped, hyphens joined
    ("the First-quarter" → "first-quarter", "18 Jan, 2023" → "18 jan 2023")."""
    text = " ".join(words).replace(" - ", "-").replace("\u2019", "'")
    kept = [
        w.lower()
        for w in text.split()
        if w.lower() not in _DROP_WORDS and w not in ("'s", "'") and any(c.isalnum() for c in w)
    ]
    return " ".join(kept).strip()


def _time_spans(doc) -> list[tuple[int, int]]:
    """DATE/TIME entities, years NER missed, and time nouns anchored by after/before
    ("hours after the crash"); each as a token range, without overlaps."""
    spans: list[tuple[int, int]] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            numeric = all(t.like_num or t.is_punct for t in ent)
            if numeric and not any(looks_like_year(t) for t in ent):
                continue  # a bare "40" mislabelled DATE: the quantities extractor takes it
            spans.append((ent.start, ent.end))
            taken.update(range(ent.start, ent.end))
        elif ent.label_ in ("CARDINAL", "QUANTITY") and ent[-1].lower_ in ("ago", "later"):
            spans.append((ent.start, ent.end))  # "more than a dozen years ago"
            taken.update(range(ent.start, ent.end))
    for tok in doc:
        if tok.i in taken:
            continue
        if looks_like_year(tok) and tok.ent_type_ not in ("PERSON", "ORG", "PRODUCT"):
            spans.append((tok.i, tok.i + 1))
            taken.add(tok.i)
        elif (
            tok.lower_ in TIME_NOUNS
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].lower_ in ("ago", "later", "earlier")
        ):  # "a dozen years ago" that NER left out
            start = tok.left_edge.i
            if not taken.intersection(range(start, tok.i + 2)):
                spans.append((start, tok.i + 2))
                taken.update(range(start, tok.i + 2))
        elif (
            tok.lower_ in TIME_NOUNS
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].lower_ in ("after", "before")
            and doc[tok.i + 1].head == tok
        ):
            start = tok.i
            while start > 0 and doc[start - 1].head == tok and doc[start - 1].i not in taken:
                start -= 1
            spans.append((start, tok.i + 1))
            taken.update(range(start, tok.i + 1))
    return sorted(spans)


def _relation(doc, start: int, end: int) -> tuple[str, int, int, list[str]]:
    """(relation, widened start, widened end, core words) for the time at ``start:end``."""
    words = [t.text for t in doc[start:end]]
    lowered = [w.lower() for w in words]
    if "same" in lowered:
        end2 = end + 1 if end < len(doc) and doc[end].lower_ == "as" else end
        return "same", start, end2, words
    if lowered and lowered[-1] in TRAILING_RELATIONS and len(lowered) > 1:
        return TRAILING_RELATIONS[lowered[-1]], start, end, words
    if end < len(doc):
        nxt = doc[end]
        if nxt.lower_ in ("after", "before") and nxt.head.i in range(start, end):
            return nxt.lower_, start, end + 1, [*words, nxt.text]
        if nxt.lower_ == "as" and "same" in lowered:
            return "same", start, end + 1, words
    if start > 0:
        prev = doc[start - 1]
        rel = PREP_RELATIONS.get(prev.lower_)
        if prev.lower_ == "to" and start > 1 and doc[start - 2].lower_ in ("prior", "up"):
            rel = "before" if doc[start - 2].lower_ == "prior" else "until"
            return rel, start - 2, end, words
        if rel is not None and prev.pos_ in ("ADP", "SCONJ", "VERB"):
            return rel, start - 1, end, words
    return "", start, end, words


def extract_times(doc, offset: int) -> tuple[TimeExpr, ...]:
    """Every date/time expression with its relation; the Mention covers the preposition or
    anchor word too ("since 2015", "the day after") so a changed relation is highlighted."""
    out: list[TimeExpr] = []
    for start, end in _time_spans(doc):
        relation, m_start, m_end, words = _relation(doc, start, end)
        norm = _norm(words)
        if not norm:
            continue
        if relation == "same" and "same" not in norm.split():
            norm = f"same {norm}"
        label = doc[start].ent_type_ if doc[start].ent_type_ in ("DATE", "TIME") else "DATE"
        mention = tokens_mention(doc, m_start, m_end, offset, label, norm)
        out.append(TimeExpr(mention=mention, norm=norm, relation=relation))
    return tuple(out)
