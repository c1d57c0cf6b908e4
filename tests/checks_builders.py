"""Hand-built SentenceFacts for the check tests: name a piece of the sentence, get a Mention
with the right absolute offsets. Keeps the check tests independent of spaCy."""

from __future__ import annotations

from factdiff.types import (
    Attribution,
    Entity,
    Mention,
    Pair,
    Quantity,
    Sentence,
    SentenceFacts,
    TimeExpr,
    Triple,
)


class S:
    """One sentence of document ``doc`` starting at ``start`` in that document."""

    def __init__(self, doc: str, text: str, start: int = 0, index: int = 0) -> None:
        self.sentence = Sentence(doc, index, start, start + len(text), text)

    def m(self, sub: str, label: str = "WORD", norm: str | None = None, value=None, nth=0):
        text = self.sentence.text
        at = -1
        for _ in range(nth + 1):
            at = text.index(sub, at + 1)
        start = self.sentence.start + at
        return Mention(
            sub, start, start + len(sub), label, sub.lower() if norm is None else norm, value
        )

    def ent(self, sub: str, label: str = "PERSON", role: str | None = None, aff: str | None = None):
        return Entity(
            self.m(sub, label),
            self.m(role, "ROLE") if role else None,
            self.m(aff, "GPE") if aff else None,
        )

    def qty(self, sub: str, value: float, noun: str = "", hedge: str = "", label="CARDINAL"):
        return Quantity(
            self.m(sub, label, value=value),
            value,
            noun,
            hedge,
            self.m(hedge, "HEDGE") if hedge else None,
        )

    def time(self, sub: str, norm: str | None = None, relation: str = ""):
        return TimeExpr(self.m(sub, "DATE"), (norm or sub).lower(), relation)

    def neg(self, sub: str = "not"):
        return self.m(sub, "NEG")

    def modal(self, sub: str, cls: str):
        return self.m(sub, "MODAL", cls)

    def attr(self, speaker: str, verb: str, stance: str = "assert"):
        return Attribution(self.m(speaker, "NOUN"), self.m(verb, "VERB"), stance)

    def dir(self, sub: str, norm: str):
        return self.m(sub, "DIRECTION", norm)

    def triple(self, subj: str, verb: str, obj: str | None = None, negated=False, lemma=None):
        return Triple(
            self.m(subj, "NOUN"),
            self.m(verb, "VERB", lemma or verb.lower()),
            self.m(obj, "NOUN") if obj else None,
            negated,
        )

    def facts(self, **fields) -> SentenceFacts:
        return SentenceFacts(self.sentence, **{k: tuple(v) for k, v in fields.items()})


def plain(doc: str, text: str, start: int = 0, index: int = 0) -> SentenceFacts:
    """A sentence with no extracted facts (the checks must tolerate it)."""
    return S(doc, text, start, index).facts()


def pair(
    claim: SentenceFacts,
    *evidence: SentenceFacts,
    relation: str = "near_verbatim",
    similarity: float = 0.9,
    context: tuple[SentenceFacts, ...] | None = None,
) -> Pair:
    return Pair(
        claim, tuple(evidence), relation, similarity, evidence if context is None else context
    )
