"""Loaders: every benchmark format becomes EvalRow records; bad rows are counted, not raised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdiff.errors import InputError
from factdiff.eval.datasets import (
    load_dataset,
    load_frank,
    load_nli,
    load_summac,
    load_summedits,
)


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def summedits_row(**kw) -> str:
    row = {
        "id": "news_1",
        "doc": "Mayor Anne Ross signed the order on Tuesday.",
        "summary": "Anne Ross signed the order.",
        "label": 1,
        "edit_types": [],
        "domain": "news",
    }
    row.update(kw)
    return json.dumps(row)


def test_summedits_rows_and_bad_rows(tmp_path):
    path = write_lines(
        tmp_path / "se.jsonl",
        [
            summedits_row(),
            summedits_row(id="podcast_2", label=0, domain="podcast", edit_types=["negation"]),
            summedits_row(id="news_3", summary="   "),  # empty text
            summedits_row(id="news_4", label="yes"),  # wrong label type
            summedits_row(id="news_5", label=True),  # a bool is not a label
            '{"id": "news_6", "doc": "broken',  # unparsable JSON line
            "[1, 2]",  # not an object
            json.dumps({"id": "news_7", "summary": "x", "label": 0}),  # no doc
            "",
        ],
    )
    rows, n_bad = load_summedits(path)
    assert n_bad == 6
    assert [r.id for r in rows] == ["news_1", "podcast_2"]
    assert rows[0].label == 1 and rows[0].group == "news"
    assert rows[0].source.startswith("Mayor Anne Ross")
    assert rows[1].label == 0 and rows[1].group == "podcast"
    assert rows[1].meta["error_types"] == ("negation",)


def test_summedits_group_from_id_when_domain_missing(tmp_path):
    row = json.loads(summedits_row(id="samsum_9"))
    del row["domain"]
    rows, n_bad = load_summedits(write_lines(tmp_path / "se.jsonl", [json.dumps(row)]))
    assert n_bad == 0 and rows[0].group == "samsum"


def test_frank_labels_origin_and_error_types(tmp_path):
    base = {
        "hash": "abc",
        "model_name": "bart",
        "dataset": "cnndm",
        "article": "The ferry sank near the harbour on Monday.",
        "summary": "the ferry sank on monday.",
        "Factuality": 1.0,
    }
    errors_none = dict.fromkeys(["RelE", "EntE", "CircE", "OutE", "GramE", "CorefE", "LinkE"], 1.0)
    ok = {**base, **errors_none, "Other": 1.0}
    wrong = {
        **base,
        **errors_none,
        "Other": 1.0,
        "model_name": "pgn",
        "dataset": "bbc",
        "Factuality": 0.5,
        "EntE": 0.0,
        "CircE": 0.5,
    }
    no_score = {**base, "Factuality": None}
    rows, n_bad = load_frank(
        write_lines(tmp_path / "f.jsonl", [json.dumps(ok), json.dumps(wrong), json.dumps(no_score)])
    )
    assert n_bad == 1
    assert [r.label for r in rows] == [1, 0]
    assert [r.group for r in rows] == ["cnndm", "xsum"]
    assert rows[0].id == "abc:bart" and rows[1].id == "abc:pgn"
    assert rows[0].meta["error_types"] == ()
    assert rows[1].meta["error_types"] == ("EntE", "CircE")
    assert rows[1].meta["OtherE"] == 1.0  # the file's "Other" is reported as OtherE


def test_summac_dir_groups_by_file(tmp_path):
    (tmp_path / "alpha.json").write_text(
        json.dumps(
            {
                "alpha_0": {"document": "Kari Dahl won.", "claim": "Kari Dahl won.", "label": 1},
                "alpha_1": {"document": "Kari Dahl won.", "claim": "Kari lost.", "label": 0},
                "alpha_2": {"document": "Kari Dahl won.", "claim": "", "label": 0},
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "beta.json").write_text(
        json.dumps(
            {
                "beta_0": {
                    "document": "Rain fell.",
                    "claim": "Snow fell.",
                    "label": 0,
                    "errors": ["Inaccuracy", "Addition", "Inaccuracy"],
                }
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    rows, n_bad = load_summac(tmp_path)
    assert n_bad == 1
    assert [(r.id, r.group, r.label) for r in rows] == [
        ("alpha:alpha_0", "alpha", 1),
        ("alpha:alpha_1", "alpha", 0),
        ("beta:beta_0", "beta", 0),
    ]
    assert rows[2].meta["error_types"] == ("Addition", "Inaccuracy")
    one, _ = load_summac(tmp_path / "beta.json")
    assert len(one) == 1


def test_nli_tsv(tmp_path):
    path = tmp_path / "docnli_dev.tsv"
    path.write_text(
        "entailment\tA dog ran home.\tAn animal ran.\n"
        "not_entailment\tA dog ran home.\tA cat ran.\n"
        "maybe\tA dog ran.\tA dog.\n"  # unknown label
        "entailment\tonly two fields\n"
        "entailment\t\tempty premise\n",
        encoding="utf-8",
    )
    rows, n_bad = load_nli(path)
    assert n_bad == 3
    assert [(r.label, r.group) for r in rows] == [(1, "entailment"), (0, "not_entailment")]
    assert rows[0].source == "A dog ran home." and rows[0].rewrite == "An animal ran."


def test_nli_snli_and_vitaminc(tmp_path):
    snli = write_lines(
        tmp_path / "snli.jsonl",
        [
            json.dumps({"gold_label": g, "sentence1": "A man sings.", "sentence2": "He sings."})
            for g in ("entailment", "neutral", "contradiction", "-")
        ],
    )
    rows, n_bad = load_nli(snli)
    assert n_bad == 1  # '-' = annotators did not agree
    assert [r.label for r in rows] == [1, 0, 0]
    assert [r.group for r in rows] == ["entailment", "neutral", "contradiction"]
    vit = write_lines(
        tmp_path / "vitaminc.jsonl",
        [
            json.dumps({"claim": "Sales rose.", "evidence": "Sales rose by 4%.", "label": lab})
            for lab in ("SUPPORTS", "refutes", "NOT ENOUGH INFO")
        ],
    )
    rows, n_bad = load_nli(vit)
    assert n_bad == 0
    assert [r.label for r in rows] == [1, 0, 0]
    assert rows[0].source == "Sales rose by 4%." and rows[0].rewrite == "Sales rose."
    assert rows[2].group == "not_enough_info"


def test_dispatcher_and_user_errors(tmp_path):
    path = write_lines(tmp_path / "se.jsonl", [summedits_row()])
    rows, n_bad = load_dataset("SummEdits", path)
    assert len(rows) == 1 and n_bad == 0
    with pytest.raises(InputError) as err:
        load_dataset("nope", path)
    assert err.value.code == "eval_unknown_dataset"
    with pytest.raises(InputError) as err:
        load_dataset("frank", tmp_path / "missing.jsonl")
    assert err.value.code == "eval_missing_file"


def test_real_summedits_first_rows(shared_data):
    path = shared_data / "summedits" / "summedits_dev.jsonl"
    if not path.is_file():
        pytest.skip("summedits_dev.jsonl is absent")
    rows, n_bad = load_summedits(path)
    assert n_bad == 0 and len(rows) == 986
    first = rows[:20]
    assert all(r.source and r.rewrite and r.label in (0, 1) for r in first)
    assert {r.group for r in rows} >= {"news", "podcast", "samsum"}
