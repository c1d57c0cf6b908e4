"""Reconcile and consistency: pure functions over hand-made findings."""

from __future__ import annotations

from factdiff.checks.documents import DocPairFindings, claim_evidence_pairs
from factdiff.consistency import content_support, document_consistency, findings_factor
from factdiff.pipeline import resolve_reference
from factdiff.reconcile import consensus_findings, merge_duplicates, number_findings
from factdiff.types import Document, Finding, Mention, Sentence, SentenceFacts, Span


def finding(
    claim_doc: str,
    evidence_doc: str,
    start: int = 0,
    kind: str = "number_change",
    severity: str = "high",
    confidence: float = 0.9,
) -> Finding:
    return Finding(
        type=kind,
        severity=severity,
        confidence=confidence,
        claim=Span(claim_doc, start, start + 10, "x" * 10, "x", start, start + 1),
        evidence=(Span(evidence_doc, 0, 10, "y" * 10, "y", 0, 1),),
        explanation="changed",
    )


def test_reference_mode_checks_copies_against_reference():
    assert claim_evidence_pairs("d0", ["d0", "d1", "d2"]) == [("d1", "d0"), ("d2", "d0")]


def test_consensus_mode_checks_every_direction():
    pairs = claim_evidence_pairs(None, ["d0", "d1", "d2"])
    assert len(pairs) == 6 and ("d0", "d1") in pairs


def test_resolve_reference_by_index_id_and_source():
    docs = [Document("d0", "a", source="a.txt"), Document("d1", "b", source="b.txt")]
    assert resolve_reference(docs, 1) == "d1"
    assert resolve_reference(docs, "b.txt") == "d1"
    assert resolve_reference(docs, None) is None


def test_consensus_keeps_the_outlier_only():
    # d1 differs from d0 and d2 at the same sentence; d0 and d2 agree with each other and
    # each differs only from d1.
    every = frozenset({0})
    results = [
        DocPairFindings("d1", "d0", (finding("d1", "d0"),), every),
        DocPairFindings("d1", "d2", (finding("d1", "d2"),), every),
        DocPairFindings("d0", "d1", (finding("d0", "d1"),), every),
        DocPairFindings("d0", "d2", (), every),
        DocPairFindings("d2", "d1", (finding("d2", "d1"),), every),
        DocPairFindings("d2", "d0", (), every),
    ]
    kept = consensus_findings(results)
    assert {f.claim.doc for f in kept} == {"d1"}
    assert all(f.introduced_by == "d1" for f in kept)
    assert all(f.confidence == 0.9 for f in kept)


def test_consensus_one_against_one_keeps_both_at_half_confidence():
    # only d0 and d1 carry the sentence: nobody can tell which one changed it
    results = [
        DocPairFindings("d0", "d1", (finding("d0", "d1"),), frozenset({0})),
        DocPairFindings("d1", "d0", (finding("d1", "d0"),), frozenset({0})),
        DocPairFindings("d0", "d2", (), frozenset()),
        DocPairFindings("d1", "d2", (), frozenset()),
    ]
    kept = consensus_findings(results)
    assert {f.claim.doc for f in kept} == {"d0", "d1"}
    assert all(f.confidence == 0.45 for f in kept)


def test_duplicates_merge_evidence_and_keep_best_confidence():
    merged = merge_duplicates([finding("d1", "d0", confidence=0.5), finding("d1", "d2")])
    assert len(merged) == 1
    assert merged[0].confidence == 0.9
    assert {e.doc for e in merged[0].evidence} == {"d0", "d2"}


def test_ids_follow_document_then_position():
    found = number_findings(
        [finding("d2", "d0", 5), finding("d1", "d0", 50), finding("d1", "d0", 3)],
        ["d0", "d1", "d2"],
    )
    assert [(f.id, f.claim.doc, f.claim.start) for f in found] == [
        ("f1", "d1", 3),
        ("f2", "d1", 50),
        ("f3", "d2", 5),
    ]
    assert all(f.introduced_by == f.claim.doc for f in found)


def facts_with(*words: str) -> SentenceFacts:
    sentence = Sentence("d", 0, 0, 1, "x")
    return SentenceFacts(sentence, content=tuple(Mention(w, 0, 1, "NOUN", w) for w in words))


def test_consistency_orders_by_severity_and_support():
    source = [facts_with("ferry", "harbour", "sink")]
    full = content_support([facts_with("ferry", "sink")], source)
    half = content_support([facts_with("ferry", "volcano")], source)
    faithful = document_consistency([], full)
    novel = document_consistency([], half)
    flagged = document_consistency([finding("d1", "d0")], full)
    minor = document_consistency([finding("d1", "d0", severity="low")], full)
    info = document_consistency([finding("d1", "d0", severity="info")], full)
    assert faithful == info == 1.0
    assert faithful > novel
    assert faithful > minor > flagged
    assert 0.0 <= flagged < 0.2


def test_support_and_factor_edges():
    assert content_support([], []) == 1.0
    assert content_support([facts_with("a", "b")], [facts_with("a")]) == 0.5
    assert findings_factor([]) == 1.0


def test_changed_facts_is_the_one_decision_rule():
    from factdiff.types import Report, Summary

    findings = (
        finding("d1", "d0", severity="low"),
        finding("d1", "d0", 20, severity="medium"),
        finding("d0", "d0", 40, kind="internal_inconsistency"),  # inside the reference
        finding("d1", "d0", 60, kind="omission", severity="info"),
    )
    report = Report("d0", (), (), findings, Summary(0.5, {}))
    assert [f.severity for f in report.changed_facts("medium")] == ["medium"]
    assert len(report.changed_facts("low")) == 2
    assert report.changed
    assert not Report("d0", (), (), findings[2:], Summary(1.0, {})).changed
