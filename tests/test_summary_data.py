"""Stage-2 training pairs from summary dev sets (training/summary_data.py) and cross-fitting."""

from __future__ import annotations

import json

import pytest

from factdiff.eval.datasets import EvalRow, load_summedits
from factdiff.eval.runner import crossfit_score_fn
from factdiff.segment import make_sentence_splitter
from factdiff.training.summary_data import (
    best_window,
    fold_of,
    labelled_sentences,
    local_passage,
    summary_pairs,
)

SOURCE = (
    "The harbour council met on Tuesday. It voted to close the north pier for repairs. "
    "The repairs will cost 40,000 euros. Fishing boats will moor at the south pier. "
    "The mayor said the work would take six weeks. Residents asked for a public meeting. "
    "The council agreed to hold one in March. A ferry timetable will be published. "
    "The harbour master welcomed the decision. Tourism officials were not consulted. "
    "The pier was built in 1952."
)
SEED = "The council closed the north pier for repairs. The work will take six weeks."


@pytest.fixture(scope="module")
def splitter():
    return make_sentence_splitter()


def row(summary: str, label: int, original: str = "", group: str = "news") -> EvalRow:
    meta = {"original_summary": original} if original else {}
    return EvalRow("r", SOURCE, summary, label, group, meta)


def test_fold_ignores_case_and_spacing_and_is_stable():
    assert fold_of(SOURCE) == fold_of("  " + SOURCE.upper().replace(" ", "\n "))
    assert fold_of(SOURCE) in (0, 1)
    # Different documents spread over both folds.
    assert {fold_of(f"document number {i}") for i in range(20)} == {0, 1}


def test_summedits_edit_is_the_sentence_missing_from_the_seed(splitter):
    edited = "The council closed the south pier for repairs. The work will take six weeks."
    got = labelled_sentences(row(edited, 0, SEED), splitter)
    assert got == [
        ("The council closed the south pier for repairs.", 0),
        ("The work will take six weeks.", 1),
    ]


def test_consistent_summary_labels_every_sentence(splitter):
    got = labelled_sentences(row(SEED, 1), splitter)
    assert [label for _, label in got] == [1, 1]


def test_unknown_bad_sentence_is_skipped(splitter):
    # Inconsistent, several sentences, no seed: which sentence is wrong is unknown.
    assert labelled_sentences(row(SEED, 0), splitter) == []
    # A single sentence carries the summary's label.
    assert labelled_sentences(row("The pier was built in 1925.", 0), splitter) == [
        ("The pier was built in 1925.", 0)
    ]
    # Edited summary identical to its seed: nothing to learn from.
    assert labelled_sentences(row(SEED, 0, SEED), splitter) == []


def test_premises_hold_the_evidence(splitter):
    source = [s.strip() for s in SOURCE.split(". ")]
    claim = "Repairs to the north pier will cost 40,000 euros."
    passage = local_passage(claim, source)
    assert "40,000 euros" in passage and "north pier" in passage
    window = best_window("The pier dates from 1952 and the harbour master welcomed it.", source)
    assert "1952" in window and "harbour master" in window


def test_pairs_skip_the_excluded_fold_and_deduplicate(splitter):
    rows = [row(SEED, 1), row(SEED, 1), row("The pier was built in 1925.", 0)]
    pairs = summary_pairs(rows, splitter, exclude_fold=None, seed=1)
    assert sorted(p.label for p in pairs) == [0, 1, 1]  # the repeated summary counted once
    assert all(p.source == "sum:news" for p in pairs)
    assert summary_pairs(rows, splitter, exclude_fold=fold_of(SOURCE), seed=1) == []


def test_summedits_loader_keeps_the_seed_summary(tmp_path):
    path = tmp_path / "se.jsonl"
    record = {"id": "news_1", "doc": SOURCE, "summary": "x.", "original_summary": SEED}
    path.write_text(json.dumps({**record, "label": 0, "domain": "news"}) + "\n")
    rows, bad = load_summedits(path)
    assert bad == 0 and rows[0].meta["original_summary"] == SEED


def test_crossfit_sends_each_row_to_the_model_that_never_saw_it():
    calls = []

    def fold_fn(k):
        return lambda source, rewrite: calls.append((k, source)) or k

    score = crossfit_score_fn([fold_fn(0), fold_fn(1)])
    docs = [f"document number {i}" for i in range(10)]
    for d in docs:
        assert score(d, "summary") == fold_of(d)
    assert calls == [(fold_of(d), d) for d in docs]
