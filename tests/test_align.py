"""ALIGN stage on small made-up stories."""

from __future__ import annotations

import pytest

from factdiff.align import align_documents, nearest_sentences
from factdiff.align.lexical import lexical_candidates, normalize_text, prepare
from factdiff.types import Sentence


def doc(doc_id: str, *texts: str) -> list[Sentence]:
    out, pos = [], 0
    for k, text in enumerate(texts):
        out.append(Sentence(doc_id, k, pos, pos + len(text), text))
        pos += len(text) + 1
    return out


def pairs(alignments, relation=None):
    """(a.doc, a.index, b.doc, b.index) of each alignment, optionally of one relation."""
    return {
        (al.a.doc, al.a.index, al.b.doc, al.b.index)
        for al in alignments
        if relation is None or al.relation == relation
    }


def by_pair(alignments):
    return {(al.a.doc, al.a.index, al.b.doc, al.b.index): al for al in alignments}


ORIG = doc(
    "d0",
    "Mayor Anne Ross signed the emergency order on Tuesday.",
    "At least 12 people were hurt when the ferry struck the pier in Eastport.",
    "The fire started at 3 a.m. and destroyed four homes on Elm Street.",
    "Hundreds of residents protested outside the town hall.",
    "Local schools stayed open.",
)
COPY = doc(
    "d1",
    "Mayor Peter Lind signed the emergency order on Tuesday.",
    "At least 21 people were hurt when the ferry struck the pier in Eastport.",
    "The fire started at 3 a.m.",
    "It destroyed four homes on Elm Street.",
    "Many protesters gathered in front of the town hall.",
    "A new bakery opened on Main Street last week.",
)


def test_normalisation_folds_quotes_dashes_and_case():
    text = "\u201cNo\u201d \u2014 said  Ross\u2019s AIDE"
    assert normalize_text(text) == '"no" - said ross\'s aide'


def test_verbatim_up_to_quotes_and_spacing():
    a = doc("a", "Police said \u201cthe road is closed\u201d on Friday.")
    b = doc("b", 'Police said "the road  is closed" on Friday.')
    (al,) = align_documents({"a": a, "b": b}, None)
    assert al.relation == "verbatim" and al.similarity == 1.0


@pytest.mark.parametrize("use_embedder", [False, True])
def test_one_swapped_name_or_number_is_near_verbatim(embedder, use_embedder):
    found = by_pair(align_documents({"d0": ORIG, "d1": COPY}, embedder if use_embedder else None))
    assert found[("d0", 0, "d1", 0)].relation == "near_verbatim"
    assert found[("d0", 1, "d1", 1)].relation == "near_verbatim"
    assert 0.0 <= found[("d0", 0, "d1", 0)].similarity < 1.0


def test_paraphrase_needs_the_embedder(embedder):
    with_emb = by_pair(align_documents({"d0": ORIG, "d1": COPY}, embedder))
    assert with_emb[("d0", 3, "d1", 4)].relation == "paraphrase"
    lexical = pairs(align_documents({"d0": ORIG, "d1": COPY}, None))
    assert ("d0", 3, "d1", 4) not in lexical  # few shared words: lexical fallback misses it


@pytest.mark.parametrize("use_embedder", [False, True])
def test_split_sentence_is_partial(embedder, use_embedder):
    found = align_documents({"d0": ORIG, "d1": COPY}, embedder if use_embedder else None)
    assert {("d0", 2, "d1", 2), ("d0", 2, "d1", 3)} <= pairs(found, "partial")
    assert all(0.0 <= al.similarity <= 1.0 for al in found)


def test_merged_sentences_are_partial(embedder):
    found = align_documents({"d1": COPY, "d0": ORIG}, embedder)  # d1 first: two merged into one
    assert pairs(found, "partial") == {("d1", 2, "d0", 2), ("d1", 3, "d0", 2)}


def test_unrelated_sentences_stay_unaligned(embedder):
    found = pairs(align_documents({"d0": ORIG, "d1": COPY}, embedder))
    assert not any(k[1] == 4 and k[0] == "d0" for k in found)  # "Local schools stayed open."
    assert not any(k[3] == 5 and k[2] == "d1" for k in found)  # the bakery
    other = doc(
        "x",
        "The orchestra will tour Japan in the spring.",
        "Tickets go on sale next Monday.",
    )
    assert align_documents({"d0": ORIG, "x": other}, embedder) == []


def test_caption_and_its_rewrite_in_one_document(embedder):
    page = doc(
        "p",
        "Firefighters battled a blaze at a warehouse in Eastport on Monday night.",
        "Fire fighters fought a fire at a storage facility in Eastport on Monday night.",
        "Nobody was injured, the fire chief said.",
        "The cause of the fire is under investigation.",
        "The building had been empty for years.",
    )
    found = align_documents({"p": page}, embedder)
    assert pairs(found) == {("p", 0, "p", 1)}
    assert align_documents({"p": page}, embedder, within_document=False) == []


def test_ordinary_story_has_no_within_document_alignment(embedder):
    story = doc(
        "s",
        "The storm reached the coast of Norland late on Sunday.",
        "Winds of up to 140 km/h tore roofs off houses in the port of Vessby.",
        "The storm also flooded the coastal road between Vessby and Holm.",
        "Emergency services said the coastal road would stay closed until Wednesday.",
        "Schools in Vessby will reopen on Thursday.",
    )
    assert align_documents({"s": story}, embedder) == []
    assert align_documents({"s": story}, None) == []


def test_one_to_one_and_document_order(embedder):
    a = doc("a", "He declined to comment.", "The vote was delayed until May.")
    b = doc("b", "The vote was delayed until May.", "He declined to comment.")
    c = doc("c", "He declined to comment.", "He declined to comment.")
    found = align_documents({"a": a, "b": b, "c": c}, embedder, within_document=False)
    keys = pairs(found)
    assert ("a", 0, "b", 1) in keys and ("a", 1, "b", 0) in keys
    # c restates a's sentence twice: both are its counterparts (a page that quotes a caption
    # and then its rewrite), and a's other sentence stays unmatched.
    assert sorted(k for k in keys if k[0] == "a" and k[2] == "c") == [
        ("a", 0, "c", 0),
        ("a", 0, "c", 1),
    ]
    assert all(k[0] < k[2] for k in keys)  # a always from the earlier document


def test_a_second_counterpart_only_for_a_restatement_inside_the_page(embedder):
    a = doc("a", "The council approved a budget of 40 million dollars on Monday.")
    page = doc(
        "p",
        "The council approved a budget of 40 million dollars on Monday.",
        "On Monday the council approved a budget of 90 million dollars.",
    )
    copy = doc(
        "c",
        "The council approved a budget of 40 million dollars on Monday.",
        "The mayor said the schools will open in May.",
    )
    found = pairs(align_documents({"a": a, "p": page, "c": copy}, embedder, within_document=False))
    assert ("a", 0, "p", 1) in found  # the rewrite after its original
    assert ("a", 0, "c", 1) not in found


def test_lexical_candidates_need_shared_content_words():
    left = [prepare("The mayor signed the order."), prepare("It was raining in the city.")]
    right = [prepare("Mayor Lind signed an order."), prepare("Of the and for it.")]
    assert lexical_candidates(left, right) == {(0, 0)}


@pytest.mark.parametrize("use_embedder", [False, True])
def test_nearest_sentences_finds_evidence_for_a_fused_claim(embedder, use_embedder):
    source = doc(
        "src",
        "Anna Berg, 45, was arrested on Monday.",
        "The weather in Holm was mild.",
        "She is accused of setting fire to the town library.",
        "The library reopened in 2019.",
    )
    claim = doc("sum", "Anna Berg, 45, was arrested for setting fire to the library.")
    found = nearest_sentences(claim, source, embedder if use_embedder else None, k=2)
    assert list(found) == [0]
    top = [s.index for s, _ in found[0]]
    assert set(top) == {0, 2}
    scores = [score for _, score in found[0]]
    assert scores == sorted(scores, reverse=True) and all(0.0 <= x <= 1.0 for x in scores)
    assert len(nearest_sentences(claim, source, None, k=10)[0]) == 4
    assert nearest_sentences(claim, [], None) == {0: []}


def test_precomputed_vectors_give_the_same_alignment(embedder):
    from factdiff.align import embed_documents

    docs = {"d0": ORIG, "d1": COPY}
    vectors = embed_documents(docs, embedder)
    assert align_documents(docs, None, vectors=vectors) == align_documents(docs, embedder)
    found = nearest_sentences(
        COPY[:1], ORIG, None, k=1, claim_vecs=vectors["d1"][:1], source_vecs=vectors["d0"]
    )
    ((sent, score),) = found[0]
    ((sent2, score2),) = nearest_sentences(COPY[:1], ORIG, embedder, k=1)[0]
    assert sent == sent2 == ORIG[0]
    assert score == pytest.approx(score2, abs=0.02)  # int8 activations: batch make-up matters
