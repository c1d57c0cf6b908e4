"""The perturbation engine: every change type, faithful controls, spans, determinism, CLI."""

from __future__ import annotations

import json
import random

import pytest

from factdiff.errors import InputError
from factdiff.perturb import ALL_TYPES, CHANGE_TYPES, FAITHFUL_TYPES, cli_perturb, perturb_text
from factdiff.perturb.controls import detail_dropped
from factdiff.perturb.edits import apply_edit
from factdiff.perturb.engine import candidate_edits

TEXT = (
    "On Tuesday, Norway's foreign minister Kari Dahl said at least 12 people were hurt in "
    "Bergen. Police said three men and two women were rescued from the ferry. "
    "The ferry sank near the harbour. "
    "The council may approve the plan, according to Mayor Anne Ross. "
    "Residents bought 1,200 tickets in 2015. Prices rose sharply. "
    "Officials did not release the list. "
    "Maria Lopez, a nurse at the clinic, said the ward was full."
)


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def changes(doc, change_type: str) -> set[tuple[str, str]]:
    """(original words, new words) of every candidate edit of one type."""
    edits = candidate_edits(doc, random.Random(0), [change_type])[change_type]
    return {(doc.text[e.start : e.end], e.new) for e in edits}


@pytest.mark.parametrize("change_type", ALL_TYPES)
def test_every_type_gives_a_well_formed_copy(nlp, change_type):
    out = perturb_text(TEXT, nlp, random.Random(3), 5, types=[change_type])
    assert out, f"no {change_type} edit found"
    for p in out:
        assert p.change_type == change_type
        assert p.label == (1 if change_type in FAITHFUL_TYPES else 0)
        assert p.rewrite != p.source
        # Outside the span, the rewrite is the source unchanged.
        assert p.rewrite[: p.span_start] == p.source[: p.span_start]
        tail = len(p.rewrite) - p.span_end
        assert p.rewrite[p.span_end :] == p.source[len(p.source) - tail :]
        assert p.source[p.span_start : p.span_start + len(p.original_span)] == p.original_span
        # The changed sentence contains the span, in both texts.
        assert p.sentence_start <= p.span_start <= p.span_end <= p.sentence_end
        assert p.original_span in p.source_sentence


def test_entity_substitution(doc):
    got = changes(doc, "entity_substitution")
    olds = {o for o, _ in got}
    assert {"Kari Dahl", "Anne Ross", "Bergen"} <= olds
    for old, new in got:
        assert not set(old.lower().split()) & set(new.lower().split())


def test_role_change(doc):
    got = changes(doc, "role_change")
    olds = {o for o, _ in got}
    assert "foreign minister" in olds or "Norway" in olds
    assert all(o != n for o, n in got)


def test_number_change(doc):
    got = dict(changes(doc, "number_change"))
    assert "12" in got and got["12"] != "12" and got["12"].isdigit()
    assert "1,200" in got and "," in got["1,200"]
    assert "2015" not in got  # a year belongs to date_change


def test_hedge_change_drops_and_adds(doc):
    got = changes(doc, "hedge_change")
    assert ("at least 12", "12") in got
    assert any(new.endswith("1,200") and new != "1,200" for old, new in got if old == "1,200")


def test_quantity_swap(doc):
    assert ("three men and two", "two men and three") in changes(doc, "quantity_swap")


def test_date_change(doc):
    got = changes(doc, "date_change")
    olds = {o for o, _ in got}
    assert {"Tuesday", "2015"} <= olds
    assert all(n != o for o, n in got)


def test_negation_removed_and_inserted(doc):
    got = changes(doc, "negation")
    assert ("did not", "did") in got
    assert any("not" in new and "not" not in old for old, new in got)


def test_antonym_swap(doc):
    assert ("rose", "fell") in changes(doc, "antonym_swap")


def test_attribution_change(doc):
    got = changes(doc, "attribution_change")
    olds = {o for o, _ in got}
    assert "Police" in olds or "Mayor Anne Ross" in olds
    assert all(o.lower() != n.lower() for o, n in got)


def test_subject_object_swap(doc):
    got = changes(doc, "subject_object_swap")
    assert ("The ferry sank near the harbour", "The harbour sank near the ferry") in got


def test_modality_change(doc):
    assert ("may", "will") in changes(doc, "modality_change")


def test_unsupported_addition(doc):
    got = changes(doc, "unsupported_addition")
    assert got
    for old, new in got:
        assert old in new and len(new) > len(old)


def test_sentence_reorder_keeps_every_sentence(doc):
    for old, new in changes(doc, "sentence_reorder"):
        assert sorted(old.split(". ")) != old.split(". ") or old != new
        assert sorted(old.replace(".", "").split()) == sorted(new.replace(".", "").split())


def test_clause_reorder(doc):
    got = changes(doc, "clause_reorder")
    assert any(new.endswith("on Tuesday.") and old.startswith("On Tuesday,") for old, new in got)


def test_synonym_rewording_keeps_numbers(doc):
    got = changes(doc, "synonym_rewording")
    assert got
    for old, new in got:
        assert [w for w in old.split() if w[0].isdigit()] == [
            w for w in new.split() if w[0].isdigit()
        ]


def test_detail_dropped_keeps_the_claim_and_its_speaker(nlp):
    doc = nlp(
        "Maria Lopez, a nurse at the clinic, said the ward, which opened in 2019, was full. "
        "The council may approve the plan, according to Mayor Anne Ross."
    )
    got = {doc.text[e.start : e.end] for e in detail_dropped(doc, None, random.Random(0))}
    assert got == {", a nurse at the clinic, ", ", which opened in 2019, "}


def test_deterministic_given_seed(nlp):
    a = perturb_text(TEXT, nlp, random.Random(7), 12)
    b = perturb_text(TEXT, nlp, random.Random(7), 12)
    assert a == b
    assert len(a) == 12
    assert len({p.change_type for p in a}) >= 8  # types take turns


def test_no_edit_when_nothing_to_change(nlp):
    assert perturb_text("Hello.", nlp, random.Random(0), 5, types=list(CHANGE_TYPES)) == []


def test_unknown_type_is_refused(nlp):
    with pytest.raises(ValueError, match="unknown change type"):
        perturb_text(TEXT, nlp, random.Random(0), 1, types=["teleport"])


def test_apply_edit_span_offsets(doc):
    edit = candidate_edits(doc, random.Random(0), ["antonym_swap"])["antonym_swap"][0]
    p = apply_edit(doc.text, edit, 0)
    assert p.span == edit.new
    assert p.rewrite_sentence.startswith(p.source_sentence[:3])


def test_cli_perturb_writes_jsonl(tmp_path):
    src = tmp_path / "story.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    count = cli_perturb(src, 6, out, seed=1)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert count == len(rows) == 6
    for row in rows:
        assert row["rewrite"][row["span_start"] : row["span_end"]] or row["original_span"]
        assert row["label"] in (0, 1) and row["change_type"] in ALL_TYPES


def test_cli_perturb_bad_input(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError):
        cli_perturb(empty, 3, None)
    with pytest.raises(InputError):
        cli_perturb(tmp_path / "missing.txt", 3, None)
    with pytest.raises(InputError):
        cli_perturb(empty, 0, None)
