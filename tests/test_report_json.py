"""The JSON report contract (schema 1 of DESIGN.md): keys, types, offsets, round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdiff.errors import FactdiffError
from factdiff.report import render
from factdiff.report.json_report import report_from_dict, report_to_dict, report_to_json
from factdiff.types import (
    FINDING_TYPES,
    Alignment,
    DocumentInfo,
    Finding,
    IngestError,
    Report,
    Sentence,
    Span,
    Summary,
)

FIXTURE = Path(__file__).parent / "report_fixtures" / "three_versions.json"

ORIG = "Mayor Anne Ross signed the order. The fire hurt 12 people."
COPY = "The fire hurt 21 people. Mayor Peter Lind signed the order."


def _sent(doc: str, text: str, sentence: str, index: int) -> Sentence:
    start = text.index(sentence)
    return Sentence(doc, index, start, start + len(sentence), sentence)


def _span(doc: str, text: str, sentence: str, words: str) -> Span:
    start = text.index(sentence)
    lo = text.index(words, start)
    return Span(doc, start, start + len(sentence), sentence, words, lo, lo + len(words))


def small_report() -> Report:
    a0 = _sent("d0", ORIG, "Mayor Anne Ross signed the order.", 0)
    a1 = _sent("d0", ORIG, "The fire hurt 12 people.", 1)
    b0 = _sent("d1", COPY, "The fire hurt 21 people.", 0)
    b1 = _sent("d1", COPY, "Mayor Peter Lind signed the order.", 1)
    findings = (
        Finding(
            type="entity_substitution",
            severity="high",
            confidence=0.912345,
            claim=_span("d1", COPY, b1.text, "Peter Lind"),
            evidence=(_span("d0", ORIG, a0.text, "Anne Ross"),),
            explanation="d1 names Peter Lind where d0 names Anne Ross.",
            introduced_by="d1",
            id="f1",
        ),
        Finding(
            type="number_change",
            severity="medium",
            confidence=0.8,
            claim=_span("d1", COPY, b0.text, "21"),
            evidence=(_span("d0", ORIG, a1.text, "12"),),
            explanation="21 instead of 12.",
            introduced_by="d1",
            id="f2",
            source="rule+model",
        ),
    )
    return Report(
        reference="d0",
        documents=(
            DocumentInfo("d0", "orig.txt", "Original", 2),
            DocumentInfo("d1", "copy.txt", "Copy", 2, language="en"),
        ),
        alignments=(
            Alignment(a0, b1, "near_verbatim", 0.912345678),
            Alignment(a1, b0, "near_verbatim", 0.95),
        ),
        findings=findings,
        summary=Summary(
            0.5, {"number_change": 1, "entity_substitution": 1}, {"d1": 0.5, "d0": 1.0}
        ),
        errors=(IngestError("empty.txt", "empty", "The file is empty."),),
        warnings=("one warning",),
        texts={"d0": ORIG, "d1": COPY},
    )


def test_contract_keys_and_types():
    d = report_to_dict(small_report())
    assert list(d)[:2] == ["schema", "factdiff_version"]
    assert d["schema"] == 1 and isinstance(d["factdiff_version"], str) and d["factdiff_version"]
    assert d["reference"] == "d0" and d["mode"] == "reference"
    assert d["documents"][0] == {
        "id": "d0",
        "source": "orig.txt",
        "title": "Original",
        "sentences": 2,
        "language": "en",
    }
    al = d["alignments"][0]
    assert {"doc", "start", "end", "text"} <= set(al["a"]) and {
        "doc",
        "start",
        "end",
        "text",
    } <= set(al["b"])
    assert al["relation"] == "near_verbatim" and al["similarity"] == 0.9123
    f = d["findings"][0]
    assert list(f) == [
        "id", "type", "severity", "confidence", "claim", "evidence", "introduced_by",
        "explanation", "source", "rule_severity",
    ]  # fmt: skip
    assert f["type"] in FINDING_TYPES and f["severity"] in ("high", "medium", "low", "info")
    assert f["confidence"] == 0.9123
    assert set(f["claim"]) == {"doc", "start", "end", "text", "span", "span_start", "span_end"}
    assert isinstance(f["evidence"], list) and f["evidence"][0]["span"] == "Anne Ross"
    assert d["findings"][1]["source"] == "rule+model"
    s = d["summary"]
    assert s["consistency"] == 0.5
    assert list(s["findings_by_type"]) == ["entity_substitution", "number_change"]  # contract order
    assert list(s["consistency_by_doc"]) == ["d0", "d1"]  # document order
    assert d["errors"] == [
        {"source": "empty.txt", "code": "empty", "message": "The file is empty."}
    ]
    assert d["warnings"] == ["one warning"]
    json.dumps(d)  # serialisable as is


def test_offsets_hold_in_output():
    report = small_report()
    d = report_to_dict(report)
    for f in d["findings"]:
        for s in (f["claim"], *f["evidence"]):
            text = report.texts[s["doc"]]
            assert text[s["start"] : s["end"]] == s["text"]
            assert text[s["span_start"] : s["span_end"]] == s["span"]
    for al in d["alignments"]:
        for s in (al["a"], al["b"]):
            assert report.texts[s["doc"]][s["start"] : s["end"]] == s["text"]


def test_round_trip():
    report = small_report()
    back = report_from_dict(json.loads(report_to_json(report, include_texts=True)))
    assert back.texts == report.texts
    assert back.documents == report.documents
    assert back.alignments[1] == report.alignments[1]
    assert back.findings[1] == report.findings[1]
    assert back.errors == report.errors and back.warnings == report.warnings
    # The second trip is exact: floats were rounded by the first.
    assert report_to_dict(back, include_texts=True) == report_to_dict(report, include_texts=True)


def test_texts_only_on_request():
    report = small_report()
    assert "text" not in report_to_dict(report)["documents"][0]
    assert report_to_dict(report, include_texts=True)["documents"][1]["text"] == COPY


def test_json_is_deterministic_and_keeps_unicode():
    report = small_report()
    text = report_to_json(report)
    assert text == report_to_json(small_report())
    assert text == render(report, "json")
    assert text.startswith('{\n  "schema": 1,')
    uni = Report(None, (DocumentInfo("d0", "s", "Zürich – «quoted»", 0),), (), (), Summary(1.0, {}))
    assert "Zürich – «quoted»" in report_to_json(uni)


def test_missing_finding_id_gets_a_stable_one():
    report = small_report()
    anonymous = Report(
        report.reference, report.documents, (), tuple(
            Finding(f.type, f.severity, f.confidence, f.claim, f.evidence, f.explanation)
            for f in report.findings
        ), report.summary,
    )  # fmt: skip
    assert [f["id"] for f in report_to_dict(anonymous)["findings"]] == ["f1", "f2"]


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"schema": 2},
        {"schema": 1, "documents": []},
        {"schema": 1, "documents": "x", "alignments": [], "findings": []},
    ],
)
def test_bad_input_raises_factdiff_error(bad):
    with pytest.raises(FactdiffError) as info:
        report_from_dict(bad)
    assert info.value.code == "bad_report"


def test_wrong_field_type_is_reported():
    d = report_to_dict(small_report())
    d["findings"][0]["confidence"] = "high"
    with pytest.raises(FactdiffError, match="confidence"):
        report_from_dict(d)


def test_fixture_file_is_a_valid_report():
    raw = json.loads(FIXTURE.read_text(encoding="utf-8"))
    report = report_from_dict(raw)
    assert len(report.documents) == 3 and len(report.findings) >= 8
    for f in report.findings:
        for s in (f.claim, *f.evidence):
            text = report.texts[s.doc]
            assert text[s.start : s.end] == s.text
            if s.span:
                assert text[s.span_start : s.span_end] == s.span
    again = report_to_dict(report, include_texts=True)
    raw.pop("factdiff_version")
    again.pop("factdiff_version")
    assert again == raw


def test_render_rejects_unknown_format():
    with pytest.raises(FactdiffError) as info:
        render(small_report(), "pdf")  # type: ignore[arg-type]
    assert info.value.code == "bad_format"
