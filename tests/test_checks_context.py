"""date_change, attribution_change, unsupported_addition, unaligned and omitted sentences."""

from __future__ import annotations

from checks_builders import S, pair, plain
from factdiff.checks import (
    attribution_change,
    check_omitted,
    check_unaligned,
    date_change,
    run_pair_checks,
    unsupported_addition,
)
from factdiff.checks.date_change import time_fields
from factdiff.types import Attribution


def _dated(doc, text, sub, norm=None, relation=""):
    s = S(doc, text)
    return s.facts(times=[s.time(sub, norm, relation)])


def test_time_fields():
    assert time_fields("Tuesday 4 March 2015") == {
        "weekday": "tue",
        "day": "4",
        "month": "3",
        "year": "2015",
        "yy": "15",
    }
    assert time_fields("2015-03-04") == {"year": "2015", "month": "3", "day": "4"}
    # "since '57" agrees with "since 1957" on the two digits it gives
    assert time_fields("since '57") == {"yy": "57"}
    assert time_fields("2012-13") == {"year": "2012", "year_to": "2013"}
    assert time_fields("3 p.m.") == {"clock": "15:00"}
    assert time_fields("last week") == {"week": "last"}


def test_weekday_change():
    found = date_change.check(
        pair(
            _dated("d1", "The fire began on Thursday.", "Thursday", relation="on"),
            _dated("d0", "The fire began on Tuesday.", "Tuesday", relation="on"),
        )
    )
    assert [(f.type, f.severity) for f in found] == [("date_change", "medium")]
    assert found[0].explanation == "d1 says 'on Thursday' where d0 says 'on Tuesday'."


def test_relation_change():
    found = date_change.check(
        pair(
            _dated("d1", "She has led it in 2015.", "2015", relation="in"),
            _dated("d0", "She has led it since 2015.", "2015", relation="since"),
        )
    )
    assert len(found) == 1 and "'in 2015' where d0 says 'since 2015'" in found[0].explanation
    found = date_change.check(
        pair(
            _dated("d1", "It closed the same day as the fire.", "the same day", "same day", "same"),
            _dated(
                "d0", "It closed the day after the fire.", "the day after", "day after", "after"
            ),
        )
    )
    assert len(found) == 1


def test_date_paraphrases_are_not_changes():
    orig = _dated(
        "d0", "It opened on Tuesday, 4 March 2015.", "Tuesday, 4 March 2015", relation="on"
    )
    for claim in (
        _dated("d1", "It opened in 2015.", "2015", relation="in"),
        _dated("d1", "It opened on 4 March.", "4 March", relation="on"),
        _dated("d1", "It opened March 4, 2015.", "March 4, 2015"),
    ):
        assert run_pair_checks(pair(claim, orig, relation="paraphrase")) == [], claim


def test_attribution_change():
    c = S("d1", "Residents claim 50 people were rescued.")
    e = S("d0", "Police said 50 people were rescued.")
    p = pair(
        c.facts(attributions=[c.attr("Residents", "claim", "claim")]),
        e.facts(attributions=[e.attr("Police", "said")]),
    )
    found = attribution_change.check(p)
    assert [(f.type, f.severity) for f in found] == [("attribution_change", "medium")]
    assert found[0].claim.span == "Residents claim"
    assert (
        "Residents ('claim')" in found[0].explanation and "Police ('said')" in found[0].explanation
    )


def test_attribution_paraphrases_are_not_changes():
    c = S("d1", "According to police officers, 50 people were rescued.")
    e = S("d0", "Police said 50 people were rescued.")
    p = pair(
        c.facts(attributions=[c.attr("police officers", "According to")]),
        e.facts(attributions=[e.attr("Police", "said")]),
        relation="paraphrase",
    )
    assert attribution_change.check(p) == []
    c = S("d1", "He said 50 people were rescued.")
    p = pair(
        c.facts(attributions=[c.attr("He", "said")]),
        e.facts(attributions=[e.attr("Police", "said")]),
    )
    assert attribution_change.check(p) == []


def test_claim_turned_into_fact():
    e = S("d0", "Residents claim 50 people were rescued.")
    p = pair(
        plain("d1", "50 people were rescued."),
        e.facts(attributions=[e.attr("Residents", "claim", "claim")]),
    )
    found = attribution_change.check(p)
    assert len(found) == 1 and "states as fact" in found[0].explanation


def test_unsupported_list_item():
    c = plain("d1", "Police released a list of the victims' names and addresses.")
    e = plain("d0", "Police released a list of the victims' names.")
    found = unsupported_addition.check(pair(c, e))
    assert [(f.type, f.severity) for f in found] == [("unsupported_addition", "low")]
    assert found[0].claim.span == "addresses"


def test_unsupported_name_and_number():
    c = S("d1", "Mayor Anne Ross, a Democrat, signed the order after 40 complaints.")
    e = S("d0", "Mayor Anne Ross signed the order.")
    p = pair(
        c.facts(
            entities=[c.ent("Anne Ross"), c.ent("Democrat", "NORP")],
            quantities=[c.qty("40", 40, "complaint")],
        ),
        e.facts(entities=[e.ent("Anne Ross")]),
    )
    found = run_pair_checks(p)
    assert sorted((f.claim.span, f.severity) for f in found) == [
        ("40", "medium"),
        ("Democrat", "medium"),
    ]


def test_additions_paraphrase_negative():
    c = plain("d1", "Many protesters gathered and chanted outside the hall.")
    e = plain("d0", "Hundreds protested outside the hall.")
    assert unsupported_addition.check(pair(c, e, relation="paraphrase", similarity=0.7)) == []
    c = plain("d1", "Police published the names and ages of the victims.")
    e = plain("d0", "Police published the ages and names of the victims.")
    assert run_pair_checks(pair(c, e)) == []


def test_unaligned_sentence():
    c = S("d1", "Peter Lind later resigned over 3 complaints.", 80, 3)
    ctx = (
        plain("d0", "Mayor Anne Ross signed the order."),
        plain("d0", "Residents complained.", 40, 1),
    )
    found = check_unaligned(
        c.facts(entities=[c.ent("Peter Lind")], quantities=[c.qty("3", 3, "complaint")]), ctx
    )
    # No counterpart, nothing it changed: shown as an addition, never counted as a change.
    assert [(f.type, f.severity) for f in found] == [("unsupported_addition", "info")]
    assert "Peter Lind" in found[0].explanation and found[0].evidence == ()
    assert found[0].claim.span_start == 80
    # nothing new: a linking sentence is not a finding
    assert check_unaligned(plain("d1", "The mayor signed the order."), ctx) == []
    # new content but no names or numbers: shown too
    low = check_unaligned(plain("d1", "Angry farmers blocked highways nationwide."), ctx)
    assert [f.severity for f in low] == ["info"]


def test_omitted_sentence():
    ref = plain("d0", "Nobody was hurt in the blaze.", 120, 4)
    f = check_omitted(ref, "d1")
    assert (f.type, f.severity) == ("omission", "info")
    assert f.claim.doc == "d1" and f.evidence[0].start == 120
    assert "d1 leaves out this sentence of d0" in f.explanation


def test_added_list_item_is_judged_by_its_head():
    # "home" occurs elsewhere in the source (in "homes"), "addresses" nowhere: still an addition
    c = plain("d1", "The club posted the names and home addresses of its members online.")
    e = plain("d0", "The club posted the names of its members online.")
    ctx = (e, plain("d0", "Several members were forced from their homes.", 60, 1))
    found = unsupported_addition.check(pair(c, e, relation="paraphrase", context=ctx))
    assert [(f.type, f.severity, f.claim.span) for f in found] == [
        ("unsupported_addition", "low", "home addresses")
    ]
    # a conjunct whose head the source gives is no addition
    c = plain("d1", "The club posted the names and home towns of its members online.")
    e2 = plain("d0", "The club posted the names of its members and their towns online.")
    assert unsupported_addition.check(pair(c, e2)) == []


def test_undated_times_of_different_periods_are_not_compared():
    c = _dated("d1", "Deposits grew 2% from the prior quarter.", "from the prior quarter",
               "prior quarter", "since")  # fmt: skip
    e = _dated("d0", "Deposits were 5 billion at the end of the third quarter.",
               "at the end of the third quarter", "end of third quarter", "in")  # fmt: skip
    assert date_change.check(pair(c, e, relation="paraphrase")) == []


def test_generic_speaker_for_a_named_one_is_only_low():
    c = S("d1", "The firm said sales rose.")
    e = S("d0", "Brixley Ltd said sales rose.")
    p = pair(
        c.facts(attributions=[c.attr("The firm", "said")]),
        e.facts(attributions=[Attribution(e.m("Brixley Ltd", "ORG"), e.m("said", "VERB"))]),
    )
    assert [(f.type, f.severity) for f in attribution_change.check(p)] == [
        ("attribution_change", "low")
    ]


def test_first_person_claim_stated_plainly_is_only_low():
    e = S("d0", "We estimate that costs will fall.")
    p = pair(
        plain("d1", "Costs will fall."),
        e.facts(attributions=[Attribution(e.m("We", "PRON"), e.m("estimate", "VERB"), "claim")]),
    )
    assert [(f.type, f.severity) for f in attribution_change.check(p)] == [
        ("attribution_change", "low")
    ]
    c = S("d1", "The memo explains that costs will fall.")
    p = pair(c.facts(attributions=[c.attr("memo", "explains")]), plain("d0", "Costs will fall."))
    assert [f.severity for f in attribution_change.check(p)] == ["low"]
