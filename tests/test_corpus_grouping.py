"""Corpus grouping, stage by stage, on small made-up texts: sketches, candidate pairs,
average link, the choice of a story's original, and a synthetic corpus with planted copy
families."""

from __future__ import annotations

import numpy as np
import pytest

from corpus_sketch_reference import tokens
from factdiff.corpus import candidates, group, labels, link
from factdiff.corpus.candidates import lsh_pairs, term_pairs, term_signatures, top_terms
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


def test_top_terms_are_each_rows_heaviest_first_padded():
    import scipy.sparse as sp

    rows = sp.csr_matrix(np.array([[0.1, 0.7, 0.0, 0.7], [0.0, 0.0, 0.0, 0.0]], np.float32))
    terms, weights = top_terms(rows, 3)
    assert terms.tolist() == [[1, 3, 0], [-1, -1, -1]]  # a tie: the lower id first
    assert weights[0].tolist() == pytest.approx([0.7, 0.7, 0.1])


def test_term_signatures_agree_with_the_overlap_of_heavy_terms_and_skip_empty_rows():
    terms = np.array([[5, 9, 2, 7], [9, 5, 7, 2], [1, 3, 4, 6], [-1, -1, -1, -1]], np.int32)
    sig = term_signatures(terms)
    assert np.array_equal(sig[0], sig[1])  # the same set in another order
    assert (sig[0] == sig[2]).mean() == 0  # disjoint sets never share a minimum
    assert not sig[3].any()
    assert [tuple(p) for p in lsh_pairs(sig, 2)] == [(0, 1)]  # the empty row joins nothing


def test_term_pairs_rank_partners_by_shared_weight_and_skip_common_terms():
    # Term 0 is in every row (over the cap of 3): it pairs nobody. Rows 0 and 1 share the
    # heavy term 1, rows 0 and 2 the light term 2; with k=1, row 0 keeps only row 1.
    terms = np.array([[0, 1, 2], [0, 1, -1], [0, 2, -1], [0, 3, -1]], np.int32)
    weights = np.array([[0.9, 0.8, 0.1], [0.9, 0.7, 0], [0.9, 0.5, 0], [0.9, 0.9, 0]], np.float32)
    assert [tuple(p) for p in term_pairs(terms, weights, cap=3, k=1)] == [(0, 1), (0, 1), (0, 2)]
    assert len(term_pairs(terms, weights, cap=3, k=2)) == 4  # row 0 keeps row 2 as well


def test_copies_are_found_when_every_heavy_term_is_too_common_to_index(monkeypatch):
    """In a big crawl a name or a word is in thousands of pages; the inverted index skips
    such terms and the bands of two heavy terms (conjunctions) must still find the copies.
    The cap is lowered here so a small synthetic corpus is in that state."""
    from factdiff import corpus as corpus_mode

    monkeypatch.setattr(candidates, "TERM_CAP", 1)
    assert not len(candidates.term_pairs(np.array([[4], [4]], np.int32), np.ones((2, 1))))
    docs = list(corpus(800, seed=2))
    sketches = sketch_many([d.text for d in docs])
    rows, found = corpus_mode.link(sketches)
    assert np.array_equal(found.pairs, corpus_mode.link(sketches)[1].pairs)
    story, _ = labels(rows, found)
    truth = [d.id.split("-")[0] for d in docs]
    same_truth = {(i, j) for i in range(800) for j in range(i) if truth[i] == truth[j]}
    same_story = {(i, j) for i in range(800) for j in range(i) if story[i] == story[j]}
    assert len(same_truth & same_story) >= 0.95 * len(same_truth)
    assert len(same_truth & same_story) >= 0.95 * len(same_story)


def test_a_clique_is_merged_whole_and_the_rest_left_to_the_heap():
    from factdiff.corpus.linking import _merge_cliques

    pairs = np.array([[0, 1], [0, 2], [1, 2], [3, 4], [4, 5], [6, 7]])
    keep = np.array([True, True, True, True, True, False])
    sims = np.full(len(pairs), 0.9, dtype=np.float32)
    label, rest = _merge_cliques(8, pairs, sims, keep, 0.5)
    assert label.tolist() == [0, 0, 0, 3, 4, 5, 6, 7]  # the path 3-4-5 is no clique
    assert rest.tolist() == [False, False, False, True, True, False]


def test_the_original_is_the_earliest_dated_version_else_the_most_agreed_with():
    rows = tfidf(sketch_many([TEXT + " Extra words here.", TEXT, TEXT + " Nobody was hurt."]))
    assert choose_original([0, 1, 2], ["", "2024-05-02", "2024-05-01T09:00:00Z"], rows) == 2
    assert choose_original([0, 1, 2], ["", "", ""], rows) == 1  # the others agree with it
    assert parse_date("2024-05-01") is not None and parse_date("yesterday") is None


def test_grouping_from_several_threads_at_once_does_not_kill_the_process():
    """numba's built-in threading layer aborts the process when two threads run parallel
    loops at once (it is the only layer on a machine without OpenMP or TBB); link() lets
    them take turns. Forced here in a child process, where the abort would show."""
    import os
    import subprocess
    import sys

    code = (
        "import threading\n"
        "from factdiff.corpus import link, sketch_many\n"
        "from factdiff.corpus.synthetic import corpus\n"
        "sk = sketch_many([d.text for d in corpus(1500, seed=1)])\n"
        "link(sk)\n"
        "ts = [threading.Thread(target=lambda: [link(sk) for _ in range(3)]) for _ in range(4)]\n"
        "[t.start() for t in ts]\n"
        "[t.join() for t in ts]\n"
        "print('ok')\n"
    )
    env = {**os.environ, "NUMBA_THREADING_LAYER": "workqueue"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]


def test_a_forked_worker_can_group_after_its_parent_did():
    """GNU OpenMP, numba's choice where it is installed, kills a forked child that runs
    parallel loops after its parent did; the corpus package asks numba for a fork-safe
    layer. In a child process, with no layer chosen by the environment."""
    import os
    import subprocess
    import sys

    code = (
        "import multiprocessing\n"
        "from factdiff.corpus import link, sketch_many\n"
        "texts = ['Fire destroyed the old fish market at Port Merrow on Tuesday.'] * 3\n"
        "def child(_):\n"
        "    return len(link(sketch_many(texts))[1].pairs)\n"
        "link(sketch_many(texts))\n"
        "with multiprocessing.get_context('fork').Pool(2) as pool:\n"
        "    print(pool.map(child, range(2)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_THREADING_LAYER"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout.strip() == "[3, 3]", done.stderr[-500:]


def test_average_link_takes_pairs_in_any_form():
    """Repeated pairs, a row paired with itself and (j, i) pairs do not make a path look
    like a clique: 0-1-2 is a path, and 0, 2 share nothing."""
    import scipy.sparse as sp

    a, b = np.eye(3, dtype=np.float32)[0], np.eye(3, dtype=np.float32)[1]
    rows = sp.csr_matrix(np.vstack([a, (a + b) / np.sqrt(2), b]))
    pairs = np.array([[0, 1], [1, 0], [2, 1], [0, 0], [1, 2]])
    label = average_link(rows, pairs, cosines(rows, pairs), 0.6)
    assert label[0] != label[2]


def test_a_zero_weight_is_no_evidence_and_does_no_harm():
    terms = np.zeros((50, 4), dtype=np.int32) + np.arange(4, dtype=np.int32)
    weights = np.zeros((50, 4), dtype=np.float32)
    assert not len(term_pairs(terms, weights, cap=100, k=3))
    weights[:, 0] = 1.0
    pairs = term_pairs(terms, weights, cap=100, k=3)
    assert len(pairs) == 150 and (pairs[:, 0] != pairs[:, 1]).all()


def test_the_groups_do_not_depend_on_the_number_of_threads():
    import os
    import subprocess
    import sys

    code = (
        "import hashlib\n"
        "from factdiff.corpus import labels, link, sketch_many\n"
        "from factdiff.corpus.synthetic import corpus\n"
        "rows, found = link(sketch_many([d.text for d in corpus(700, seed=3)]))\n"
        "story, event = labels(rows, found)\n"
        "parts = (found.pairs, found.sims, story, event)\n"
        "print(hashlib.sha256(b''.join(p.tobytes() for p in parts)).hexdigest())\n"
    )
    digests = set()
    for threads in ("1", "2", "3"):
        env = {**os.environ, "NUMBA_NUM_THREADS": threads}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-500:]
        digests.add(done.stdout.strip())
    assert len(digests) == 1
