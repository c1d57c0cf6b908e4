"""number_change, quantity_swap and internal_inconsistency."""

from __future__ import annotations

from checks_builders import S, pair, plain
from factdiff.checks import number_change, quantity_swap, run_pair_checks, run_sentence_checks


def _hurt(doc, text, number, value, hedge="", start=0):
    s = S(doc, text, start)
    return s.facts(quantities=[s.qty(number, value, "people", hedge)])


ORIGINAL = _hurt("d0", "At least 12 people were hurt.", "12", 12, "At least")


def test_value_change_is_high():
    found = number_change.check(pair(_hurt("d1", "21 people were hurt.", "21", 21), ORIGINAL))
    assert len(found) == 1
    f = found[0]
    assert (f.type, f.severity) == ("number_change", "high")
    assert f.claim.span == "21" and f.evidence[0].span == "At least 12"
    assert f.explanation == "d1 says 21 people where d0 says At least 12 people."


def test_dropped_hedge_is_medium_and_says_so():
    found = number_change.check(pair(_hurt("d1", "12 people were hurt.", "12", 12), ORIGINAL))
    assert [(f.type, f.severity) for f in found] == [("number_change", "medium")]
    assert "drops the hedge 'At least'" in found[0].explanation


def test_equivalent_hedge_and_spelled_number_are_not_changes():
    claim = _hurt("d1", "More than twelve people were hurt.", "twelve", 12, "More than")
    assert number_change.check(pair(claim, ORIGINAL)) == []


def test_dropping_exactly_is_no_change():
    exact = _hurt("d0", "Exactly 12 people were hurt.", "12", 12, "Exactly")
    assert number_change.check(pair(_hurt("d1", "12 people were hurt.", "12", 12), exact)) == []


def test_faithful_rounding_is_not_a_change():
    orig = _hurt("d0", "The fire displaced 1,482 people.", "1,482", 1482)
    for text, num, value, hedge in [
        ("Nearly 1,500 people were displaced.", "1,500", 1500, "Nearly"),
        ("More than 1,400 people were displaced.", "1,400", 1400, "More than"),
    ]:
        claim = _hurt("d1", text, num, value, hedge)
        assert run_pair_checks(pair(claim, orig, relation="paraphrase")) == [], text


def test_vague_amount_is_not_a_number_change():
    orig = _hurt("d0", "Hundreds protested on Monday.", "Hundreds", 100)
    claim = plain("d1", "Many protesters gathered on Monday.")
    assert run_pair_checks(pair(claim, orig, relation="paraphrase", similarity=0.7)) == []
    back = run_pair_checks(pair(orig, claim, relation="paraphrase", similarity=0.7))
    assert back == []


def _people(doc, text, start=0):
    s = S(doc, text, start)
    words = text.split()
    values = {"two": 2, "three": 3}
    return s.facts(
        quantities=[
            s.qty(words[0], values[words[0]], "man"),
            s.qty(words[3], values[words[3]], "woman"),
        ]
    )


def test_quantity_swap_is_one_finding_not_two_number_changes():
    claim = _people("d1", "two men and three women were arrested.")
    orig = _people("d0", "three men and two women were arrested.")
    assert len(quantity_swap.check(pair(claim, orig))) == 1
    found = run_pair_checks(pair(claim, orig))
    assert [(f.type, f.severity) for f in found] == [("quantity_swap", "high")]
    assert "swaps the counts" in found[0].explanation
    assert found[0].claim.span.startswith("two men and three")


def test_reordered_counts_are_not_a_swap():
    claim = S("d1", "Two women and three men were arrested.")
    orig = _people("d0", "three men and two women were arrested.")
    cf = claim.facts(
        quantities=[claim.qty("Two", 2, "woman"), claim.qty("three", 3, "man")],
    )
    assert run_pair_checks(pair(cf, orig, relation="paraphrase")) == []


def test_numbers_checks_tolerate_missing_values_and_nouns():
    s = S("d1", "Some 40 were hurt.")
    q = s.qty("40", None)
    t = S("d0", "Officials gave a figure.")
    assert number_change.check(pair(s.facts(quantities=[q]), t.facts())) == []


def test_internal_inconsistency_direction():
    s = S("d1", "Officials first said 40, then increased it to 35.", 10)
    f = s.facts(
        quantities=[s.qty("40", 40), s.qty("35", 35)], directions=[s.dir("increased", "up")]
    )
    found = run_sentence_checks(f)
    assert [(x.type, x.severity) for x in found] == [("internal_inconsistency", "high")]
    assert found[0].claim.span == "40, then increased it to 35"
    ok = S("d0", "Officials first said 40, then revised it down to 35.")
    fine = ok.facts(
        quantities=[ok.qty("40", 40), ok.qty("35", 35)], directions=[ok.dir("down", "down")]
    )
    assert run_sentence_checks(fine) == []


def test_internal_inconsistency_from_to_and_by():
    s = S("d1", "Prices rose from 10 to 8.")
    f = s.facts(quantities=[s.qty("10", 10), s.qty("8", 8)], directions=[s.dir("rose", "up")])
    assert len(run_sentence_checks(f)) == 1
    s = S("d1", "The toll of 40 was raised by 10 to 50.")
    f = s.facts(
        quantities=[s.qty("40", 40), s.qty("10", 10), s.qty("50", 50)],
        directions=[s.dir("raised", "up")],
    )
    assert run_sentence_checks(f) == []


def test_internal_inconsistency_total():
    s = S("d1", "Three men and two women, six people in all, were hurt.")
    bad = s.facts(
        quantities=[s.qty("Three", 3, "man"), s.qty("two", 2, "woman"), s.qty("six", 6, "people")]
    )
    found = run_sentence_checks(bad)
    assert len(found) == 1 and "does not add up" in found[0].explanation
    s = S("d1", "Three men and two women, five people in all, were hurt.")
    good = s.facts(
        quantities=[s.qty("Three", 3, "man"), s.qty("two", 2, "woman"), s.qty("five", 5, "people")]
    )
    assert run_sentence_checks(good) == []


def test_internal_inconsistency_two_changes_of_two_things():
    s = S("d1", "The firm is raising its fee to 5 and cutting staff costs below 90 million.")
    f = s.facts(
        quantities=[s.qty("5", 5), s.qty("90 million", 90e6)],
        directions=[s.dir("raising", "up"), s.dir("cutting", "down")],
    )
    assert run_sentence_checks(f) == []  # 5 is the fee, 90 million the costs
    s = S("d1", "The fee rose to 50, then fell to 60.")
    f = s.facts(
        quantities=[s.qty("50", 50), s.qty("60", 60)],
        directions=[s.dir("rose", "up"), s.dir("fell", "down")],
    )
    assert len(run_sentence_checks(f)) == 1  # one thing, changed twice: still checked


def test_internal_inconsistency_needs_one_figure_near_the_change_word():
    far = S(
        "d1",
        "The club paid 40 pounds for the tickets and then, after a long and heated meeting of "
        "all its members, cut its loans to 95 pounds.",
    )
    f = far.facts(
        quantities=[far.qty("40", 40), far.qty("95", 95)], directions=[far.dir("cut", "down")]
    )
    assert run_sentence_checks(f) == []
    apart = S("d1", "The fee of 0.2 pounds was cut to 30,000 pounds.")
    f = apart.facts(
        quantities=[apart.qty("0.2", 0.2), apart.qty("30,000", 30000)],
        directions=[apart.dir("cut", "down")],
    )
    assert run_sentence_checks(f) == []


def test_internal_inconsistency_reads_factors_ratios_and_from_after_the_level():
    """Parse errors seen on real news read alone (FRANK articles): none of these sentences
    contradicts itself."""
    s = S("d1", "Over the last four years call-outs have been increasing three-fold.")
    f = s.facts(quantities=[s.qty("four", 4, "year"), s.qty("three", 3)],
                directions=[s.dir("increasing", "up")])  # fmt: skip
    assert run_sentence_checks(f) == []  # "three-fold" is a factor, not a level
    s = S("d1", "Its share could hit 14.8 per cent, and could rise to one in five by 2060.")
    f = s.facts(quantities=[s.qty("14.8 per cent", 14.8), s.qty("one", 1), s.qty("five", 5)],
                directions=[s.dir("rise", "up")])  # fmt: skip
    assert run_sentence_checks(f) == []  # "one in five" is a ratio
    s = S("d1", "Sales of 40 in 2019 were cut to 55 in 2020.")
    f = s.facts(quantities=[s.qty("40", 40), s.qty("55", 55)],
                directions=[s.dir("cut", "down")])  # fmt: skip
    assert len(run_sentence_checks(f)) == 1  # "N in <year>" is a level, not a ratio
    s = S("d1", "Entries reached a total of 14,681, a rise from 14,575 last year.")
    f = s.facts(quantities=[s.qty("14,681", 14681), s.qty("14,575", 14575)],
                directions=[s.dir("rise", "up")])  # fmt: skip
    assert run_sentence_checks(f) == []  # from 14,575 (after the word) to 14,681 (before it)
    s = S("d1", "Entries reached a total of 14,575, a rise from 14,681 last year.")
    f = s.facts(quantities=[s.qty("14,575", 14575), s.qty("14,681", 14681)],
                directions=[s.dir("rise", "up")])  # fmt: skip
    assert len(run_sentence_checks(f)) == 1  # the same shape, contradicting itself
    s = S("d1", "The seed came back from two sets down to beat his rival 6-7 6-1 6-4.")
    f = s.facts(quantities=[s.qty("two", 2), s.qty("6", 6)],
                directions=[s.dir("came", "down")])  # fmt: skip
    assert run_sentence_checks(f) == []  # no "to" right between: not a from/to pair
