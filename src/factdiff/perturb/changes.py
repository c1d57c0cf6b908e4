"""Operators that change one fact. Each takes a parsed spaCy ``Doc``, the text's pools and a
seeded ``random.Random`` and returns candidate edits; the engine chooses among them.

They work on the dependency parse and NER of ``en_core_web_sm`` and a few word tables, so
each edit is plausible English most of the time; when the parse gives no safe place for a
change the operator returns nothing rather than a garbled sentence.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from factdiff.perturb import tables
from factdiff.perturb.edits import Edit, match_case

Doc = Any  # spacy.tokens.Doc; spaCy types are not imported at module level
Token = Any
Span = Any

_DATE_LABELS = ("DATE", "TIME")
_ROLE_HEADS = frozenset(r.split()[-1] for r in tables.ROLES)
_CONTRACTED_AUX = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_NUMBER_RE = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Pools:
    """Replacement material found in the text itself: entity texts by label, speakers."""

    entities: dict[str, tuple[str, ...]]
    speakers: tuple[str, ...]


def build_pools(doc: Doc) -> Pools:
    entities: dict[str, list[str]] = {}
    for ent in doc.ents:
        texts = entities.setdefault(ent.label_, [])
        if ent.text not in texts:
            texts.append(ent.text)
    speakers: list[str] = []
    for tok in doc:
        if tok.lemma_ in tables.SPEECH_LEMMAS and tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON":
                    text = _subtree_text(child)
                    if child.left_edge.pos_ != "PROPN" and text[:1].isupper():
                        text = text[0].lower() + text[1:]
                    if text and text not in speakers and len(text.split()) <= 6:
                        speakers.append(text)
    for label in ("PERSON", "ORG"):
        for text in entities.get(label, []):
            if text not in speakers:
                speakers.append(text)
    return Pools({k: tuple(v) for k, v in entities.items()}, tuple(speakers))


# --------------------------------------------------------------------------- helpers


def _edit(sent: Span, change_type: str, start: int, end: int, new: str) -> Edit:
    return Edit(change_type, start, end, new, sent.start_char, sent.end_char)


def _subtree_text(tok: Token) -> str:
    doc = tok.doc
    return doc.text[tok.left_edge.idx : tok.right_edge.idx + len(tok.right_edge)]


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text) if w.lower() not in {"the", "of", "a"}}


def _disjoint(a: str, b: str) -> bool:
    """Two names share no word (so "Ross" is not a swap for "Anne Ross")."""
    return not (_words(a) & _words(b)) and a.strip().lower() != b.strip().lower()


def _is_plain_number(tok: Token) -> bool:
    """A counted number that is not part of a date or time."""
    if tok.ent_type_ in _DATE_LABELS or tok.ent_type_ == "ORDINAL":
        return False
    if tok.pos_ != "NUM":
        return False
    doc = tok.doc
    near = doc[max(0, tok.i - 1) : tok.i + 2]
    if any(t.text in tables.MONTHS for t in near) or (
        tok.i > 0 and doc[tok.i - 1].lower_ == "number"
    ):
        return False  # "1 August 1936", "number 200": dates and ranks the NER missed
    return bool(_NUMBER_RE.match(tok.text)) or tok.lower_ in tables.NUMBER_WORDS


def _format_like(template: str, value: float) -> str:
    decimals = len(template.split(".")[1]) if "." in template else 0
    if decimals:
        return f"{value:,.{decimals}f}" if "," in template else f"{value:.{decimals}f}"
    return f"{int(round(value)):,}" if "," in template else str(int(round(value)))


def _new_number(text: str, rng: random.Random) -> str | None:
    lower = text.lower()
    if lower in tables.NUMBER_WORDS:
        choices = [w for w in tables.NUMBER_WORDS if w not in (lower, "zero", "one")]
        return match_case(text, rng.choice(choices))
    value = float(text.replace(",", ""))
    digits = text.replace(",", "").split(".")[0]
    options: list[str] = []
    if len(digits) >= 2 and digits[-1] != digits[-2] and "." not in text and "," not in text:
        options.append(digits[:-2] + digits[-1] + digits[-2])  # 12 -> 21
    for factor in (0.5, 2.0, 1.5, 3.0):
        options.append(_format_like(text, value * factor))
    step = max(1, int(value // 4)) if value >= 1 else 0.1
    options.append(_format_like(text, value + step * rng.randint(1, 3)))
    options = [o for o in options if o not in (text, "1") and not o.startswith("0")]
    return rng.choice(options) if options else None


# --------------------------------------------------------------------------- operators


def entity_substitution(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    edits = []
    for sent in doc.sents:
        for ent in sent.ents:
            if ent.label_ not in tables.SWAPPABLE_LABELS:
                continue
            in_text = [t for t in pools.entities.get(ent.label_, ()) if _disjoint(t, ent.text)]
            fallback = [
                t for t in tables.FALLBACK_ENTITIES.get(ent.label_, ()) if _disjoint(t, ent.text)
            ]
            pool = in_text if in_text and (not fallback or rng.random() < 0.7) else fallback
            if not pool:
                continue
            new = rng.choice(pool)
            if ent.start > 0 and doc[ent.start - 1].lower_ == "the" and new.startswith("the "):
                new = new[4:]
            if ent.start == sent.start:
                new = match_case(ent.text, new)
            edits.append(_edit(sent, "entity_substitution", ent.start_char, ent.end_char, new))
    return edits


def role_change(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    """Swap the role noun next to a person, or the country/party/organisation of a role."""
    edits = []
    for sent in doc.sents:
        persons = [e for e in sent.ents if e.label_ == "PERSON"]
        for tok in sent:
            if tok.lower_ not in _ROLE_HEADS or tok.pos_ != "NOUN":
                continue
            if not any(abs(tok.i - p.start) <= 3 or abs(tok.i - p.end) <= 3 for p in persons):
                continue
            start = tok.idx
            prev = doc[tok.i - 1] if tok.i > sent.start else None
            if prev is not None and f"{prev.lower_} {tok.lower_}" in tables.ROLES:
                start = prev.idx
            old = doc.text[start : tok.idx + len(tok)]
            choices = [r for r in tables.ROLES if r != old.lower() and _disjoint(r, old)]
            new = match_case(old, rng.choice(choices))
            edits.append(_edit(sent, "role_change", start, tok.idx + len(tok), new))
        for ent in sent.ents:
            if ent.label_ not in ("GPE", "NORP", "ORG"):
                continue
            head = ent.root.head
            if head.lower_ == "of" or head.pos_ == "ADP":
                head = head.head
            if head.lower_ not in _ROLE_HEADS or head.i in range(ent.start, ent.end):
                continue
            in_text = [t for t in pools.entities.get(ent.label_, ()) if _disjoint(t, ent.text)]
            pool = in_text or [
                t for t in tables.FALLBACK_ENTITIES[ent.label_] if _disjoint(t, ent.text)
            ]
            new = rng.choice(pool)
            if new.startswith("the ") and ent.start > 0 and doc[ent.start - 1].lower_ == "the":
                new = new[4:]
            if ent.start == sent.start:
                new = match_case(ent.text, new)
            edits.append(_edit(sent, "role_change", ent.start_char, ent.end_char, new))
    return edits


def number_change(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    edits = []
    for sent in doc.sents:
        for tok in sent:
            if not _is_plain_number(tok) or tok.lower_ == "one":
                continue
            new = _new_number(tok.text, rng)
            if new:
                edits.append(_edit(sent, "number_change", tok.idx, tok.idx + len(tok), new))
    return edits


def _hedge_before(tok: Token, sent: Span) -> Token | None:
    """The first token of a hedge ("at least", "about") right before ``tok``, if any."""
    for width in (2, 1):
        first = tok.i - width
        if first < sent.start:
            continue
        phrase = " ".join(t.lower_ for t in tok.doc[first : tok.i])
        if phrase in tables.HEDGES:
            return tok.doc[first]
    return None


def hedge_change(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    """Drop the hedge of a number ("at least 12" -> "12") or add one ("12" -> "about 12")."""
    edits = []
    for sent in doc.sents:
        for tok in sent:
            if not _is_plain_number(tok) or tok.lower_ == "one":
                continue
            end = tok.idx + len(tok)
            hedge = _hedge_before(tok, sent)
            if hedge is not None:
                new = match_case(hedge.text, tok.text) if hedge.i == sent.start else tok.text
                edits.append(_edit(sent, "hedge_change", hedge.idx, end, new))
                continue
            prev = doc[tok.i - 1] if tok.i > sent.start else None
            if prev is not None and (
                prev.pos_ in ("DET", "SYM", "NUM", "ADV") or prev.dep_ == "poss" or prev.is_quote
            ):
                continue
            if tok.dep_ not in ("nummod", "pobj", "dobj", "nsubj", "attr"):
                continue
            added = rng.choice(tables.ADDED_HEDGES)
            if tok.i == sent.start:
                new = match_case(tok.text, added) + " " + tok.text.lower()
            else:
                new = f"{added} {tok.text}"
            edits.append(_edit(sent, "hedge_change", tok.idx, end, new))
    return edits


def quantity_swap(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    """Swap two counts of one sentence ("three men and two women" -> "two men and three ...")."""
    edits = []
    for sent in doc.sents:
        nums = [t for t in sent if _is_plain_number(t) and t.dep_ == "nummod" and t.lower_ != "one"]
        for i, a in enumerate(nums):
            for b in nums[i + 1 :]:
                if a.lower_ == b.lower_ or a.head.lemma_ == b.head.lemma_ and a.head.i == b.head.i:
                    continue
                middle = doc.text[a.idx + len(a) : b.idx]
                new_a, new_b = b.text, a.text
                if a.i == sent.start:
                    new_a, new_b = match_case(a.text, b.text), new_b.lower()
                new = new_a + middle + new_b
                edits.append(_edit(sent, "quantity_swap", a.idx, b.idx + len(b), new))
    return edits


def date_change(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    edits = []
    for sent in doc.sents:
        for ent in sent.ents:
            if ent.label_ not in _DATE_LABELS:
                continue
            lower = ent.text.lower()
            for phrase, new in tables.RELATIVE_DAYS.items():
                if lower == phrase or lower == "the " + phrase:
                    at = ent.start_char + lower.index(phrase)
                    old = doc.text[at : at + len(phrase)]
                    edits.append(
                        _edit(sent, "date_change", at, at + len(phrase), match_case(old, new))
                    )
            for tok in ent:
                new = _shift_date_token(tok, ent, rng)
                if new is not None and new != tok.text:
                    edits.append(_edit(sent, "date_change", tok.idx, tok.idx + len(tok), new))
            prev = doc[ent.start - 1] if ent.start > sent.start else None
            if prev is not None and prev.lower_ in tables.TIME_RELATIONS:
                new = match_case(prev.text, tables.TIME_RELATIONS[prev.lower_])
                edits.append(_edit(sent, "date_change", prev.idx, prev.idx + len(prev), new))
    return edits


def _shift_date_token(tok: Token, ent: Span, rng: random.Random) -> str | None:
    if tok.text in tables.WEEKDAYS:
        return rng.choice([d for d in tables.WEEKDAYS if d != tok.text])
    if tok.text in tables.MONTHS and not (tok.text == "May" and tok.tag_ == "MD"):
        return rng.choice([m for m in tables.MONTHS if m != tok.text])
    if re.fullmatch(r"(1[5-9]|20)\d\d", tok.text):
        return str(int(tok.text) + rng.choice((-3, -2, -1, 1, 2, 3)))
    if re.fullmatch(r"\d{1,2}", tok.text) and any(t.text in tables.MONTHS for t in ent):
        day = int(tok.text)
        if 1 <= day <= 31:
            return str(rng.choice([d for d in range(1, 29) if d != day]))
    if re.fullmatch(r"\d{1,2}(:\d\d)?", tok.text) and ent.label_ == "TIME":
        hour, _, minutes = tok.text.partition(":")
        new_hour = rng.choice([h for h in range(1, 13) if h != int(hour)])
        return f"{new_hour}:{minutes}" if minutes else str(new_hour)
    return None


def _negatable_verbs(sent: Span) -> list[Token]:
    return [
        t
        for t in sent
        if t.dep_ in ("ROOT", "ccomp", "conj")
        and t.pos_ in ("VERB", "AUX")
        and not any(c.dep_ == "neg" for c in t.children)
    ]


def negation(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    """Remove a "not"/"n't"/"never", or insert "not" after the auxiliary of a main verb."""
    edits = []
    for sent in doc.sents:
        for tok in sent:
            if tok.dep_ != "neg" or tok.i == sent.start:
                continue
            prev = doc[tok.i - 1]
            if tok.lower_ == "n't":
                base = _CONTRACTED_AUX.get(prev.lower_, prev.text)
                edits.append(_edit(sent, "negation", prev.idx, tok.idx + len(tok), base))
            elif tok.lower_ in ("not", "never") and prev.whitespace_:
                edits.append(_edit(sent, "negation", prev.idx, tok.idx + len(tok), prev.text))
        for verb in _negatable_verbs(sent):
            auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
            auxes = [a for a in auxes if a.lower_ != "to"]
            if auxes:
                aux = auxes[0]
                if aux.i + 1 < len(doc) and doc[aux.i + 1].lower_ in ("not", "n't"):
                    continue
                new = aux.text + " not"
                edits.append(_edit(sent, "negation", aux.idx, aux.idx + len(aux), new))
            elif verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBD", "VBP"):
                edits.append(
                    _edit(sent, "negation", verb.idx, verb.idx + len(verb), verb.text + " not")
                )
            elif verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.lemma_:
                do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[verb.tag_]
                new = match_case(verb.text, f"{do} not {verb.lemma_.lower()}")
                edits.append(_edit(sent, "negation", verb.idx, verb.idx + len(verb), new))
    return edits


def antonym_swap(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    edits = []
    for sent in doc.sents:
        for tok in sent:
            new = tables.ANTONYMS.get(tok.lower_)
            if new is None or tok.ent_type_ or tok.pos_ in ("PROPN", "ADP", "PART"):
                continue
            edits.append(
                _edit(sent, "antonym_swap", tok.idx, tok.idx + len(tok), match_case(tok.text, new))
            )
    return edits


def attribution_change(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    """Give a statement to another speaker: the subject of "said", or X in "according to X"."""
    edits = []
    for sent in doc.sents:
        targets: list[Token] = []
        for tok in sent:
            if tok.lemma_ in tables.SPEECH_LEMMAS and tok.pos_ == "VERB":
                targets += [c for c in tok.children if c.dep_ == "nsubj"]
            if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                targets += [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
        for subj in targets:
            start, end = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
            old = doc.text[start:end]
            if len(old.split()) > 8:
                continue
            pool = [s for s in pools.speakers if _disjoint(s, old)]
            pool = pool or [s for s in tables.FALLBACK_SPEAKERS if _disjoint(s, old)]
            new = rng.choice(pool)
            if subj.left_edge.i == sent.start:
                new = new[0].upper() + new[1:]
            edits.append(_edit(sent, "attribution_change", start, end, new))
    return edits


def _chunk(tok: Token, max_tokens: int = 6) -> tuple[int, int] | None:
    """Token range [left, right] of a noun phrase headed by ``tok``; None if unsuitable."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.right_edge.i - tok.left_edge.i >= max_tokens:
        return None
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return None
    if any(t.pos_ in ("VERB", "AUX", "PRON") or t.dep_ in ("relcl", "acl") for t in tok.subtree):
        return None
    return tok.left_edge.i, tok.right_edge.i


def subject_object_swap(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    """Swap who does what to whom: "the ferry sank near the harbour" -> "the harbour sank ..."."""
    edits = []
    for sent in doc.sents:
        for verb in sent:
            if verb.pos_ != "VERB":
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            objects += [
                g
                for c in verb.children
                if c.dep_ in ("prep", "agent")
                for g in c.children
                if g.dep_ == "pobj"
            ]
            for subj in subjects[:1]:
                s = _chunk(subj)
                for obj in objects[:2]:
                    o = _chunk(obj)
                    if s is None or o is None or not (s[1] < verb.i < o[0]):
                        continue
                    if subj.lemma_.lower() == obj.lemma_.lower():
                        continue
                    s_text = doc[s[0] : s[1] + 1].text
                    o_text = doc[o[0] : o[1] + 1].text
                    if s[0] == sent.start:
                        if doc[s[0]].pos_ != "PROPN":
                            s_text = s_text[0].lower() + s_text[1:]
                        o_text = o_text[0].upper() + o_text[1:]
                    start, end = doc[s[0]].idx, doc[o[1]].idx + len(doc[o[1]])
                    middle = doc.text[doc[s[1]].idx + len(doc[s[1]]) : doc[o[0]].idx]
                    new = o_text + middle + s_text
                    edits.append(_edit(sent, "subject_object_swap", start, end, new))
    return edits


def modality_change(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    edits = []
    for sent in doc.sents:
        for tok in sent:
            new = tables.MODAL_SWAPS.get(tok.lower_)
            if new is None or tok.tag_ != "MD":
                continue
            edits.append(
                _edit(
                    sent, "modality_change", tok.idx, tok.idx + len(tok), match_case(tok.text, new)
                )
            )
    return edits


def unsupported_addition(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    """Add a detail the source does not give: an adjective, or a phrase at a clause's end."""
    edits = []
    for sent in doc.sents:
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.i == sent.start or tok.ent_type_:
                continue
            prev = doc[tok.i - 1]
            if prev.lower_ == "the" and prev.head.i == tok.i:
                new = f"{rng.choice(tables.ADDED_ADJECTIVES)} {tok.text}"
                edits.append(_edit(sent, "unsupported_addition", tok.idx, tok.idx + len(tok), new))
        last = sent[-1]
        if last.text == "." and len(sent) > 4:
            word = doc[last.i - 1]
            if word.is_alpha and not word.is_quote:
                new = word.text + rng.choice(tables.ADDED_TAILS)
                edits.append(
                    _edit(sent, "unsupported_addition", word.idx, word.idx + len(word), new)
                )
    return edits


OPERATORS = {
    "entity_substitution": entity_substitution,
    "role_change": role_change,
    "number_change": number_change,
    "hedge_change": hedge_change,
    "quantity_swap": quantity_swap,
    "date_change": date_change,
    "negation": negation,
    "antonym_swap": antonym_swap,
    "attribution_change": attribution_change,
    "subject_object_swap": subject_object_swap,
    "modality_change": modality_change,
    "unsupported_addition": unsupported_addition,
}
