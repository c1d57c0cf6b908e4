"""negation, claim_reversal (words, directions, cues, subject swap), modality_change."""

from __future__ import annotations

from checks_builders import S, pair, plain
from factdiff.checks import (
    claim_reversal,
    modality_change,
    negation,
    run_pair_checks,
    subject_swap,
)


def test_negation_added():
    c = S("d1", "The mayor did not sign the order.")
    e = S("d0", "The mayor signed the order.")
    p = pair(
        c.facts(negations=[c.neg()], triples=[c.triple("mayor", "sign", "order", negated=True)]),
        e.facts(triples=[e.triple("mayor", "signed", "order", lemma="sign")]),
    )
    found = negation.check(p)
    assert [(f.type, f.severity) for f in found] == [("negation", "high")]
    assert found[0].claim.span == "not" and found[0].evidence[0].span == "signed"
    assert found[0].explanation == "d1 adds a negation ('not') of 'sign' that d0 does not have."


def test_negation_dropped_without_triples():
    c = plain("d1", "The bridge was safe.")
    e = S("d0", "The bridge was never safe.")
    found = negation.check(pair(c, e.facts(negations=[e.neg("never")])))
    assert len(found) == 1 and "drops the negation ('never')" in found[0].explanation


def test_negation_paraphrases_are_not_flagged():
    # "did not comment" ~ "declined to comment"
    c = S("d1", "The company did not comment.")
    e = plain("d0", "The company declined to comment.")
    assert negation.check(pair(c.facts(negations=[c.neg()]), e, relation="paraphrase")) == []
    # "did not rise" ~ "fell": negation and antonym cancel out
    c = S("d1", "Prices did not rise.")
    e = plain("d0", "Prices fell.")
    p = pair(c.facts(negations=[c.neg()]), e, relation="paraphrase")
    assert run_pair_checks(p) == []
    # "not only ... but also" negates nothing
    c = S("d1", "It hit not only the port but also the town.")
    assert (
        negation.check(
            pair(c.facts(negations=[c.neg()]), plain("d0", "It hit the port and the town."))
        )
        == []
    )
    # both sides negated with different words
    c = S("d1", "Nobody was hurt.")
    e = S("d0", "No one was hurt.")
    assert (
        negation.check(pair(c.facts(negations=[c.neg("Nobody")]), e.facts(negations=[e.neg("No")])))
        == []
    )


def test_antonym_reversal():
    c = plain("d1", "The council rejected the plan.")
    e = plain("d0", "The council approved the plan.")
    found = claim_reversal.check(pair(c, e))
    assert [(f.type, f.severity) for f in found] == [("claim_reversal", "high")]
    assert found[0].claim.span == "rejected" and found[0].evidence[0].span == "approved"


def test_direction_reversal():
    c = S("d1", "Officials revised the toll up to 35.")
    e = S("d0", "Officials revised the toll down to 35.")
    p = pair(c.facts(directions=[c.dir("up", "up")]), e.facts(directions=[e.dir("down", "down")]))
    found = run_pair_checks(p)
    assert [f.type for f in found] == ["claim_reversal"]


def test_demand_reversal():
    c = plain("d1", "Protesters demanded more evictions.")
    e = plain("d0", "Protesters demanded an end to evictions.")
    found = claim_reversal.check(pair(c, e, relation="paraphrase", similarity=0.8))
    assert len(found) == 1
    assert found[0].claim.span == "more evictions"
    assert found[0].evidence[0].span == "an end to evictions"


def test_reversal_paraphrases_are_not_flagged():
    both = plain("d0", "Exports fell while imports rose.")
    swapped_order = plain("d1", "Imports rose while exports fell.")
    assert claim_reversal.check(pair(swapped_order, both, relation="paraphrase")) == []
    hedge = plain("d1", "More than 12 people were hurt.")
    assert claim_reversal.check(pair(hedge, plain("d0", "Fewer people were hurt."))) == []
    same = plain("d1", "Demonstrators called for an end to evictions.")
    assert (
        claim_reversal.check(pair(same, plain("d0", "Protesters demanded an end to evictions.")))
        == []
    )


def _sank(doc, first, second):
    s = S(doc, f"The {first} sank near the {second}.")
    return s.facts(triples=[s.triple(first, "sank", lemma="sink")])


def test_subject_swap_is_claim_reversal():
    p = pair(_sank("d1", "harbour", "ferry"), _sank("d0", "ferry", "harbour"))
    found = subject_swap.check(p)
    assert [(f.type, f.severity) for f in found] == [("claim_reversal", "high")]
    assert "who did what to whom changed" in found[0].explanation
    assert found[0].claim.span == "harbour"


def test_subject_swap_with_objects_and_passive():
    c = S("d1", "The man arrested the officer.")
    e = S("d0", "The officer arrested the man.")
    p = pair(
        c.facts(triples=[c.triple("man", "arrested", "officer", lemma="arrest")]),
        e.facts(triples=[e.triple("officer", "arrested", "man", lemma="arrest")]),
    )
    assert len(subject_swap.check(p)) == 1
    passive = S("d1", "The man was arrested by the officer.")
    p = pair(
        passive.facts(triples=[passive.triple("man", "arrested", lemma="arrest")]),
        e.facts(triples=[e.triple("officer", "arrested", "man", lemma="arrest")]),
    )
    assert subject_swap.check(p) == []


def test_modality_change():
    c = S("d1", "The council will approve the plan.")
    e = S("d0", "The council may approve the plan.")
    p = pair(
        c.facts(modals=[c.modal("will", "certain")]), e.facts(modals=[e.modal("may", "possible")])
    )
    found = modality_change.check(p)
    assert [(f.type, f.severity) for f in found] == [("modality_change", "medium")]
    assert found[0].claim.span == "will" and found[0].evidence[0].span == "may"
    assert "as certain ('will')" in found[0].explanation
    assert "as possible ('may')" in found[0].explanation


def test_modality_paraphrases_are_not_flagged():
    c = S("d1", "The council could approve the plan.")
    e = S("d0", "The council may approve the plan.")
    p = pair(
        c.facts(modals=[c.modal("could", "possible")]), e.facts(modals=[e.modal("may", "possible")])
    )
    assert modality_change.check(p) == []
    c = S("d1", "The council will vote on Tuesday.")
    p = pair(
        c.facts(modals=[c.modal("will", "certain")]), plain("d0", "The council votes on Tuesday.")
    )
    assert modality_change.check(p) == []


def test_polarity_checks_tolerate_empty_facts():
    p = pair(plain("d1", ""), plain("d0", ""))
    for check in (negation.check, claim_reversal.check, subject_swap.check, modality_change.check):
        assert check(p) == []
    assert run_pair_checks(pair(plain("d1", "x"))) == []


def test_negation_elsewhere_does_not_cancel_a_reversal():
    c = S("d1", "The council rejected the plan but did not say why.")
    e = plain("d0", "The council approved the plan.")
    found = run_pair_checks(pair(c.facts(negations=[c.neg()]), e))
    assert "claim_reversal" in [f.type for f in found]
