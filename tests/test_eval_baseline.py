"""The novel-names-and-numbers baseline."""

from __future__ import annotations

from factdiff.eval.baseline import baseline_check

SOURCE = "Mayor Anne Ross signed the order on Tuesday. At least 12 people were hurt in Oslo."


def test_faithful_rewrite_is_not_flagged():
    r = baseline_check(SOURCE, "The order was signed by Anne Ross. 12 people were hurt.")
    assert not r.flagged and r.novel == () and r.consistency == 1.0


def test_new_name_and_number_are_flagged():
    r = baseline_check(SOURCE, "Mayor Peter Lind signed the order, and 21 people were hurt.")
    assert r.flagged
    assert r.novel == ("Peter", "Lind", "21")
    assert r.candidates == 3  # "Mayor" starts the sentence: not a candidate
    assert r.novel_fraction == 1.0


def test_sentence_initial_words_punctuation_and_possessive():
    r = baseline_check(SOURCE, "Officials said so. Anne's order (signed Tuesday) stands in Oslo!")
    assert not r.flagged  # "Officials"/"Anne's" start sentences; "Tuesday)" and "Oslo!" match
    assert r.candidates == 2


def test_match_is_case_sensitive_and_fraction_counts_candidates():
    r = baseline_check("the ross family", "They met the Ross family in Oslo and Bergen.")
    assert r.novel == ("Ross", "Oslo", "Bergen")
    r = baseline_check(SOURCE, "Then Anne Ross left Oslo for Bergen.")
    assert r.novel == ("Bergen",) and r.novel_fraction == 0.25


def test_no_candidates_scores_fully_consistent():
    r = baseline_check(SOURCE, "the order was signed.")
    assert not r.flagged and r.novel_fraction == 0.0 and r.candidates == 0
