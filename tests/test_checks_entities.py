"""entity_substitution, role_change and name matching."""

from __future__ import annotations

import pytest

from checks_builders import S, pair, plain
from factdiff.checks import entity_substitution, role_change, run_pair_checks
from factdiff.checks._common import names_match


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ross", "Anne Ross"),
        ("U.S.", "United States"),
        ("the UN", "United Nations"),
        ("Britain", "United Kingdom"),
        ("Zelenskyy", "Zelensky"),
        ("Acme Corp's", "acme corp"),
    ],
)
def test_names_that_match(a, b):
    assert names_match(a, b)


@pytest.mark.parametrize(
    ("a", "b"), [("Anne Ross", "Peter Lind"), ("Peter Lind", "Peter Lindqvist"), ("Oslo", "Bergen")]
)
def test_names_that_differ(a, b):
    assert not names_match(a, b)


def test_demonym_only_when_asked():
    assert names_match("Norway", "Norwegian", demonym=True)
    assert not names_match("Norway", "Norwegian")
    assert not names_match("Austria", "Australia", demonym=True)


def _mayor(doc, name, start=0):
    s = S(doc, f"Mayor {name} signed the order.", start)
    return s.facts(entities=[s.ent(name, role="Mayor")])


def test_entity_substitution_found():
    found = entity_substitution.check(
        pair(_mayor("d1", "Peter Lind", 40), _mayor("d0", "Anne Ross"))
    )
    assert len(found) == 1
    f = found[0]
    assert (f.type, f.severity) == ("entity_substitution", "high")
    assert f.claim.span == "Peter Lind" and f.claim.span_start == 46
    assert f.claim.text[f.claim.span_start - f.claim.start :].startswith("Peter Lind")
    assert f.evidence[0].span == "Anne Ross"
    assert f.explanation == "d1 names Peter Lind where d0 names Anne Ross as mayor."
    assert f.id == "" and f.introduced_by is None


def test_shortened_or_abbreviated_name_is_not_a_substitution():
    assert entity_substitution.check(pair(_mayor("d1", "Ross"), _mayor("d0", "Anne Ross"))) == []
    a = S("d1", "The U.S. sent aid.")
    b = S("d0", "The United States sent aid.")
    p = pair(
        a.facts(entities=[a.ent("U.S.", "GPE")]), b.facts(entities=[b.ent("United States", "GPE")])
    )
    assert run_pair_checks(p) == []


def test_name_found_elsewhere_in_source_is_not_a_substitution_in_paraphrase():
    claim = _mayor("d1", "Peter Lind")
    ctx = S("d0", "Peter Lind attended.", 100, 1)
    context = (_mayor("d0", "Anne Ross"), ctx.facts(entities=[ctx.ent("Peter Lind")]))
    p = pair(claim, context[0], relation="paraphrase", similarity=0.7, context=context)
    assert entity_substitution.check(p) == []


def test_confidence_is_higher_for_near_verbatim():
    near = entity_substitution.check(pair(_mayor("d1", "Peter Lind"), _mayor("d0", "Anne Ross")))
    loose = entity_substitution.check(
        pair(
            _mayor("d1", "Peter Lind"),
            _mayor("d0", "Anne Ross"),
            relation="paraphrase",
            similarity=0.6,
        )
    )
    assert 0 < loose[0].confidence < near[0].confidence <= 1


def test_entity_checks_tolerate_empty_facts():
    p = pair(plain("d1", "Something happened."), plain("d0", "Something else happened."))
    assert entity_substitution.check(p) == [] and role_change.check(p) == []


def test_role_change_affiliation():
    a = S("d0", "Norway's foreign minister Kari Dahl arrived.")
    b = S("d1", "Kari Dahl, foreign minister of Sweden, arrived.")
    p = pair(
        b.facts(entities=[b.ent("Kari Dahl", role="foreign minister", aff="Sweden")]),
        a.facts(entities=[a.ent("Kari Dahl", role="foreign minister", aff="Norway")]),
        relation="paraphrase",
        similarity=0.8,
    )
    found = role_change.check(p)
    assert len(found) == 1 and found[0].type == "role_change" and found[0].severity == "high"
    assert found[0].claim.span == "Sweden" and found[0].evidence[0].span == "Norway"
    assert "Kari Dahl" in found[0].explanation


def test_role_paraphrases_are_not_role_changes():
    a = S("d0", "Norway's foreign minister Kari Dahl arrived.")
    b = S("d1", "Norwegian minister Kari Dahl arrived.")
    p = pair(
        b.facts(entities=[b.ent("Kari Dahl", role="minister", aff="Norwegian")]),
        a.facts(entities=[a.ent("Kari Dahl", role="foreign minister", aff="Norway")]),
    )
    assert role_change.check(p) == []


def test_rank_word_is_a_role_change():
    a = S("d0", "Deputy mayor Kari Dahl spoke.")
    b = S("d1", "Mayor Kari Dahl spoke.")
    p = pair(
        b.facts(entities=[b.ent("Kari Dahl", role="Mayor")]),
        a.facts(entities=[a.ent("Kari Dahl", role="Deputy mayor")]),
    )
    assert [f.type for f in role_change.check(p)] == ["role_change"]


def test_role_taken_from_context_sentence():
    c = S("d1", "Mayor Peter Lind signed the order.")
    e = S("d0", "The order was signed on Monday.")
    other = S("d0", "Council member Peter Lind agreed.", 50, 1)
    other_f = other.facts(entities=[other.ent("Peter Lind", role="Council member")])
    p = pair(
        c.facts(entities=[c.ent("Peter Lind", role="Mayor")]),
        e.facts(),
        relation="paraphrase",
        similarity=0.7,
        context=(e.facts(), other_f),
    )
    found = run_pair_checks(p)
    assert [f.type for f in found] == ["role_change"]
    assert found[0].evidence[0].start == 50


def test_substituted_person_known_elsewhere_is_one_finding():
    claim = _mayor("d1", "Peter Lind")
    other = S("d0", "Council member Peter Lind agreed.", 50, 1)
    other_f = other.facts(entities=[other.ent("Peter Lind", role="Council member")])
    p = pair(claim, _mayor("d0", "Anne Ross"), context=(_mayor("d0", "Anne Ross"), other_f))
    assert [f.type for f in run_pair_checks(p)] == ["entity_substitution"]
