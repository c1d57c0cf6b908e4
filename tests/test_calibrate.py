"""The calibrate stage: confidence becomes P(right), severity follows it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from factdiff.calibrate import Calibration, calibrate_finding, calibrate_findings, finding_features
from factdiff.reconcile import finish
from factdiff.types import DocumentInfo, Finding, Report, Span, Summary


def make(type_: str = "number_change", severity: str = "high", conf: float = 0.8) -> Finding:
    claim = Span("d1", 0, 30, "At least 21 people were hurt.", "21", 9, 11)
    evidence = Span("d0", 0, 30, "At least 12 people were hurt.", "12", 9, 11)
    return Finding(type_, severity, conf, claim, (evidence,), "d1 says 21 where d0 says 12.")


def model(bias: float, report_at: float = 0.5, medium_at: float = 0.8) -> Calibration:
    return Calibration(weights={}, bias=bias, report_at=report_at, medium_at=medium_at, meta={})


def test_a_likely_wrong_finding_is_shown_at_info_with_its_rule_severity_kept():
    f = calibrate_finding(make(), model(bias=-2.0), consensus=False)
    assert f.severity == "info" and f.rule_severity == "high"
    assert f.confidence == pytest.approx(0.1192, abs=1e-4)
    assert "unconfirmed" in f.explanation


def test_a_finding_between_the_thresholds_is_at_most_low():
    f = calibrate_finding(make(), model(bias=0.5), consensus=False)
    assert (f.severity, f.rule_severity) == ("low", "high")


def test_a_precise_finding_keeps_its_severity():
    f = calibrate_finding(make(), model(bias=3.0), consensus=False)
    assert f.severity == "high" and f.confidence > 0.9


def test_omissions_and_info_findings_pass_unchanged():
    for f in (make("omission", "info"), make("internal_inconsistency"), make(severity="info")):
        assert calibrate_finding(f, model(bias=-5.0), consensus=False) == f


def test_features_see_the_changed_words():
    feats = finding_features(make(), consensus=False)
    assert feats["type=number_change"] == 1.0
    assert 0.0 <= feats["span_similarity"] <= 1.0
    assert feats["within_page"] == 0.0 and feats["no_evidence"] == 0.0
    same_page = replace(make(), evidence=(replace(make().evidence[0], doc="d1"),))
    assert finding_features(same_page, consensus=False)["within_page"] == 1.0


def test_the_report_summary_moves_with_the_calibrated_findings():
    f = replace(make(), introduced_by="d1")
    report = Report(
        reference="d0",
        documents=(DocumentInfo("d0", "a", "", 1), DocumentInfo("d1", "b", "", 1)),
        alignments=(),
        findings=(f,),
        summary=Summary(
            consistency=0.5,
            findings_by_type={"number_change": 1},
            consistency_by_doc={"d0": 1.0, "d1": 0.5},
            support_by_doc={"d1": 1.0},
        ),
    )
    before = finish(report, None, None)
    out = finish(report, None, model(bias=-2.0))
    assert out.summary.consistency_by_doc["d0"] == 1.0
    # a less likely finding weighs less
    assert out.summary.consistency_by_doc["d1"] > before.summary.consistency_by_doc["d1"]
    assert calibrate_findings(report.findings, None, False) == list(report.findings)


def test_the_shipped_calibration_is_pinned_and_loads(resources):
    from factdiff.models import load_manifest

    assert "calibration" in load_manifest()
    cal = resources.calibration
    assert cal is not None and 0.0 < cal.report_at <= cal.medium_at < 1.0
    assert cal.meta["fitted_on"] and "dev-17" not in cal.meta["fitted_on"]


def test_reports_say_an_unconfirmed_finding_is_not_counted():
    from factdiff.report import render

    f = replace(
        calibrate_finding(make(), model(bias=-2.0), consensus=False), id="f1", introduced_by="d1"
    )
    report = Report(
        reference="d0",
        documents=(DocumentInfo("d0", "a", "", 1), DocumentInfo("d1", "b", "", 1)),
        alignments=(),
        findings=(f,),
        summary=Summary(consistency=1.0, findings_by_type={"number_change": 1}),
        texts={"d0": "At least 12 people were hurt.", "d1": "At least 21 people were hurt."},
    )
    for fmt in ("markdown", "html"):
        assert "unconfirmed (the rule said high), not counted" in render(report, fmt)
