"""Named entities, and for people the role and affiliation the sentence gives them.

A rewriter that keeps the name but moves the person to another job or country
("Norway's foreign minister Kari Dahl" → "Kari Dahl, foreign minister of Sweden") changes a
fact, so the role and affiliation are read from the dependency parse around each PERSON:

- title words before the name: "Mayor Anne Ross", "Foreign Minister Kari Dahl",
  "Norway's foreign minister Kari Dahl", "Acme CEO John Doe";
- an apposition after the name: "Kari Dahl, foreign minister of Sweden",
  "Kari Dahl, the Norwegian foreign minister";
- the name as apposition of a title: "the mayor, Anne Ross", "CEO of Acme, John Doe".
"""

from __future__ import annotations

from factdiff.facts.mentions import (
    NAME_LABELS,
    PRONOUNS,
    entity_at,
    lemma,
    normalize_name,
    span_mention,
    tokens_mention,
    trim_span,
    word_set,
)
from factdiff.types import Entity, Mention

# Demonyms → the country a role is affiliated with ("the Norwegian minister" → norway).
DEMONYMS: dict[str, str] = {
    "american": "united states",
    "australian": "australia",
    "austrian": "austria",
    "belgian": "belgium",
    "brazilian": "brazil",
    "british": "united kingdom",
    "canadian": "canada",
    "chinese": "china",
    "danish": "denmark",
    "dutch": "netherlands",
    "egyptian": "egypt",
    "english": "england",
    "estonian": "estonia",
    "finnish": "finland",
    "french": "france",
    "german": "germany",
    "greek": "greece",
    "icelandic": "iceland",
    "indian": "india",
    "iranian": "iran",
    "iraqi": "iraq",
    "irish": "ireland",
    "israeli": "israel",
    "italian": "italy",
    "japanese": "japan",
    "kenyan": "kenya",
    "korean": "korea",
    "latvian": "latvia",
    "lithuanian": "lithuania",
    "mexican": "mexico",
    "nigerian": "nigeria",
    "norwegian": "norway",
    "pakistani": "pakistan",
    "palestinian": "palestine",
    "polish": "poland",
    "portuguese": "portugal",
    "russian": "russia",
    "saudi": "saudi arabia",
    "scottish": "scotland",
    "spanish": "spain",
    "swedish": "sweden",
    "swiss": "switzerland",
    "syrian": "syria",
    "turkish": "turkey",
    "ukrainian": "ukraine",
    "welsh": "wales",
}

# Courtesy titles are not roles ("Mr. Ross" does not tell what Ross does).
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "sir", "madam", "dame"})
# Words that are part of a title even when capitalised, so a capitalised word before them
# that is NOT one is read as the organisation: "Acme CEO John Doe" → role ceo, of Acme.
TITLE_WORDS = word_set(
    "acting ambassador archbishop attorney bishop cardinal ceo cfo chair chairman chairwoman "
    "chancellor chief coach commander commissioner congressman congresswoman coo councillor "
    "councilman councilwoman counsel deputy detective director doctor dr editor executive "
    "first foreign founder general governor head inspector interior judge justice king lawyer "
    "leader lieutenant lord manager mayor minister officer official pope premier president "
    "prime prince princess professor prosecutor queen representative rep sen senator "
    "sergeant sheriff speaker spokesman spokesperson spokeswoman superintendent treasurer "
    "vice former secretary state defence defense finance health justice trade economy "
    "education home environment energy"
)
_AFFILIATION_PREPS = frozenset({"of", "at", "for", "from", "in", "with"})
_PRE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "det", "punct", "nummod"})


def affiliation_norm(text: str) -> str:
    """Entity norm with demonyms mapped to their country ("Norwegian" → "norway")."""
    norm = normalize_name(text)
    return DEMONYMS.get(norm, norm)


def _affiliation_of(token, offset: int) -> Mention | None:
    """An affiliation Mention for a token that names a place/organisation/nationality, or a
    plain possessor noun ("the company's CEO" → company); None for pronouns."""
    ent = entity_at(token)
    if ent is not None and ent.label_ in ("GPE", "ORG", "NORP", "LOC", "FAC"):
        span = trim_span(ent)
        return span_mention(span, offset, ent.label_, affiliation_norm(span.text))
    if token.text.lower() in DEMONYMS:
        return tokens_mention(
            token.doc, token.i, token.i + 1, offset, "NORP", DEMONYMS[token.text.lower()]
        )
    if token.pos_ in ("NOUN", "PROPN") and token.text.lower() not in PRONOUNS and ent is None:
        start = token.i
        while start > 0 and token.doc[start - 1].dep_ == "compound":
            start -= 1
        words = " ".join(lemma(t) for t in token.doc[start : token.i + 1])
        return tokens_mention(token.doc, start, token.i + 1, offset, "ORG", words)
    return None


def _role_from_words(doc, idxs: list[int], offset: int) -> Mention | None:
    """Role Mention over title tokens ``idxs`` (contiguous run kept from the last noun back)."""
    idxs = sorted(i for i in idxs if doc[i].text.lower() not in HONORIFICS)
    if not idxs or not any(doc[i].pos_ in ("NOUN", "PROPN") for i in idxs):
        return None
    # keep the contiguous run ending at the title head (the last word)
    run = [idxs[-1]]
    for i in reversed(idxs[:-1]):
        if i == run[0] - 1:
            run.insert(0, i)
        else:
            break
    # nouns by lemma ("ministers" → "minister"); adjectives as written ("older" ≠ "old")
    norm = " ".join(lemma(doc[i]) if doc[i].pos_ == "NOUN" else doc[i].lower_ for i in run)
    return tokens_mention(doc, run[0], run[-1] + 1, offset, "ROLE", norm)


def _title_phrase(head, offset: int) -> tuple[Mention | None, Mention | None]:
    """Role and affiliation of a title noun such as "foreign minister of Sweden" or
    "the Norwegian foreign minister": the noun with its modifiers is the role, a possessor,
    a nationality or a prepositional "of/at/for X" is the affiliation."""
    doc = head.doc
    role_idxs = [head.i]
    affiliation = None
    for child in head.lefts:
        ent = entity_at(child)
        if (
            child.dep_ == "poss"
            or (ent is not None and ent.label_ != "PERSON")
            or (child.text.lower() in DEMONYMS)
        ):
            affiliation = affiliation or _affiliation_of(child, offset)
        elif child.dep_ in ("amod", "compound", "nmod") and child.pos_ in ("ADJ", "NOUN", "PROPN"):
            role_idxs.extend(t.i for t in child.subtree if t.dep_ != "punct")
    for child in head.rights:
        if child.dep_ == "prep" and child.text.lower() in _AFFILIATION_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    affiliation = affiliation or _affiliation_of(pobj, offset)
    return _role_from_words(doc, role_idxs, offset), affiliation


def _is_title_noun(token) -> bool:
    return (
        token.pos_ in ("NOUN", "PROPN")
        and entity_at(token) is None
        and token.text.lower() not in PRONOUNS
        and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY")
    )


def _pre_title(ent, offset: int) -> tuple[Mention | None, Mention | None]:
    """Title words before the name, inside the same noun phrase ("Norway's foreign minister
    Kari Dahl", "Mayor Anne Ross", "Acme CEO John Doe")."""
    doc = ent.doc
    role_idxs: list[int] = []
    affiliation = None
    i = ent.start - 1
    while i >= 0:
        tok = doc[i]
        if tok.dep_ == "case" and tok.tag_ == "POS":  # the "'s" of "Norway's"
            i -= 1
            continue
        if tok.dep_ not in _PRE_DEPS or not (i < tok.head.i < ent.end) or tok.is_punct:
            break
        other = entity_at(tok)
        if other is not None and len(other) == 1 and tok.lower_ in TITLE_WORDS:
            other = None  # "Defense" tagged ORG in "Defense Secretary Kari Dahl"
        if tok.dep_ == "poss" or (other is not None and other.label_ != "PERSON"):
            if other is not None:
                affiliation = affiliation or _affiliation_of(tok, offset)
                i = other.start - 1
                continue
            if tok.text.lower() not in PRONOUNS:
                affiliation = affiliation or _affiliation_of(tok, offset)
            i -= 1
            continue
        if tok.text.lower() in DEMONYMS:
            affiliation = affiliation or _affiliation_of(tok, offset)
        elif tok.pos_ in ("NOUN", "PROPN", "ADJ") and other is None:
            role_idxs.append(i)
        elif tok.dep_ not in ("det", "case"):
            break
        i -= 1
    if not role_idxs and ent.start > 0:
        prev = doc[ent.start - 1]
        titled = prev.lower_ in TITLE_WORDS or any(
            c.dep_ in ("poss", "compound", "amod") for c in prev.lefts
        )
        if _is_title_noun(prev) and prev.dep_ not in (*_PRE_DEPS, "pobj") and titled:
            # the parser left the title beside the name ("Kestrel County's fire marshal Rosa
            # Delgado" parsed as two subjects): read the title phrase on its own
            return _title_phrase(prev, offset)
    role_idxs.sort()
    while (
        len(role_idxs) > 1
        and doc[role_idxs[0]].pos_ == "PROPN"
        and doc[role_idxs[0]].lower_ not in TITLE_WORDS
        and any(doc[i].lower_ in TITLE_WORDS for i in role_idxs[1:])
    ):
        first = role_idxs.pop(0)
        affiliation = affiliation or tokens_mention(
            doc, first, first + 1, offset, "ORG", normalize_name(doc[first].text)
        )
    role = _role_from_words(doc, role_idxs, offset)
    return role, (affiliation if role is not None else None)


def _appositive(ent, offset: int) -> tuple[Mention | None, Mention | None]:
    """A title in apposition: "Kari Dahl, foreign minister of Sweden", "the mayor, Anne Ross",
    and the mis-parsed "CEO of Acme, John Doe" (name attached to the organisation)."""
    root = ent.root
    for tok in ent.doc:
        after = tok.dep_ == "appos" and ent.start <= tok.head.i < ent.end and tok.i >= ent.end
        if after and _is_title_noun(tok):
            return _title_phrase(tok, offset)
    if root.dep_ == "appos":
        head = root.head
        if _is_title_noun(head):
            return _title_phrase(head, offset)
        other = entity_at(head)
        if other is not None and other.root.dep_ == "pobj":
            prep = other.root.head
            if prep.text.lower() in _AFFILIATION_PREPS and _is_title_noun(prep.head):
                return _title_phrase(prep.head, offset)
    return None, None


def extract_entities(doc, offset: int) -> tuple[Entity, ...]:
    """Every named entity of a name kind; people get role/affiliation when the sentence says."""
    out: list[Entity] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        span = trim_span(ent)
        norm = normalize_name(span.text)
        if not any(c.isalnum() for c in norm):
            continue  # an emoji or a symbol the tagger took for a name names nothing
        mention = span_mention(span, offset, ent.label_, norm)
        role = affiliation = None
        if ent.label_ == "PERSON":
            role, affiliation = _pre_title(ent, offset)
            if role is None:
                role, affiliation = _appositive(ent, offset)
        out.append(Entity(mention=mention, role=role, affiliation=affiliation))
    return tuple(out)
