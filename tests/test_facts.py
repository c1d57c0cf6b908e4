"""The extract-facts stage, one field at a time, on small made-up sentences."""

from __future__ import annotations

import pytest

from factdiff.facts import extract_facts, extract_sentence_facts
from factdiff.types import Mention, Sentence, SentenceFacts

PREFIX = "Intro line here. "  # every sentence sits after this, so offsets must be absolute


def facts_of(nlp, text: str) -> SentenceFacts:
    doc_text = PREFIX + text
    sentence = Sentence("d0", 1, len(PREFIX), len(doc_text), text)
    (facts,) = extract_facts([sentence], nlp)
    assert_offsets(facts, doc_text)
    return facts


def all_mentions(f: SentenceFacts) -> list[Mention]:
    out: list[Mention] = []
    for e in f.entities:
        out += [m for m in (e.mention, e.role, e.affiliation) if m is not None]
    for q in f.quantities:
        out += [m for m in (q.mention, q.hedge_mention) if m is not None]
    out += [t.mention for t in f.times]
    out += [*f.negations, *f.modals, *f.directions, *f.content]
    for a in f.attributions:
        out += [a.speaker, a.verb]
    for t in f.triples:
        out += [m for m in (t.subject, t.verb, t.object) if m is not None]
    return out


def assert_offsets(f: SentenceFacts, doc_text: str) -> None:
    s = f.sentence
    assert doc_text[s.start : s.end] == s.text
    for m in all_mentions(f):
        assert s.start <= m.start < m.end <= s.end, m
        assert doc_text[m.start : m.end] == m.text, m


def person(f: SentenceFacts, norm: str):
    return next(e for e in f.entities if e.mention.norm == norm)


# --------------------------------------------------------------------------- entities


def test_entity_with_title_before_name(nlp):
    f = facts_of(nlp, "Mayor Anne Ross signed the order.")
    ross = person(f, "anne ross")
    assert ross.mention.label == "PERSON"
    assert ross.role is not None and ross.role.norm == "mayor"


def test_role_and_affiliation_from_possessive(nlp):
    dahl = person(facts_of(nlp, "Norway's foreign minister Kari Dahl arrived."), "kari dahl")
    assert dahl.role.norm == "foreign minister"
    assert dahl.affiliation.norm == "norway"


def test_role_and_affiliation_from_apposition(nlp):
    dahl = person(facts_of(nlp, "Kari Dahl, foreign minister of Sweden, spoke."), "kari dahl")
    assert dahl.role.norm == "foreign minister"
    assert dahl.affiliation.norm == "sweden"


def test_demonym_affiliation_maps_to_country(nlp):
    f = facts_of(nlp, "Kari Dahl, the Norwegian foreign minister, spoke.")
    dahl = person(f, "kari dahl")
    assert (dahl.role.norm, dahl.affiliation.norm) == ("foreign minister", "norway")


def test_capitalised_title_and_title_of_organisation(nlp):
    dahl = person(facts_of(nlp, "Foreign Minister Kari Dahl spoke."), "kari dahl")
    assert dahl.role.norm == "foreign minister" and dahl.affiliation is None
    doe = person(facts_of(nlp, "CEO of Acme, John Doe, resigned."), "john doe")
    assert (doe.role.norm, doe.affiliation.norm) == ("ceo", "acme")


def test_title_beside_name_when_the_parse_splits_them(nlp):
    berg = person(
        facts_of(nlp, "Lund County's fire marshal Ada Berg is leading the inquiry."), "ada berg"
    )
    assert (berg.role.norm, berg.affiliation.norm) == ("fire marshal", "lund county")


def test_noun_before_name_is_not_always_a_role(nlp):
    f = facts_of(nlp, "No one was hurt, and in an interview Ada Berg said so.")
    assert person(f, "ada berg").role is None


def test_entity_norm_drops_possessive_and_article(nlp):
    f = facts_of(nlp, "Sweden's government met the United Nations in Oslo.")
    norms = {e.mention.norm for e in f.entities}
    assert "sweden" in norms and "oslo" in norms
    assert not any(n.startswith("the ") or n.endswith("'s") for n in norms)


# --------------------------------------------------------------------------- quantities


def test_hedged_count(nlp):
    (q,) = facts_of(nlp, "At least 12 people were hurt.").quantities
    assert (q.value, q.noun, q.hedge) == (12.0, "people", "at least")
    assert q.mention.text == "12" and q.hedge_mention.text == "At least"


def test_counts_keep_their_nouns(nlp):
    qs = facts_of(nlp, "Three men and two women were hurt.").quantities
    assert [(q.value, q.noun) for q in qs] == [(3.0, "man"), (2.0, "woman")]


@pytest.mark.parametrize(
    ("text", "value", "noun"),
    [
        ("The plan will cost $25 billion.", 25e9, "dollar"),
        ("Prices rose 40% last year.", 40.0, "percent"),
        ("The firm hired 1,200 workers.", 1200.0, "worker"),
        ("They found twenty-five boats.", 25.0, "boat"),
        ("The town spent 3.5 million euros.", 3.5e6, "euro"),
        ("A dozen houses burned.", 12.0, "house"),
        ("The dividend rose to $0.13 a share.", 0.13, "dollar"),
    ],
)
def test_number_values(nlp, text, value, noun):
    qs = [q for q in facts_of(nlp, text).quantities if q.mention.label != "ORDINAL"]
    assert len(qs) == 1, qs
    assert qs[0].value == pytest.approx(value)
    assert qs[0].noun == noun


def test_years_are_times_not_quantities(nlp):
    f = facts_of(nlp, "The bridge has been closed since 2015.")
    assert f.quantities == ()
    assert [t.norm for t in f.times] == ["2015"]
    f = facts_of(nlp, "The 1908 building burned and 2000 people left.")
    assert [t.norm for t in f.times] == ["1908"]
    assert [(q.value, q.noun) for q in f.quantities] == [(2000.0, "people")]


def test_durations_are_quantities_and_times(nlp):
    f = facts_of(nlp, "Crews fought the flames for almost six hours.")
    (q,) = f.quantities
    assert (q.mention.label, q.value, q.noun, q.hedge) == ("QUANTITY", 6.0, "hour", "nearly")
    assert len(f.times) == 1


def test_ordinals_are_labelled(nlp):
    qs = facts_of(nlp, "It was the third crash this year.").quantities
    assert [(q.mention.label, q.value) for q in qs] == [("ORDINAL", 3.0)]


def test_bare_number_mislabelled_as_date_is_a_quantity(nlp):
    f = facts_of(nlp, "Officials first said 40, then revised it down to 35.")
    assert [q.value for q in f.quantities] == [40.0, 35.0]
    assert f.times == ()


# --------------------------------------------------------------------------- times


@pytest.mark.parametrize(
    ("text", "norm", "relation"),
    [
        ("The bridge has been closed since 2015.", "2015", "since"),
        ("The bridge was closed in 2015.", "2015", "in"),
        ("The bridge was closed on Tuesday.", "tuesday", "on"),
        ("The bridge was closed the day after the fire.", "day after", "after"),
        ("The bridge was closed on the same day as the fire.", "same day", "same"),
        ("The bridge was closed two days later.", "two days later", "after"),
        ("It happened more than a dozen years ago.", "more than dozen years ago", "before"),
    ],
)
def test_time_relations(nlp, text, norm, relation):
    times = facts_of(nlp, text).times
    assert [(t.norm, t.relation) for t in times] == [(norm, relation)]


# --------------------------------------------------------------------------- polarity, modality


def test_negations(nlp):
    f = facts_of(nlp, "The mayor did not sign the order and never explained why.")
    assert [m.norm for m in f.negations] == ["not", "never"]
    f = facts_of(nlp, "The firm failed to pay and refused to comment.")
    assert [m.norm for m in f.negations] == ["fail", "refuse"]
    assert facts_of(nlp, "The mayor signed the order.").negations == ()
    assert [m.norm for m in facts_of(nlp, "No one was hurt.").negations] == ["nobody"]


def test_modals(nlp):
    assert [m.norm for m in facts_of(nlp, "The council may approve the plan.").modals] == [
        "possible"
    ]
    assert [m.norm for m in facts_of(nlp, "The council will approve the plan.").modals] == [
        "certain"
    ]
    f = facts_of(nlp, "The council is going to approve it and must pay, probably soon.")
    assert [m.norm for m in f.modals] == ["certain", "necessary", "possible"]
    assert facts_of(nlp, "The council approved the plan.").modals == ()


# --------------------------------------------------------------------------- attribution


def test_attribution_speaker_and_stance(nlp):
    (a,) = facts_of(nlp, "Police said 50 people were rescued.").attributions
    assert (a.speaker.norm, a.verb.norm, a.stance) == ("police", "say", "assert")
    (a,) = facts_of(nlp, "Residents claim 50 people were rescued.").attributions
    assert (a.speaker.norm, a.stance) == ("resident", "claim")
    (a,) = facts_of(nlp, "Kari Dahl denied the report.").attributions
    assert (a.speaker.norm, a.stance) == ("kari dahl", "deny")


def test_according_to(nlp):
    (a,) = facts_of(nlp, "Fifty people were rescued, according to the coast guard.").attributions
    assert a.verb.norm == "according to" and a.speaker.norm == "coast guard"


# --------------------------------------------------------------------------- directions


def test_directions(nlp):
    down = facts_of(nlp, "Officials first said 40, then revised it down to 35.").directions
    up = facts_of(nlp, "Officials first said 40, then increased it to 35.").directions
    assert [d.norm for d in down] == ["down"] and [d.norm for d in up] == ["up"]
    assert [d.norm for d in facts_of(nlp, "Protesters demanded more evictions.").directions] == [
        "up"
    ]
    ended = facts_of(nlp, "Protesters demanded an end to evictions.").directions
    assert [d.norm for d in ended] == ["down"]


def test_more_than_is_a_hedge_not_a_direction(nlp):
    f = facts_of(nlp, "More than 12 people were hurt.")
    assert f.directions == ()
    assert f.quantities[0].hedge == "more than"


def test_physical_sinking_is_not_a_direction(nlp):
    assert facts_of(nlp, "The ferry sank near the harbour.").directions == ()


# --------------------------------------------------------------------------- triples, content


def test_triples_see_a_subject_object_swap(nlp):
    (a,) = facts_of(nlp, "The ferry sank near the harbour.").triples
    (b,) = facts_of(nlp, "The harbour sank near the ferry.").triples
    assert (a.subject.norm, a.verb.norm, a.object.norm) == ("ferry", "sink", "harbour")
    assert (b.subject.norm, b.object.norm) == ("harbour", "ferry")


def test_passive_with_agent_reads_as_active(nlp):
    (t,) = facts_of(nlp, "Fifty people were rescued by police.").triples
    assert (t.subject.norm, t.verb.norm, t.object.norm) == ("police", "rescue", "people")


def test_negated_triple(nlp):
    (t,) = facts_of(nlp, "The council did not approve the plan.").triples
    assert t.negated and t.object.norm == "plan"


def test_content_words(nlp):
    f = facts_of(nlp, "Protesters demanded an end to evictions.")
    assert [(m.norm, m.label) for m in f.content] == [
        ("protester", "NOUN"),
        ("demand", "VERB"),
        ("end", "NOUN"),
        ("eviction", "NOUN"),
    ]


# --------------------------------------------------------------------------- the stage


def test_extract_facts_keeps_order_and_offsets(nlp):
    texts = [
        "Mayor Anne Ross signed the order on Tuesday.",
        "At least 12 people were hurt, police said.",
        "",
        "  The council may approve the plan.",
        "Kari Dahl \u2019s aide didn\u2019t say it, according to NRK \u2014 twice.",
    ]
    doc_text = ""
    sentences = []
    for i, text in enumerate(texts):
        start = len(doc_text)
        doc_text += text + "\n"
        sentences.append(Sentence("d0", i, start, start + len(text), text))
    facts = extract_facts(sentences, nlp, batch_size=2)
    assert [f.sentence for f in facts] == sentences
    for f in facts:
        assert_offsets(f, doc_text)
    assert facts[2].content == ()
    assert extract_facts([], nlp) == ()


def test_pure_per_sentence_function(nlp):
    sentence = Sentence("d1", 0, 100, 129, "Three men and two women died.")
    f = extract_sentence_facts(nlp(sentence.text), sentence)
    assert f.sentence == sentence
    assert f.quantities[0].mention.start == 100


def test_bad_batch_size(nlp):
    with pytest.raises(ValueError, match="batch_size"):
        extract_facts([], nlp, batch_size=0)


# --------------------------------------------------------------------------- title case


def test_title_case_detection_and_recasing():
    from factdiff.facts.truecase import is_title_case, truecase, word_forms

    assert is_title_case("Gale Rips Through Historic Lake Varden Boat Yard")
    assert is_title_case("GALE RIPS THROUGH BOAT YARD")
    assert not is_title_case("Mayor Anne Ross visited Lake Varden on Monday.")
    assert not is_title_case("Gale Hits")  # too short to tell a style from names
    forms = word_forms(
        ["Gale Rips Through Boat Yard", "A gale hit the boat yard at Lake Varden on Monday."]
    )
    assert forms["lake"] == "Lake" and forms["yard"] == "yard" and "rips" not in forms
    title = "Gale Rips Through Historic Lake Varden Boat Yard, NHS Says"
    cased = truecase(title, forms)
    assert cased == "Gale rips through historic Lake Varden boat yard, NHS says"
    assert len(cased) == len(title)


def test_title_case_headline_is_read_sentence_cased(nlp):
    doc_text = (
        "Gale Rips Through Historic Lake Varden Boat Yard\n"
        "A gale ripped through the historic boat yard at Lake Varden on Monday."
    )
    head, body = doc_text.split("\n")
    sentences = [
        Sentence("d0", 0, 0, len(head), head),
        Sentence("d0", 1, len(head) + 1, len(doc_text), body),
    ]
    facts = extract_facts(sentences, nlp)
    for f in facts:
        assert_offsets(f, doc_text)  # mentions quote the text as written, not the re-cased copy
    names = {e.mention.norm for e in facts[0].entities}
    assert names <= {"lake varden"}, names
    assert any(m.text == "Yard" for m in facts[0].content)
