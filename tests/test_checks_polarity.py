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


def test_negation_merged_from_another_source_sentence():
    c = S("d1", "Two sailors were pulled from the water by a trawler, and nobody was badly hurt.")
    claim = c.facts(negations=[c.neg("nobody")])
    e1 = plain("d0", "Two sailors were pulled from the water by a trawler.")
    h = S("d0", "Nobody was badly hurt.", 60, 1)
    e2 = h.facts(negations=[h.neg("Nobody")])
    # the aligner saw the merge: two evidence sentences, the negated one second
    assert negation.check(pair(claim, e1, e2, relation="partial")) == []
    # the aligner gave only the best sentence: the other is still in the context
    assert negation.check(pair(claim, e1, relation="paraphrase", context=(e1, e2))) == []
    # without a source sentence saying it, the negation is new
    assert len(negation.check(pair(claim, e1, relation="paraphrase"))) == 1


def test_negated_clause_left_out_is_not_a_dropped_negation():
    e = S("d0", "The ferry left on time, but no passengers were on board.")
    ev = e.facts(negations=[e.neg("no")])
    assert negation.check(pair(plain("d1", "The ferry left on time."), ev)) == []
    dropped = plain("d1", "The ferry left on time, and passengers were on board.")
    assert len(negation.check(pair(dropped, ev))) == 1


def test_modality_of_a_merged_claim_checks_every_evidence_sentence():
    c = S("d1", "The bridge reopened on Monday, but the repairs could take months.")
    claim = c.facts(modals=[c.modal("could", "possible")])
    e1 = plain("d0", "The bridge reopened on Monday.")
    r = S("d0", "The repairs could take months.", 40, 1)
    e2 = r.facts(modals=[r.modal("could", "possible")])
    assert modality_change.check(pair(claim, e1, e2, relation="partial")) == []
    assert len(modality_change.check(pair(claim, e1, relation="partial"))) == 1
    # a modal in a part of the evidence the claim does not carry is not dropped
    assert modality_change.check(pair(plain("d1", "The bridge reopened."), e1, e2)) == []


def test_reversal_word_given_by_another_evidence_sentence():
    claim = plain("d1", "Wages fell in the suburbs.")
    e1 = plain("d0", "Wages rose in the city.")
    e2 = plain("d0", "Wages fell in the suburbs.", 30, 1)
    assert claim_reversal.check(pair(claim, e1, e2, relation="partial")) == []
    assert len(claim_reversal.check(pair(claim, e1, relation="partial"))) == 1


def test_opposite_words_about_different_things_are_no_reversal():
    c = S("d1", "The firm is raising its fee and reducing net debt below the limit.")
    e = S("d0", "We expect net debt to fall below the limit after the increase in the fee.")
    claim = c.facts(directions=[c.dir("raising", "up"), c.dir("reducing", "down")])
    ev = e.facts(directions=[e.dir("fall", "down"), e.dir("increase", "up")])
    assert claim_reversal.check(pair(claim, ev, relation="paraphrase")) == []
    c = S("d1", "The firm is cutting its fee and reducing net debt below the limit.")
    claim = c.facts(directions=[c.dir("cutting", "down"), c.dir("reducing", "down")])
    found = claim_reversal.check(pair(claim, ev, relation="paraphrase"))
    assert [f.claim.span for f in found] == ["cutting"]


def test_modality_hedge_added_is_shown_and_hedge_dropped_is_a_change():
    c = S("d1", "The new filter may cut the noise.")
    e = plain("d0", "The new filter cuts the noise.")
    found = modality_change.check(pair(c.facts(modals=[c.modal("may", "possible")]), e))
    assert [(f.type, f.severity) for f in found] == [("modality_change", "info")]
    c = plain("d1", "The new filter cuts the noise.")
    e = S("d0", "The new filter might cut the noise.")
    found = modality_change.check(pair(c, e.facts(modals=[e.modal("might", "possible")])))
    assert [(f.type, f.severity) for f in found] == [("modality_change", "medium")]


def test_modality_obligation_ability_and_conditional_are_not_compared():
    """Paraphrases move between "must", "can", "would" and plain statements."""
    for word, cls in (("must", "necessary"), ("can", "ability"), ("would", "conditional")):
        c = plain("d1", "The new filter cuts the noise.")
        e = S("d0", f"The new filter {word} cut the noise.")
        assert modality_change.check(pair(c, e.facts(modals=[e.modal(word, cls)]))) == []
        c = S("d1", f"The new filter {word} cut the noise.")
        e = plain("d0", "The new filter cuts the noise.")
        assert modality_change.check(pair(c.facts(modals=[c.modal(word, cls)]), e)) == []


def test_negation_of_something_the_source_never_mentions_is_no_flip():
    c = S("d1", "The new app is easy to use, but not for blind users.")
    e = plain("d0", "The new app is easy to use, its makers say.")
    assert negation.check(pair(c.facts(negations=[c.neg()]), e, relation="paraphrase")) == []
    # the same negation on a word the source does use is a flip
    c = S("d1", "The new app is not easy to use.")
    e = plain("d0", "The new app is easy to use.")
    assert len(negation.check(pair(c.facts(negations=[c.neg()]), e))) == 1
    # a dropped "without" whose negated word the copy never uses is no flip either
    c = plain("d1", "The shop offers low prices and good service.")
    e = S("d0", "The shop offers low prices without cutting good service.")
    assert negation.check(pair(c, e.facts(negations=[e.neg("without")]))) == []
