"""Attribution: who says it. "Police said 50 people were rescued" and "residents claim 50
people were rescued" carry the same number but not the same fact, so each reporting verb is
kept with its speaker and its stance (assert | claim | deny)."""

from __future__ import annotations

from factdiff.facts.mentions import lemma, phrase_mention, tokens_mention
from factdiff.types import Attribution

STANCES: dict[str, str] = {
    "say": "assert",
    "tell": "assert",
    "state": "assert",
    "report": "assert",
    "announce": "assert",
    "confirm": "assert",
    "add": "assert",
    "explain": "assert",
    "note": "assert",
    "write": "assert",
    "declare": "assert",
    "testify": "assert",
    "acknowledge": "assert",
    "admit": "assert",
    "reveal": "assert",
    "warn": "assert",
    "according": "assert",
    "claim": "claim",
    "allege": "claim",
    "insist": "claim",
    "maintain": "claim",
    "contend": "claim",
    "assert": "claim",
    "argue": "claim",
    "suggest": "claim",
    "believe": "claim",
    "estimate": "claim",
    "deny": "deny",
    "dispute": "deny",
    "reject": "deny",
}
# Nouns that attribute through a possessor: "the ministry's statement", "police's report".
STATEMENT_NOUNS = frozenset({"statement", "report", "claim", "announcement", "account", "estimate"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def _subject(verb):
    """The subject of a verb, borrowed from the first conjunct when the verb has none
    ("officials said 40, then revised it")."""
    seen = 0
    while verb is not None and seen < 5:
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        verb = verb.head if verb.dep_ == "conj" and verb.head != verb else None
        seen += 1
    return None


def extract_attributions(doc, offset: int) -> tuple[Attribution, ...]:
    """Every reporting verb with its speaker: "X said", "according to X", "X's statement"."""
    out: list[Attribution] = []
    for tok in doc:
        lem = lemma(tok)
        if lem == "according" or tok.lower_ == "according":
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is None or nxt.lower_ != "to":
                continue
            pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            verb = tokens_mention(doc, tok.i, tok.i + 2, offset, "ATTRIB", "according to")
            out.append(Attribution(speaker=phrase_mention(pobj, offset), verb=verb))
        elif tok.pos_ in ("VERB", "AUX") and lem in STANCES:
            speaker = _subject(tok)
            if speaker is None or speaker.dep_ == "csubj":
                continue
            verb = tokens_mention(doc, tok.i, tok.i + 1, offset, "ATTRIB", lem)
            out.append(
                Attribution(speaker=phrase_mention(speaker, offset), verb=verb, stance=STANCES[lem])
            )
        elif tok.pos_ == "NOUN" and lem in STATEMENT_NOUNS:
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            if poss is None or poss.pos_ == "PRON":
                continue
            verb = tokens_mention(doc, tok.i, tok.i + 1, offset, "ATTRIB", lem)
            stance = "claim" if lem in ("claim", "estimate") else "assert"
            out.append(Attribution(speaker=phrase_mention(poss, offset), verb=verb, stance=stance))
    return tuple(out)
