"""Modality: how sure the sentence is. "The council may approve the plan" and "the council
will approve the plan" report different facts, so every modal word is kept with its class
(possible | certain | necessary | conditional | ability) as norm."""

from __future__ import annotations

from factdiff.facts.mentions import lemma, tokens_mention
from factdiff.types import Mention

MODAL_VERBS: dict[str, str] = {
    "may": "possible",
    "might": "possible",
    "could": "possible",
    # Ability, not a hedge: "can be seen" is "is visible" as often as "may be seen".
    "can": "ability",
    "ca": "ability",  # spaCy splits "can't" into "ca" + "n't"
    "will": "certain",
    # Conditional or reported future ("he said it would"), not a certainty.
    "would": "conditional",
    "shall": "certain",
    "'ll": "certain",
    "wo": "certain",  # "won't"
    "must": "necessary",
    "should": "necessary",
    "ought": "necessary",
}
MODAL_ADVERBS: dict[str, str] = {
    "possibly": "possible",
    "probably": "possible",
    "likely": "possible",
    "unlikely": "possible",
    "perhaps": "possible",
    "maybe": "possible",
    "reportedly": "possible",
    "allegedly": "possible",
    "apparently": "possible",
    "presumably": "possible",
    "supposedly": "possible",
    "potentially": "possible",
    "definitely": "certain",
    "certainly": "certain",
    "surely": "certain",
    "undoubtedly": "certain",
    "clearly": "certain",
}
# Multi-word modals: "is going to", "is set to", "has to", "needs to" (verb lemma + "to").
PERIPHRASTIC: dict[str, str] = {
    "go": "certain",
    "set": "certain",
    "have": "necessary",
    "need": "necessary",
}


# A hedge or an intention, not yet a fact: "is thought to be", "plans to donate".
HEDGING_PASSIVES = frozenset({"think", "believe", "expect", "suppose", "understand", "fear"})
INTENTIONS = frozenset({"plan", "hope", "intend", "aim", "want", "wish", "seek"})


def _periphrastic(doc, tok) -> str:
    """The modal class of "going to" / "set to" / "has to" / "need to" / "is thought to" /
    "plans to" + verb, else ""."""
    to_verb = (
        tok.i + 2 < len(doc)
        and doc[tok.i + 1].lower_ == "to"
        and doc[tok.i + 2].pos_ in ("VERB", "AUX")
    )
    if to_verb and (
        (lemma(tok) in HEDGING_PASSIVES and tok.tag_ == "VBN") or lemma(tok) in INTENTIONS
    ):
        return "possible"
    cls = PERIPHRASTIC.get(lemma(tok))
    if cls is None or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return ""
    if doc[tok.i + 2].pos_ not in ("VERB", "AUX"):
        return ""  # "went to Oslo", "has to do" vs "need to the …"
    if lemma(tok) in ("go", "set") and tok.tag_ not in ("VBG", "VBN"):
        return ""  # "they go to vote" is motion; "is going to vote" / "is set to vote" is modal
    return cls


def extract_modals(doc, offset: int) -> tuple[Mention, ...]:
    """Modal verbs, modal adverbs/adjectives and periphrastic modals, as MODAL Mentions."""
    out: list[Mention] = []
    for tok in doc:
        low = tok.lower_.replace("\u2019", "'")
        if tok.tag_ == "MD" and low in MODAL_VERBS:
            out.append(tokens_mention(doc, tok.i, tok.i + 1, offset, "MODAL", MODAL_VERBS[low]))
        elif low in MODAL_ADVERBS and tok.pos_ in ("ADV", "ADJ"):
            out.append(tokens_mention(doc, tok.i, tok.i + 1, offset, "MODAL", MODAL_ADVERBS[low]))
        elif tok.pos_ in ("VERB", "AUX"):
            cls = _periphrastic(doc, tok)
            if cls:
                out.append(tokens_mention(doc, tok.i, tok.i + 2, offset, "MODAL", cls))
    return tuple(out)
