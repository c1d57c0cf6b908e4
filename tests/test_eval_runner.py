"""The runner, with a stand-in scoring function instead of the real pipeline."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from factdiff.eval.datasets import EvalRow
from factdiff.eval.runner import (
    format_result,
    product_flags,
    result_to_dict,
    run_eval,
    stratified_subsample,
)
from factdiff.types import Finding, Report, Span, Summary
from factdiff.types import Verdict as TypedVerdict
from factdiff.verify.combine import Policy


def make_report(
    consistency: float, severities: tuple[str, ...] = (), doc: str = "rewrite"
) -> Report:
    span = Span(doc=doc, start=0, end=1, text="x")
    findings = tuple(
        Finding(
            type="number_change",
            severity=s,
            confidence=0.9,
            claim=span,
            evidence=(),
            explanation="stand-in",
        )
        for s in severities
    )
    return Report(
        reference="source",
        documents=(),
        alignments=(),
        findings=findings,
        summary=Summary(consistency=consistency, findings_by_type={}),
    )


def stand_in(source: str, rewrite: str) -> Report:
    """Flags a rewrite that contains "WRONG"; raises on "CRASH"; scores "unsure" low."""
    if "CRASH" in rewrite:
        raise RuntimeError("stand-in failure")
    if "WRONG" in rewrite:
        return make_report(0.2, ("high",))
    if "unsure" in rewrite:
        return make_report(0.6, ("low",))
    return make_report(0.95)


def write_summedits(path: Path) -> Path:
    rows = []
    for i in range(12):
        label = i % 2
        domain = "news" if i < 8 else "podcast"
        summary = "Anne Ross signed it." if label else "Peter Lind signed it WRONG."
        if i == 2:
            summary = "Anne Ross signed it unsure."  # inconsistent, missed by the stand-in
        if i == 10:
            summary = "Anne Ross CRASH."
        rows.append(
            {
                "id": f"{domain}_{i}",
                "doc": "Mayor Anne Ross signed the order.",
                "summary": summary,
                "label": label,
                "domain": domain,
                "edit_types": [] if label else ["entity_modification"],
            }
        )
    lines = [json.dumps(r) for r in rows] + ["{not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_product_decision_rule():
    assert product_flags(make_report(0.9, ("medium",)), 0.5)
    assert not product_flags(make_report(0.9, ("low", "info")), 0.5)
    assert product_flags(make_report(0.4), 0.5)
    assert not product_flags(make_report(0.5), 0.5)
    # A change found inside the source itself says nothing about the rewrite.
    assert not product_flags(make_report(0.9, ("high",), doc="source"), 0.5)


def test_run_eval_with_injected_score_fn(tmp_path):
    path = write_summedits(tmp_path / "se.jsonl")
    seen = []

    def progress(rows):
        seen.append(len(rows))
        return rows

    result = run_eval("summedits", path, stand_in, progress=progress)
    assert seen == [12]
    assert result.n_loaded == 12 and result.n_bad_load == 1 and result.n_failed == 1
    assert result.n_bad == 2 and result.n_rows == 11
    assert result.errors[0].id == "podcast_10" and "stand-in failure" in result.errors[0].message
    p, b = result.product, result.baseline
    # 6 consistent all right; 5 inconsistent, 4 flagged (row 2 missed): (1 + 4/5) / 2
    assert p.overall.balanced_accuracy == pytest.approx(0.9)
    assert p.by_group["news"].n == 8 and p.by_group["podcast"].n == 3
    assert p.by_group["podcast"].balanced_accuracy == 1.0
    # Scores separate the classes perfectly: 0.95 vs 0.2/0.6.
    assert p.overall.roc_auc == 1.0
    assert p.error_type_recall["entity_modification"] == (pytest.approx(0.8), 5)
    # The baseline catches "Peter Lind" but not the "unsure" row either.
    assert b.overall.balanced_accuracy == pytest.approx(0.9)
    assert len(result.rows) == 11
    missed = [o.id for o in result.rows if o.label == 0 and not o.systems["rules"].flagged]
    assert missed == ["news_2"]


def test_result_to_dict_is_json_and_table_renders(tmp_path):
    result = run_eval("summedits", write_summedits(tmp_path / "se.jsonl"), stand_in)
    data = result_to_dict(result, include_rows=True)
    text = json.dumps(data, allow_nan=False)  # nan must have become null
    assert data["factdiff"]["overall"]["balanced_accuracy"] == 0.9
    assert data["n_bad"] == 2 and len(data["rows"]) == 11
    assert "rows" not in result_to_dict(result)
    assert "entity_modification" in text
    console = Console(record=True, width=100)
    console.print(format_result(result))
    out = console.export_text()
    assert "rules" in out and "baseline" in out and "90.0" in out


def with_verdict(report: Report, p: float) -> Report:
    """The stand-in report plus one verifier score for the rewrite's sentence."""
    span = Span(doc="rewrite", start=0, end=1, text="x")
    source = Span(doc="source", start=0, end=1, text="y")
    return replace(
        report,
        verdicts=(TypedVerdict(span, (source,), p),),
        summary=replace(
            report.summary,
            consistency_by_doc={"rewrite": report.summary.consistency},
            support_by_doc={"rewrite": 1.0},
        ),
    )


def test_rules_verifier_and_both_are_measured_in_one_run(tmp_path):
    """The verifier catches the "unsure" row the rules miss; both systems then catch it."""

    def scored(source: str, rewrite: str) -> Report:
        report = stand_in(source, rewrite)
        return with_verdict(report, 0.05 if ("unsure" in rewrite or "WRONG" in rewrite) else 0.9)

    policy = Policy(contradict_below=0.2, support_above=0.95, model_weight=0.5)
    result = run_eval("summedits", write_summedits(tmp_path / "se.jsonl"), scored, policy=policy)
    assert list(result.systems) == ["rules", "verifier", "both", "baseline"]
    assert result.systems["rules"].overall.balanced_accuracy == pytest.approx(0.9)
    assert result.systems["verifier"].overall.balanced_accuracy == pytest.approx(1.0)
    assert result.systems["both"].overall.balanced_accuracy == pytest.approx(1.0)
    assert result.product is result.systems["both"]
    data = result_to_dict(result)
    assert data["policy"]["contradict_below"] == 0.2
    assert set(data["systems"]) == {"rules", "verifier", "both", "baseline"}


def test_limit_takes_a_deterministic_stratified_sample(tmp_path):
    rows = [
        EvalRow(f"r{i}", "s", "r", label=int(i % 4 == 0), group="a" if i < 60 else "b")
        for i in range(100)
    ]
    one = stratified_subsample(rows, 20, seed=0)
    assert [r.id for r in one] == [r.id for r in stratified_subsample(rows, 20, seed=0)]
    assert [r.id for r in one] != [r.id for r in stratified_subsample(rows, 20, seed=1)]
    assert len(one) == 20
    assert sum(r.group == "a" for r in one) == 12
    assert sum(r.label for r in one) == 5
    assert stratified_subsample(rows, 500) == rows
    path = write_summedits(tmp_path / "se.jsonl")
    result = run_eval("summedits", path, stand_in, limit=6, seed=0)
    assert result.n_rows + result.n_failed == 6 and result.limit == 6


def test_every_row_failing_gives_an_empty_result_not_a_crash(tmp_path):
    def broken(source: str, rewrite: str) -> Report:
        raise ValueError("no model")

    result = run_eval("summedits", write_summedits(tmp_path / "se.jsonl"), broken)
    assert result.n_rows == 0 and result.n_failed == 12
    data = result_to_dict(result)
    assert data["factdiff"]["overall"]["balanced_accuracy"] is None
    json.dumps(data, allow_nan=False)
