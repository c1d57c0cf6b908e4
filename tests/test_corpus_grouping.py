"""Corpus grouping, stage by stage, on small made-up texts: sketches, candidate pairs,
average link, the choice of a story's original, and a synthetic corpus with planted copy
families."""

from __future__ import annotations

import numpy as np
import pytest

from corpus_sketch_reference import tokens
from factdiff.corpus import group, labels, link
from factdiff.corpus.candidates import lsh_pairs
from factdiff.corpus.linking import average_link, cosines
from factdiff.corpus.scan import choose_original, parse_date
from factdiff.corpus.sketch import BINS, sketch_many
from factdiff.corpus.synthetic import corpus, spun, story
from factdiff.corpus.vectors import tfidf
from factdiff.types import Document

TEXT = (
    "Fire destroyed the old fish market at Port Merrow harbour on Tuesday. "
    "Firefighters from four stations fought the flames for almost six hours. "
    "The county fire marshal said the cause was not yet known."
)


def test_names_are_capitalised_words_not_opening_a_sentence_and_short_numbers():
    words, names = tokens('The mayor met Ann Lee in Leeds. "Then 2024 came." Police said 7.')
    assert names == [b"ann", b"lee", b"leeds", b"2024"]
    assert words[:3] == [b"the", b"mayor", b"met"] and words[-1] == b"7"


def test_sketches_are_the_same_in_any_batch_and_differ_by_seed():
    alone = sketch_many([TEXT])[0]
    batched = sketch_many(["Another text entirely, about a bridge.", TEXT])[1]
    assert np.array_equal(alone.features, batched.features)
    assert np.array_equal(alone.signature, batched.signature)
    assert alone.signature.shape == (BINS,)
    assert not np.array_equal(alone.signature, sketch_many([TEXT], seed=1)[0].signature)


def test_minhash_signatures_agree_in_proportion_to_shared_shingles():
    a, b, c = sketch_many([TEXT, TEXT + " Nobody was hurt.", "A bridge will open in May."])
    assert (a.signature == b.signature).mean() > 0.6
    assert (a.signature == c.signature).mean() < 0.1


def test_a_text_shorter_than_a_shingle_still_gets_a_full_signature():
    (s,) = sketch_many(["Fire!"])
    assert s.signature.shape == (BINS,) and len(set(s.signature.tolist())) > 1


def test_lsh_pairs_find_near_copies_only():
    sketches = sketch_many([TEXT, "A bridge will open in May next year.", "Copy: " + TEXT])
    pairs = lsh_pairs(sketches.signatures)
    assert [tuple(p) for p in pairs] == [(0, 2)]


def test_cosines_of_unit_tfidf_rows():
    rows = tfidf(sketch_many([TEXT, TEXT, "A bridge will open in May next year."]))
    sims = cosines(rows, np.array([[0, 1], [0, 2]]))
    assert sims[0] == pytest.approx(1.0, abs=1e-5) and sims[1] < 0.1


def test_average_link_does_not_chain_two_stories_through_a_page_that_stitches_them():
    # rows 0,1 one story, rows 3,4 another; row 2 is half of each
    a, b = np.eye(4, dtype=np.float32)[0], np.eye(4, dtype=np.float32)[1]
    m = np.vstack([a, a, (a + b) / np.sqrt(2), b, b])
    import scipy.sparse as sp

    rows = sp.csr_matrix(m)
    pairs = np.array([[0, 1], [1, 2], [2, 3], [3, 4]])
    sims = cosines(rows, pairs)
    single_link_would_join_all = (sims >= 0.7).all()
    assert single_link_would_join_all
    label = average_link(rows, pairs, sims, 0.7)
    assert label[0] == label[1] and label[3] == label[4] and label[0] != label[3]


def test_group_keeps_copies_together_and_others_apart():
    docs = [Document(d.id, d.text) for i in range(6) for d in story(i, seed=2)]
    truth = [d.id.split("-")[0] for d in docs]
    g = group(docs)
    for i in range(len(docs)):
        for j in range(len(docs)):
            assert (g.story[i] == g.story[j]) == (truth[i] == truth[j]), (docs[i].id, docs[j].id)


def test_a_spun_copy_shares_few_shingles_but_is_grouped_by_its_words():
    rng = np.random.default_rng(0)
    original = story(0, seed=5)[0].text
    copy = spun(original, rng)
    a, b = sketch_many([original, copy])
    assert (a.signature == b.signature).mean() < 0.3  # MinHash alone would miss it
    g = group([Document("o", original), Document("c", copy), Document("x", story(1, 5)[0].text)])
    assert g.story[0] == g.story[1] != g.story[2]


def test_grouping_is_deterministic_for_a_seed():
    texts = [d.text for d in corpus(60, seed=4)]
    rows1, l1 = link(sketch_many(texts))
    rows2, l2 = link(sketch_many(texts))
    assert np.array_equal(l1.pairs, l2.pairs)
    assert all(
        np.array_equal(x, y) for x, y in zip(labels(rows1, l1), labels(rows2, l2), strict=True)
    )


def test_the_approximate_index_of_a_big_corpus_finds_the_copies_deterministically(monkeypatch):
    """Above EXACT_BELOW documents the neighbours come from an IVF index: lowered here so a
    small synthetic corpus takes that path; its planted copy families are still grouped."""
    from factdiff.corpus import candidates

    monkeypatch.setattr(candidates, "EXACT_BELOW", 100)
    docs = list(corpus(800, seed=2))
    sketches = sketch_many([d.text for d in docs])
    rows, found = link(sketches)
    again = link(sketches)[1]
    assert np.array_equal(found.pairs, again.pairs)
    story, _ = labels(rows, found)
    truth = [d.id.split("-")[0] for d in docs]
    same_truth = {(i, j) for i in range(800) for j in range(i) if truth[i] == truth[j]}
    same_story = {(i, j) for i in range(800) for j in range(i) if story[i] == story[j]}
    assert len(same_truth & same_story) >= 0.95 * len(same_truth)
    assert len(same_truth & same_story) >= 0.95 * len(same_story)


def test_the_original_is_the_earliest_dated_version_else_the_most_agreed_with():
    rows = tfidf(sketch_many([TEXT + " Extra words here.", TEXT, TEXT + " Nobody was hurt."]))
    assert choose_original([0, 1, 2], ["", "2024-05-02", "2024-05-01T09:00:00Z"], rows) == 2
    assert choose_original([0, 1, 2], ["", "", ""], rows) == 1  # the others agree with it
    assert parse_date("2024-05-01") is not None and parse_date("yesterday") is None
