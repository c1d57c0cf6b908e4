"""Faithful controls: rewrites that keep every fact (label 1), so a verifier trained or tested
on the perturbations learns that a changed surface is not a changed fact."""

from __future__ import annotations

import random

from factdiff.perturb import tables
from factdiff.perturb.changes import Doc, Pools, Span
from factdiff.perturb.edits import Edit, match_case

_HEDGE_WORDS = frozenset({"about", "approximately", "around", "nearly", "almost", "over"})
_MULTIWORD = tuple(k for k in tables.SYNONYMS if " " in k)


def _self_contained(sent: Span) -> bool:
    first = sent[0]
    return first.lower_ not in tables.DEPENDENT_STARTS and not first.is_punct and len(sent) > 3


def sentence_reorder(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    """Swap two neighbouring sentences that do not lean on each other."""
    sents = list(doc.sents)
    edits = []
    for a, b in zip(sents, sents[1:], strict=False):
        if not (_self_contained(a) and _self_contained(b)):
            continue
        if "\n" in doc.text[a.end_char : b.start_char]:
            continue  # never move a sentence across a paragraph break
        between = doc.text[a.end_char : b.start_char]
        new = b.text + between + a.text
        edits.append(
            Edit("sentence_reorder", a.start_char, b.end_char, new, a.start_char, b.end_char)
        )
    return edits


def clause_reorder(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    """Move a fronted phrase to the end: "On Tuesday, the mayor left." -> "The mayor left on
    Tuesday." """
    edits = []
    for sent in doc.sents:
        root = sent.root
        if (
            len(sent) < 6
            or sent[-1].text != "."
            or sent[0].dep_ not in ("prep", "advcl", "npadvmod", "advmod", "mark")
        ):
            continue
        head = sent[0] if sent[0].dep_ != "mark" else sent[0].head
        if head.head.i != root.i:
            continue
        comma = head.right_edge.i + 1
        if comma >= sent.end - 2 or doc[comma].text != ",":
            continue
        if any(t.is_quote for t in sent):
            continue
        fronted = doc[sent.start : comma]
        rest = doc[comma + 1 : sent.end - 1]
        first = fronted[0]
        fronted_text = fronted.text
        if first.pos_ != "PROPN" and first.text != "I":
            fronted_text = fronted_text[0].lower() + fronted_text[1:]
        rest_text = rest.text[0].upper() + rest.text[1:]
        new = f"{rest_text} {fronted_text}."
        edits.append(
            Edit(
                "clause_reorder",
                sent.start_char,
                sent.end_char,
                new,
                sent.start_char,
                sent.end_char,
            )
        )
    return edits


def synonym_rewording(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    """Replace up to three words of a sentence by synonyms that keep the facts (a hedge
    stays a hedge of the same strength)."""
    edits = []
    for sent in doc.sents:
        swaps: list[tuple[int, int, str]] = []
        i = sent.start
        while i < sent.end:
            tok = doc[i]
            pair = f"{tok.lower_} {doc[i + 1].lower_}" if i + 1 < sent.end else ""
            if pair in _MULTIWORD and i + 2 < sent.end and doc[i + 2].like_num:
                end_tok = doc[i + 1]
                new = match_case(tok.text, tables.SYNONYMS[pair])
                swaps.append((tok.idx, end_tok.idx + len(end_tok), new))
                i += 2
                continue
            new = tables.SYNONYMS.get(tok.lower_)
            ok = new is not None and not tok.ent_type_
            if ok and tok.lower_ in _HEDGE_WORDS:
                ok = i + 1 < sent.end and doc[i + 1].like_num
            if ok:
                swaps.append((tok.idx, tok.idx + len(tok), match_case(tok.text, new)))
            i += 1
        if not swaps:
            continue
        if len(swaps) > 3:
            first = rng.randrange(len(swaps) - 2)
            swaps = swaps[first : first + 3]
        start, end = swaps[0][0], swaps[-1][1]
        pieces, cursor = [], start
        for s, e, new in swaps:
            pieces.append(doc.text[cursor:s])
            pieces.append(new)
            cursor = e
        pieces.append(doc.text[cursor:end])
        edits.append(
            Edit("synonym_rewording", start, end, "".join(pieces), sent.start_char, sent.end_char)
        )
    return edits


# Phrases a summary may drop without changing what the rest says: an apposition, a
# non-restrictive relative clause, a fronted or comma-set adverbial.
_DROPPABLE = frozenset({"appos", "relcl", "advcl", "prep", "npadvmod"})


def detail_dropped(doc: Doc, pools: Pools, rng: random.Random) -> list[Edit]:
    """Drop a comma-set detail, as a summary does: "Ann Lee, 45, a nurse, said" -> "Ann Lee
    said". What is left is still entailed by the source."""
    edits = []
    for sent in doc.sents:
        for tok in sent:
            if tok.dep_ not in _DROPPABLE or tok.head.i == tok.i:
                continue
            left, right = tok.left_edge.i, tok.right_edge.i
            if tok.dep_ == "relcl" and doc[left].lower_ not in ("who", "which", "whose"):
                continue
            if tok.lower_ in ("according", "as", "except", "unless", "without", "despite"):
                continue  # dropping these changes who says it, or what is claimed
            if left <= sent.start or right >= sent.end - 1 or right - left > 12:
                continue
            before, after = doc[left - 1], doc[right + 1]
            if before.text != "," or after.text not in (",", "."):
                continue
            if any(t.dep_ == "neg" or t.is_quote for t in doc[left : right + 1]):
                continue
            start = before.idx
            end = after.idx if after.text == "." else after.idx + len(after)
            new = "" if after.text == "." else " "
            if end < len(doc.text) and doc.text[end] == " " and new == " ":
                end += 1
            edits.append(Edit("detail_dropped", start, end, new, sent.start_char, sent.end_char))
    return edits


CONTROLS = {
    "sentence_reorder": sentence_reorder,
    "clause_reorder": clause_reorder,
    "synonym_rewording": synonym_rewording,
    "detail_dropped": detail_dropped,
}
