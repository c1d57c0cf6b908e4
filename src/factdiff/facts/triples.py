"""Subject-verb-object readings of each clause, to catch swapped roles: "the ferry sank near
the harbour" vs "the harbour sank near the ferry". The object is the direct object, else the
object of the verb's first preposition (time expressions left out). Passives with an agent
are turned active ("50 people were rescued by police" → police / rescue / people), so voice
changes alone do not look like swaps."""

from __future__ import annotations

from factdiff.facts.mentions import lemma, phrase_mention, tokens_mention
from factdiff.types import Triple

_OBJECT_DEPS = ("dobj", "dative", "attr", "oprd")
_TIME_LABELS = frozenset({"DATE", "TIME"})


def _own_or_inherited_subject(verb):
    """(subject token, passive?) of a verb, inherited from the first conjunct or the
    governing verb of an xcomp ("refused to pay" → the subject of refused)."""
    current = verb
    for _ in range(5):
        for child in current.children:
            if child.dep_ == "nsubj":
                return child, False
            if child.dep_ == "nsubjpass":
                return child, True
        if current.dep_ in ("conj", "xcomp") and current.head != current:
            current = current.head
        else:
            break
    return None, False


def _object(verb):
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            return child
    for child in verb.children:
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in _TIME_LABELS:
                    return pobj
    return None


def _agent(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _negated(verb) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in verb.children)


def _verb_norm(verb) -> str:
    particles = [lemma(c) for c in verb.children if c.dep_ == "prt"]
    return " ".join([lemma(verb), *particles])


def _is_modal_auxiliary(verb) -> bool:
    """ "going" in "is going to fail" is modality, not an event of its own."""
    return (
        verb.lower_ == "going"
        and verb.i + 1 < len(verb.doc)
        and verb.doc[verb.i + 1].lower_ == "to"
        and any(c.dep_ == "xcomp" for c in verb.children)
    )


def extract_triples(doc, offset: int) -> tuple[Triple, ...]:
    """One Triple per verb with a subject (and one per conjoined subject)."""
    out: list[Triple] = []
    for tok in doc:
        if tok.pos_ != "VERB" or _is_modal_auxiliary(tok):
            continue
        subject, passive = _own_or_inherited_subject(tok)
        if subject is None:
            continue
        obj = _object(tok)
        agent = _agent(tok) if passive else None
        if agent is not None:
            subject, obj = agent, subject
        subjects = [subject, *(c for c in subject.children if c.dep_ == "conj")]
        verb = tokens_mention(doc, tok.i, tok.i + 1, offset, "VERB", _verb_norm(tok))
        obj_mention = phrase_mention(obj, offset) if obj is not None else None
        negated = _negated(tok)
        for subj in subjects:
            out.append(
                Triple(
                    subject=phrase_mention(subj, offset),
                    verb=verb,
                    object=obj_mention,
                    negated=negated,
                )
            )
    return tuple(out)
