"""The pair runner: registry order, de-duplication, and the Finding contract."""

from __future__ import annotations

from checks_builders import S, pair
from factdiff.checks import PAIR_CHECKS, number_change, quantity_swap, run_pair_checks
from factdiff.types import FINDING_TYPES, SEVERITY_ORDER


def test_registry_is_an_explicit_ordered_tuple():
    assert isinstance(PAIR_CHECKS, tuple) and len(PAIR_CHECKS) == 11
    assert PAIR_CHECKS.index(quantity_swap.check) < PAIR_CHECKS.index(number_change.check)


def test_several_changes_in_one_sentence_are_all_reported_once():
    c = S("d1", "Mayor Peter Lind did not sign the order on Thursday, police claim.", 200)
    e = S("d0", "Mayor Anne Ross signed the order on Tuesday, police said.")
    p = pair(
        c.facts(
            entities=[c.ent("Peter Lind", role="Mayor")],
            negations=[c.neg()],
            times=[c.time("Thursday", relation="on")],
            attributions=[c.attr("police", "claim", "claim")],
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
