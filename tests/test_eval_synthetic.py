"""The synthetic eval set: the "perturb" loader reads what the perturbation engine writes, and
scripts/make_synthetic.py writes a set that loader accepts."""

from __future__ import annotations

import importlib.util
import json
import random
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from factdiff.eval.datasets import DATASET_NAMES, load_dataset, load_perturb
from factdiff.eval.runner import run_eval
from factdiff.perturb import CHANGE_TYPES, FAITHFUL_TYPES, Perturbation, perturb_text

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_synthetic.py"

# Self-written, with numbers, a date, names, attribution and several sentences, so the engine
# finds both fact changes and faithful controls in it.
TEXT = (
    "Mayor Anne Ross announced on Tuesday that the city will hire 40 new teachers in 2024. "
    "The council approved the plan by a vote of 7 to 2, said spokesman Tom Hale. "
    "According to the budget office, the program will cost about $3 million, and it may "
    "expand next year. Ross did not expect strong opposition from the teachers' union."
)


@pytest.fixture(scope="module")
def make_synthetic():
    spec = importlib.util.spec_from_file_location("make_synthetic", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_jsonl(path: Path, records: list) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(**kw) -> dict:
    base = {
        "source": "Anne Ross hired 40 teachers.",
        "rewrite": "Anne Ross hired 45 teachers.",
        "label": 0,
        "change_type": "number_change",
        "span_start": 16,
        "span_end": 18,
        "original_span": "40",
        "sentence_start": 0,
        "sentence_end": 28,
        "source_sentence_start": 0,
        "source_sentence_end": 28,
    }
    base.update(kw)
    return base


# --------------------------------------------------------------------------- loader


def test_loader_reads_engine_output(tmp_path, nlp):
    perts = perturb_text(TEXT, nlp, random.Random(0), 24)
    assert {p.label for p in perts} == {0, 1}, "the fixture text must yield both labels"
    path = write_jsonl(tmp_path / "p.jsonl", [p.to_dict() for p in perts])
    assert "perturb" in DATASET_NAMES
    rows, n_bad = load_dataset("perturb", path)
    assert n_bad == 0
    assert len(rows) == len(perts)
    for row, pert in zip(rows, perts, strict=True):
        assert (row.source, row.rewrite, row.label) == (pert.source, pert.rewrite, pert.label)
        assert row.meta["change_type"] == pert.change_type
        if pert.label == 0:
            assert row.group == "changed"
            assert row.meta["error_types"] == (pert.change_type,)
            assert row.meta["changed_sentence"] == (pert.sentence_start, pert.sentence_end)
        else:
            assert row.group == "faithful"
            assert row.meta["error_types"] == ()
    assert len({r.id for r in rows}) == len(rows)


def test_loader_counts_and_skips_bad_rows(tmp_path):
    path = write_jsonl(
        tmp_path / "p.jsonl",
        [
            record(id="ok-changed"),
            record(
                id="ok-faithful",
                label=1,
                change_type="sentence_reorder",
                rewrite="Teachers: Anne Ross hired 40.",
            ),
            record(id="type-label-mismatch", label=1),  # a fact change labelled faithful
            record(id="control-as-change", change_type="synonym_rewording"),
            record(id="unknown-type", change_type="font_change"),
            record(id="no-type", change_type=None),
            record(id="string-label", label="0"),
            record(id="empty-rewrite", rewrite="  "),
            record(id="unchanged", rewrite="Anne Ross hired 40 teachers."),
            '{"source": "broken',
            "[1, 2]",
        ],
    )
    rows, n_bad = load_perturb(path)
    assert n_bad == 9
    assert [(r.id, r.label, r.group) for r in rows] == [
        ("ok-changed", 0, "changed"),
        ("ok-faithful", 1, "faithful"),
    ]
    assert rows[0].meta["error_types"] == ("number_change",)
    assert rows[1].meta == {"error_types": (), "change_type": "sentence_reorder"}


def _report(flagged: bool, on: tuple[int, int] = (0, 28)) -> SimpleNamespace:
    """Just what the runner reads from a Report (a finding on the characters ``on``)."""
    claim = SimpleNamespace(start=on[0], end=on[1])
    finding = SimpleNamespace(type="number_change", severity="high", claim=claim)
    found = (finding,) if flagged else ()
    return SimpleNamespace(
        summary=SimpleNamespace(consistency=0.1 if flagged else 0.9),
        findings=found,
        changed_facts=lambda severity="low": found,
    )


def test_runner_reports_recall_per_change_type(tmp_path):
    records = [
        record(rewrite="Anne Ross hired 45 teachers."),
        record(rewrite="Anne Ross hired 50 teachers."),
        record(change_type="negation", rewrite="Anne Ross did not hire 40 teachers."),
        record(label=1, change_type="synonym_rewording", rewrite="Anne Ross employed 40 teachers."),
    ]
    path = write_jsonl(tmp_path / "p.jsonl", records)

    def score(source: str, rewrite: str):  # catches number changes only
        return _report(any(c in rewrite for c in ("45", "50")))

    result = run_eval("perturb", path, score)
    assert result.product.error_type_recall == {"negation": (0.0, 1), "number_change": (1.0, 2)}
    groups = result.product.by_group
    assert set(groups) == {"changed", "faithful"}
    assert groups["faithful"].balanced_accuracy == 1.0  # the control was not flagged
    assert groups["changed"].balanced_accuracy == pytest.approx(2 / 3)


def test_recall_on_the_changed_sentence_ignores_false_alarms_elsewhere(tmp_path):
    """Two changed rows, both flagged: one for a finding on its changed sentence, the other
    only for a finding on another sentence. Recall is 1.0; recall on the changed sentence 0.5."""
    source = "Anne Ross hired 40 teachers. The school opened in May."
    first = "Anne Ross hired 45 teachers. The school opened in May."
    second = "Anne Ross hired 40 teachers. The school opened in June."
    records = [
        record(source=source, rewrite=first, sentence_start=0, sentence_end=28),
        record(
            source=source,
            rewrite=second,
            change_type="date_change",
            sentence_start=29,
            sentence_end=len(second),
        ),
    ]
    path = write_jsonl(tmp_path / "p.jsonl", records)

    def score(source: str, rewrite: str):  # always flags the first sentence
        return _report(True, on=(0, 28))

    result = run_eval("perturb", path, score)
    assert result.product.error_type_recall == {"date_change": (1.0, 1), "number_change": (1.0, 1)}
    assert result.product.located_recall == {"date_change": (0.0, 1), "number_change": (1.0, 1)}


# --------------------------------------------------------------------------- script


def test_passages_cut_at_line_ends_and_keep_all_text(make_synthetic):
    lines = [f"Line {i} says the council met on day {i}." for i in range(40)]
    text = "\n".join(lines)
    parts = make_synthetic.passages(text, 300)
    assert len(parts) > 1
    assert all(len(p) <= 300 for p in parts)
    assert all(p.endswith(".") for p in parts)  # cut at a line end, not mid-sentence
    assert "\n".join(parts) == text
    assert make_synthetic.passages("Short text.", 300) == ["Short text."]


def test_pick_rarest_balances_types_across_calls(make_synthetic):
    def pert(change_type: str) -> Perturbation:
        return Perturbation("s", change_type, 0, change_type, 0, 1, "s", 0, 1, 0, 1)

    counts: Counter = Counter()
    rng = random.Random(0)
    first = make_synthetic.pick_rarest([pert("negation"), pert("negation")], 1, counts, rng)
    offered = [pert("negation"), pert("negation"), pert("date_change")]
    second = make_synthetic.pick_rarest(offered, 2, counts, rng)
    assert [p.change_type for p in first] == ["negation"]
    assert [p.change_type for p in second] == ["date_change", "negation"]
    assert counts == Counter(negation=2, date_change=1)


def test_main_writes_a_loadable_deterministic_set(tmp_path, nlp, make_synthetic, capsys):
    second_doc = "The museum opened in 1998 in Leeds. It has 12 rooms and no cafe."
    data = write_jsonl(
        tmp_path / "dev.jsonl",
        [
            {"doc": TEXT, "summary": "x", "label": 1},
            {"doc": TEXT, "summary": "y", "label": 0},  # the same document again
            {"doc": second_doc},
            {"summary": "no doc"},
            "not json",
        ],
    )
    out_a, out_b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    args = ["--data", str(data), "--per-doc", "3", "--max-chars", "200"]
    assert make_synthetic.main([*args, "-o", str(out_a)], nlp=nlp) == 0
    printed = capsys.readouterr().out
    assert make_synthetic.main([*args, "-o", str(out_b)], nlp=nlp) == 0
    assert out_a.read_bytes() == out_b.read_bytes()

    rows, n_bad = load_perturb(out_a)
    assert n_bad == 0
    sources = Counter(r.source for r in rows)
    # TEXT is longer than 200 characters, so it is cut: three or more passages in all.
    assert len(sources) >= 3 and all(len(s) <= 200 for s in sources)
    assert max(sources.values()) <= 3
    assert second_doc in sources
    counts = Counter(r.meta["change_type"] for r in rows)
    for t in CHANGE_TYPES + FAITHFUL_TYPES:
        assert f"  {t:<22} {counts[t]}" in printed


def test_main_refuses_a_missing_file(tmp_path, make_synthetic):
    out = tmp_path / "out.jsonl"
    code = make_synthetic.main(["--data", str(tmp_path / "absent.jsonl"), "-o", str(out)])
    assert code == 1
    assert not out.exists()
