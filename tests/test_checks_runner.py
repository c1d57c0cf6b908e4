"""The pair runner: registry order, de-duplication, and the Finding contract."""

from __future__ import annotations

from checks_builders import S, pair
from factdiff.checks import (
    PAIR_CHECKS,
    number_change,
    quantity_swap,
    run_pair_checks,
    same_text,
)
from factdiff.types import FINDING_TYPES, SEVERITY_ORDER


def test_registry_is_an_explicit_ordered_tuple():
    assert isinstance(PAIR_CHECKS, tuple) and len(PAIR_CHECKS) == 11
    assert PAIR_CHECKS.index(quantity_swap.check) < PAIR_CHECKS.index(number_change.check)


def test_several_changes_in_one_sentence_are_all_reported_once():
    c = S("d1", "Mayor Peter Lind did not sign the order on Thursday, residents claim.", 200)
    e = S("d0", "Mayor Anne Ross signed the order on Tuesday, police said.")
    p = pair(
        c.facts(
            entities=[c.ent("Peter Lind", role="Mayor")],
            negations=[c.neg()],
            times=[c.time("Thursday", relation="on")],
            attributions=[c.attr("residents", "claim", "claim")],
        ),
        e.facts(
            entities=[e.ent("Anne Ross", role="Mayor")],
            times=[e.time("Tuesday", relation="on")],
            attributions=[e.attr("police", "said")],
        ),
    )
    found = run_pair_checks(p)
    assert sorted(f.type for f in found) == [
        "attribution_change",
        "date_change",
        "entity_substitution",
        "negation",
    ]
    for f in found:
        assert f.type in FINDING_TYPES and f.severity in SEVERITY_ORDER
        assert 0.0 <= f.confidence <= 1.0
        assert f.claim.start == 200 and f.claim.text == c.sentence.text
        assert c.sentence.text[f.claim.span_start - 200 : f.claim.span_end - 200] == f.claim.span
        assert f.id == "" and f.introduced_by is None
        assert f.explanation.count(".") >= 1 and f.explanation.startswith("d1 ")


def test_same_text_ignores_whitespace_only():
    def sentence(text):
        return S("d", text).sentence

    assert same_text(sentence("Revenue rose 12%."), sentence("Revenue  rose\n12%."))
    assert not same_text(sentence("Revenue rose 12%."), sentence("revenue rose 12%."))
    assert not same_text(sentence("Revenue rose 12%."), sentence("Revenue rose 21%."))


def test_a_sentence_copied_word_for_word_changes_no_fact():
    """The parser may read the same words differently in another document; the facts it
    extracted then differ (here the count, misread in one of them), the sentence does not."""
    text = "Police arrested 12 people."
    c, e = S("d1", text, 100), S("d0", text)
    claim = c.facts(quantities=[c.qty("12", 12, "person")])
    assert run_pair_checks(pair(claim, e.facts(quantities=[e.qty("12", 21, "person")]))) == []
    other = S("d0", "Police arrested 21 people.")
    found = run_pair_checks(pair(claim, other.facts(quantities=[other.qty("21", 21, "person")])))
    assert [f.type for f in found] == ["number_change"]  # other words: checked
