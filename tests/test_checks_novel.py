"""Name words and numbers the source never uses (checks/novel.py) and what reports them."""

from __future__ import annotations

from checks_builders import S, pair, plain
from factdiff.checks import claim_reversal, run_pair_checks, unsupported_addition
from factdiff.checks.novel import novel_names, novel_numbers, source_keys
from factdiff.lexicon import load_antonyms


def _names(claim: str, *source: str) -> list[str]:
    keys = source_keys([plain("d0", t) for t in source])
    return [m.text for m in novel_names(plain("d1", claim), keys)]


def _numbers(claim: str, *source: str) -> list[str]:
    return [m.text for m in novel_numbers(plain("d1", claim), [plain("d0", t) for t in source])]


def test_new_name_word_is_found_even_beside_a_shared_word():
    src = "The start-up Quill Media raised money from two funds."
    assert _names("The start-up Brisk Media raised money from two funds.", src) == ["Brisk"]
    assert _names("The start-up Quill Media raised money from two funds.", src) == []


def test_known_forms_of_a_name_word_are_not_new():
    src = "Officials in Norway and the U.K. met the Harbour Authority's chiefs."
    assert _names("The Norwegian officials met UK harbour chiefs.", src) == []
    assert _names("Britain's officials met the Harbour Authorities.", src) == []
    # a part of a hyphenated source word, and a capitalised first word, are not new
    assert _names("Quill said the Anglo side won.", "the Anglo-Dutch side, quill said") == []


def test_title_case_and_sentence_starts_are_not_names():
    src = "the ferry sank near the old pier."
    assert _names("Ferry Sinks Near Old Pier In Storm", src) == []
    assert _names('Witnesses said: "Ferry sank."', src) == []


def test_new_acronym_is_a_name():
    assert _names("The QZR team won.", "The team won.") == ["QZR"]


def test_numbers_in_any_spelling_are_known():
    src = "The town spent $5bn on 1,000 new homes over three years."
    assert _numbers("It spent 5 billion dollars on 1000 homes in 3 years.", src) == []
    assert _numbers("It spent $6bn on 1,000 homes.", src) == ["6"]
    assert _numbers("The four-year plan", "The three-year plan") == ["four"]


def test_number_unit_compound_with_another_unit_is_new():
    assert _numbers("the one-month anniversary", "the one-year anniversary") == ["one-month"]
    assert _numbers("the one-year anniversary", "one year after the anniversary") == []


def test_new_name_in_aligned_sentence_is_reported_medium():
    claim = plain("d1", "The start-up Brisk Media raised money on Monday.")
    ev = plain("d0", "The start-up Quill Media raised money on Monday.")
    found = unsupported_addition.check(pair(claim, ev))
    assert [(f.type, f.severity, f.claim.span) for f in found] == [
        ("unsupported_addition", "medium", "Brisk")
    ]


def test_novel_name_in_a_fuzzily_matching_entity_is_a_substitution():
    c = S("d1", "Shares of Brisk Media fell.")
    e = S("d0", "Shares of Quill Media fell.")
    p = pair(
        c.facts(entities=[c.ent("Brisk Media", "ORG")]),
        e.facts(entities=[e.ent("Quill Media", "ORG")]),
    )
    found = run_pair_checks(p)
    assert [(f.type, f.severity) for f in found] == [("entity_substitution", "high")]


def test_antonym_table_loads_both_ways():
    table = load_antonyms()
    assert "old" in table["new"] and "new" in table["old"]


def test_wordnet_antonym_is_a_reversal():
    claim = plain("d1", "The club opened an old stadium in the north.")
    ev = plain("d0", "The club opened a new stadium in the north.")
    found = claim_reversal.check(pair(claim, ev))
    assert [(f.type, f.claim.span, f.evidence[0].span) for f in found] == [
        ("claim_reversal", "old", "new")
    ]
    # both words on the source side, or the claim negating its word, is no reversal
    both = plain("d0", "The club replaced an old stadium with a new stadium in the north.")
    assert claim_reversal.check(pair(claim, both)) == []
    negated = plain("d1", "The club opened a stadium that is not old in the north.")
    assert claim_reversal.check(pair(negated, ev)) == []


def test_hyphenated_name_words_count_by_their_capitalised_parts():
    src = "The Brix-based quiz and the ECG-PQR trace were shown."
    assert _names("A new Brix-related quiz was shown.", src) == []
    assert _names("The ECG-XYZ trace was shown.", src) == ["ECG-XYZ"]


def test_new_word_in_a_copied_sentence_is_shown_not_counted():
    text = (
        "The county court acquitted the former harbour master of all charges after a long "
        "trial in the northern town."
    )
    src = text.replace("acquitted", "convicted")
    found = unsupported_addition.check(pair(plain("d1", text), plain("d0", src)))
    assert [(f.type, f.severity, f.claim.span) for f in found] == [
        ("unsupported_addition", "info", "acquitted")
    ]
    # a short or loosely copied sentence is a paraphrase: no finding
    assert (
        unsupported_addition.check(
            pair(plain("d1", "The court acquitted him."), plain("d0", "The court convicted him."))
        )
        == []
    )
    # a reporting verb is style, not a changed fact
    c = S("d1", text.replace("acquitted", "stated it cleared"))
    e = plain("d0", text.replace("acquitted", "said it cleared"))
    claim = c.facts(attributions=[c.attr("The county court", "stated")])
    assert unsupported_addition.check(pair(claim, e)) == []


def test_wordnet_antonym_of_another_part_of_speech_is_no_reversal():
    c = S("d1", "Officials are raising the dam this year.")
    e = S("d0", "Officials check the dam level this year.")
    claim = c.facts(content=[c.m("raising", "VERB", "raise")])
    ev = e.facts(content=[e.m("level", "NOUN", "level")])
    assert claim_reversal.check(pair(claim, ev)) == []
    ev = e.facts(content=[e.m("level", "VERB", "level")])
    assert [f.claim.span for f in claim_reversal.check(pair(claim, ev))] == ["raising"]
