"""Combining the learned verifier with the rule findings (verify/combine.py).

Most tests are pure logic over hand-built Reports, Findings and Verdicts; one group runs the
shipped verifier end to end on a short self-written pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from factdiff.reconcile import number_findings, summarise
from factdiff.types import MIN_CONFIDENCE, Document, DocumentInfo, Finding, Report, Sentence, Span
from factdiff.types import Verdict as V
from factdiff.verify.combine import (
    MAX_WINDOWS,
    NEIGHBOURS,
    STRIDE,
    WINDOW,
    Policy,
    Request,
    apply_policy,
    premise,
    premises,
    score_requests,
    sentence_scores,
    verifier_only_score,
    window_spans,
)

REF = "ref"
COPY = "copy"
OTHER = "other"

REF_LINES = (
    "The council met on Monday.",
    "It approved the budget of 12 million euros.",
    "The mayor, Ana Ruiz, voted for it.",
    "The vote was held in public.",
)
COPY_LINES = (
    "The council met on Monday.",
    "It rejected the budget of 12 million euros.",
    "The mayor, Ana Ruiz, voted against it.",
    "The vote was held in public.",
)
OTHER_LINES = COPY_LINES  # a second copy, for consensus mode


def sentences(doc: str, lines: Sequence[str]) -> tuple[Sentence, ...]:
    """Sentences of a document made by joining ``lines`` with one space (true offsets)."""
    out, start = [], 0
    for i, text in enumerate(lines):
        out.append(Sentence(doc, i, start, start + len(text), text))
        start += len(text) + 1
    return tuple(out)


def text_of(lines: Sequence[str]) -> str:
    return " ".join(lines)


S = {REF: sentences(REF, REF_LINES), COPY: sentences(COPY, COPY_LINES)}
S[OTHER] = sentences(OTHER, OTHER_LINES)


def whole(s: Sentence) -> Span:
    return Span(s.doc, s.start, s.end, s.text)


def finding(
    claim: Sentence,
    evidence: Sentence | None = None,
    kind: str = "claim_reversal",
    severity: str = "high",
    confidence: float = 0.8,
    introduced_by: str | None = None,
) -> Finding:
    return Finding(
        type=kind,
        severity=severity,
        confidence=confidence,
        claim=Span(
            claim.doc,
            claim.start,
            claim.end,
            claim.text,
            claim.text[:2],
            claim.start,
            claim.start + 2,
        ),
        evidence=(whole(evidence),) if evidence is not None else (),
        explanation="A rule found a change.",
        introduced_by=introduced_by,
    )


def verdict(claim: Sentence, p: float, *evidence: Sentence) -> V:
    return V(claim=whole(claim), evidence=tuple(map(whole, evidence)), p_consistent=p)


def report(
    findings: Sequence[Finding] = (),
    verdicts: Sequence[V] = (),
    reference: str | None = REF,
    docs: Sequence[str] = (REF, COPY),
) -> Report:
    """A report shaped as reconcile builds it: numbered findings and the rules-only summary
    (no facts given, so every copy's content support is 1.0)."""
    documents = [Document(d, text_of(s.text for s in S[d])) for d in docs]
    numbered = number_findings(findings, list(docs))
    return Report(
        reference=reference,
        documents=tuple(DocumentInfo(d, d, "", len(S[d])) for d in docs),
        alignments=(),
        findings=tuple(numbered),
        summary=summarise(documents, numbered, {}, reference),
        mode="reference" if reference is not None else "consensus",
        verdicts=tuple(verdicts),
    )


def ref_verdicts(ps: Sequence[float]) -> list[V]:
    """One verdict per copy sentence, against the reference sentence at the same place."""
    return [verdict(S[COPY][i], p, S[REF][i]) for i, p in enumerate(ps)]


def of_type(r: Report, kind: str) -> list[Finding]:
    return [f for f in r.findings if f.type == kind]


POLICY = Policy(contradict_below=0.2, support_above=0.95, model_weight=0.5)


# --------------------------------------------------------------------------- premise


def test_short_source_gets_no_windows_beyond_the_passage():
    doc = sentences("d", [f"Line {i}." for i in range(WINDOW)])
    assert window_spans(len(doc)) == []
    assert premises([doc[3]], doc) == ("Line 2. Line 3. Line 4.",)


def test_medium_source_is_covered_by_every_window():
    doc = sentences("d", [f"Line {i}." for i in range(WINDOW + 2)])
    spans = window_spans(len(doc))
    assert spans[0] == (0, WINDOW) and spans[-1][1] == len(doc)
    assert all(hi - lo <= WINDOW for lo, hi in spans)
    got = premises([doc[0]], doc)
    assert got[0] == "Line 0. Line 1." and len(got) == 1 + len(spans)


def test_long_source_has_only_the_local_passage():
    doc = sentences("d", [f"Line {i}." for i in range(STRIDE * (MAX_WINDOWS + 4))])
    assert len(window_spans(len(doc))) > MAX_WINDOWS
    assert premises([doc[30]], doc) == ("Line 29. Line 30. Line 31.",)


class CountingVerifier:
    """Scores by a rule of its own so the max over premises can be checked exactly."""

    def score(self, premises, hypotheses):
        import numpy as np

        return np.array([0.9 if "yes" in p else 0.1 for p in premises], dtype=np.float32)


def test_a_sentence_takes_the_best_support_of_its_premises():
    doc = sentences("d", ["no.", "yes."])
    claim = sentences("c", ["claim."])[0]
    requests = [
        Request(claim, (doc[0],), ("no.", "yes.")),
        Request(claim, (doc[0],), ("no.",)),
    ]
    got = score_requests(CountingVerifier(), requests)
    assert [v.p_consistent for v in got] == [pytest.approx(0.9), pytest.approx(0.1)]
    assert got[0].evidence[0].text == "no."


def test_premise_takes_neighbours_on_each_side():
    assert NEIGHBOURS == 1  # the expectations below are written for one neighbour
    doc = sentences("d", [f"Line {i}." for i in range(7)])
    assert premise([doc[3]], doc) == "Line 2. Line 3. Line 4."


@pytest.mark.parametrize(
    ("index", "expected"),
    [(0, "Line 0. Line 1."), (4, "Line 3. Line 4.")],
)
def test_premise_is_clipped_at_document_ends(index, expected):
    doc = sentences("d", [f"Line {i}." for i in range(5)])
    assert premise([doc[index]], doc) == expected


def test_premise_of_a_one_sentence_document():
    doc = sentences("d", ["Only line."])
    assert premise([doc[0]], doc) == "Only line."


def test_premise_keeps_document_order_and_each_sentence_once():
    doc = sentences("d", [f"Line {i}." for i in range(8)])
    # evidence given out of order, with overlapping neighbourhoods and a gap
    got = premise([doc[6], doc[2], doc[1]], doc)
    assert got == "Line 0. Line 1. Line 2. Line 3. Line 5. Line 6. Line 7."


def test_premise_order_does_not_depend_on_set_iteration():
    # far-apart indices: a set of them does not iterate in numeric order
    doc = sentences("d", [f"Line {i}." for i in range(40)])
    got = premise([doc[33], doc[1]], doc)
    assert got == "Line 0. Line 1. Line 2. Line 32. Line 33. Line 34."


def test_premise_strips_sentence_whitespace():
    doc = (Sentence("d", 0, 0, 4, "One "), Sentence("d", 1, 4, 9, " Two."))
    assert premise([doc[0]], doc) == "One Two."


# --------------------------------------------------------------------------- sentence_scores


def test_scores_are_keyed_by_copy_sentence():
    r = report(verdicts=ref_verdicts([0.9, 0.1]))
    assert sentence_scores(r) == {(COPY, S[COPY][0].start): 0.9, (COPY, S[COPY][1].start): 0.1}


def test_scores_ignore_verdicts_about_the_reference():
    against_copy = verdict(S[REF][1], 0.01, S[COPY][1])
    within_ref = verdict(S[REF][2], 0.01, S[REF][0])  # evidence from the reference itself
    r = report(verdicts=[against_copy, within_ref, *ref_verdicts([0.8])])
    assert sentence_scores(r) == {(COPY, S[COPY][0].start): 0.8}
    assert verifier_only_score(r) == 0.8


def test_reference_mode_ignores_evidence_from_other_copies():
    r = report(
        verdicts=[verdict(S[COPY][1], 0.05, S[OTHER][1]), verdict(S[COPY][1], 0.7, S[REF][1])],
        docs=(REF, COPY, OTHER),
    )
    assert sentence_scores(r) == {(COPY, S[COPY][1].start): 0.7}


def test_reference_mode_keeps_a_verdict_with_some_reference_evidence():
    v = verdict(S[COPY][1], 0.3, S[OTHER][1], S[REF][1])
    r = report(verdicts=[v], docs=(REF, COPY, OTHER))
    assert sentence_scores(r) == {(COPY, S[COPY][1].start): 0.3}


def test_consensus_takes_the_median_over_evidence_documents():
    claim = S[COPY][2]
    verdicts = [
        verdict(claim, 0.9, S[REF][2]),
        verdict(claim, 0.05, S[OTHER][2]),
        verdict(claim, 0.6, S[REF][2], S[OTHER][2]),
    ]
    r = report(verdicts=verdicts, reference=None, docs=(REF, COPY, OTHER))
    assert sentence_scores(r) == {(COPY, claim.start): 0.6}


def test_consensus_scores_every_version():
    verdicts = [verdict(S[REF][0], 0.4, S[COPY][0]), verdict(S[COPY][0], 0.7, S[REF][0])]
    r = report(verdicts=verdicts, reference=None, docs=(REF, COPY, OTHER))
    assert sentence_scores(r) == {(REF, 0): 0.4, (COPY, 0): 0.7}


# --------------------------------------------------------------------------- verifier_only_score


def test_verifier_only_score_is_the_least_supported_sentence():
    assert verifier_only_score(report(verdicts=ref_verdicts([0.9, 0.3, 0.8]))) == 0.3


def test_verifier_only_score_without_verdicts_is_one():
    assert verifier_only_score(report()) == 1.0


# --------------------------------------------------------------------------- Policy


def test_policy_from_manifest():
    p = Policy.from_manifest({"policy": {"contradict_below": "0.3", "model_weight": 0}})
    assert p == Policy(contradict_below=0.3, support_above=0.95, model_weight=0.0)
    assert Policy.from_manifest({}) == Policy()


def test_default_support_threshold_takes_any_finding_under_min_confidence():
    """A disputed finding is shown, not counted, only if (1 - support_above) < MIN_CONFIDENCE."""
    assert 1.0 - Policy().support_above < MIN_CONFIDENCE


# --------------------------------------------------------------------------- (a) contradiction


@pytest.mark.parametrize(("p", "severity"), [(0.1, "medium"), (0.04, "high")])
def test_unsupported_sentence_without_rule_finding_gets_a_contradiction(p, severity):
    r = report(verdicts=ref_verdicts([0.99, p, 0.99, 0.99]))
    assert r.changed_facts("medium") == ()
    out = apply_policy(r, POLICY)
    [c] = out.findings
    assert c.type == "contradiction" and c.source == "model"
    assert c.severity == severity
    assert c.confidence == pytest.approx(1.0 - p)
    assert c.claim == whole(S[COPY][1])
    assert c.evidence == (whole(S[REF][1]),)
    assert c.introduced_by == COPY
    assert "verifier" in c.explanation
    assert out.changed_facts("medium") == (c,)
    assert out.summary.findings_by_type == {"contradiction": 1}


def test_severity_boundary_is_a_quarter_of_the_threshold():
    quarter = POLICY.contradict_below / 4
    out = apply_policy(report(verdicts=ref_verdicts([quarter])), POLICY)
    assert [f.severity for f in out.findings] == ["medium"]


def test_no_contradiction_at_the_threshold():
    out = apply_policy(report(verdicts=ref_verdicts([POLICY.contradict_below])), POLICY)
    assert out.findings == ()


def test_a_low_severity_rule_finding_does_not_stop_a_contradiction():
    low = finding(S[COPY][1], S[REF][1], kind="modality_change", severity="low")
    out = apply_policy(report([low], ref_verdicts([0.9, 0.1])), POLICY)
    assert sorted(f.type for f in out.findings) == ["contradiction", "modality_change"]
    [rule] = of_type(out, "modality_change")
    assert rule.source == "rule+model" and rule.confidence == low.confidence


def test_a_finding_on_another_sentence_does_not_stop_a_contradiction():
    elsewhere = finding(S[COPY][2], S[REF][2])
    out = apply_policy(report([elsewhere], ref_verdicts([0.9, 0.1, 0.5])), POLICY)
    [c] = of_type(out, "contradiction")
    assert c.claim == whole(S[COPY][1])


# --------------------------------------------------------------------------- (b) rule + model


@pytest.mark.parametrize("severity", ["medium", "high"])
def test_rule_finding_the_verifier_agrees_with_is_marked_not_doubled(severity):
    rule = finding(S[COPY][1], S[REF][1], severity=severity)
    out = apply_policy(report([rule], ref_verdicts([0.9, 0.05])), POLICY)
    [f] = out.findings
    assert f.type == "claim_reversal" and f.source == "rule+model"
    assert (f.confidence, f.severity, f.claim) == (rule.confidence, severity, rule.claim)
    assert of_type(out, "contradiction") == []


def test_rule_finding_between_thresholds_is_left_alone():
    rule = finding(S[COPY][1], S[REF][1])
    r = report([rule], ref_verdicts([0.9, 0.5]))
    out = apply_policy(r, POLICY)
    assert out.findings == r.findings


# --------------------------------------------------------------------------- (c) supported


@pytest.mark.parametrize("p", [0.95, 0.97, 1.0])
def test_supported_sentence_keeps_its_finding_but_it_no_longer_counts(p):
    rule = finding(S[COPY][1], S[REF][1], confidence=0.8)
    r = report([rule], ref_verdicts([0.9, p]))
    assert len(r.changed_facts()) == 1
    out = apply_policy(r, POLICY)
    [f] = out.findings
    assert (f.type, f.rule_severity, f.claim, f.evidence) == (
        rule.type,
        rule.severity,
        rule.claim,
        rule.evidence,
    )
    # Shown, explained, and at severity info: every report reader counts non-info findings.
    assert f.severity == "info"
    assert f.source == "rule"
    assert f.confidence == pytest.approx(0.8 * (1.0 - p), abs=1e-4)
    assert f.confidence < MIN_CONFIDENCE
    assert f.explanation.startswith(rule.explanation) and "verifier" in f.explanation
    assert out.changed_facts("info") == ()
    assert not out.changed


# --------------------------------------------------------------------------- (d) omissions


def test_omission_about_a_reference_sentence_is_untouched():
    omitted = finding(S[REF][3], kind="omission", severity="info", introduced_by=COPY)
    r = report([omitted], ref_verdicts([0.99, 0.99, 0.99, 0.99]))
    out = apply_policy(r, POLICY)
    assert out.findings == r.findings


def test_omission_is_never_scored_even_on_a_scored_sentence():
    """Artificial (omissions are about reference sentences), but it pins UNSCORED: an omission
    is neither discounted, nor marked, nor does it stand in for a contradiction."""
    high_p = finding(S[COPY][0], kind="omission", severity="medium", confidence=0.7)
    low_p = finding(S[COPY][1], kind="omission", severity="medium", confidence=0.7)
    r = report([high_p, low_p], ref_verdicts([0.99, 0.01]))
    out = apply_policy(r, POLICY)
    omissions = of_type(out, "omission")
    assert [(f.confidence, f.source) for f in omissions] == [(0.7, "rule"), (0.7, "rule")]
    [c] = of_type(out, "contradiction")
    assert c.claim == whole(S[COPY][1])


# --------------------------------------------------------------------------- (e) reference


def test_findings_inside_the_reference_are_untouched():
    inside = finding(S[REF][1], S[REF][0], kind="internal_inconsistency", severity="medium")
    about_ref = [
        verdict(S[REF][1], 0.99, S[COPY][1]),
        verdict(S[REF][2], 0.01, S[COPY][2]),
        verdict(S[REF][3], 0.01, S[REF][2]),  # as a within-document verdict would be
    ]
    r = report([inside], about_ref)
    out = apply_policy(r, POLICY)
    assert out.findings == r.findings
    assert of_type(out, "contradiction") == []


# --------------------------------------------------------------------------- (f) summary and ids


def test_low_score_lowers_consistency_through_model_weight():
    # 0.3 lies between the thresholds: no finding changes, only the model term acts
    r = report(verdicts=ref_verdicts([0.9, 0.3, 0.95]))
    assert r.summary.consistency == 1.0
    out = apply_policy(r, POLICY)
    assert out.findings == ()
    assert out.summary.consistency == pytest.approx(1.0 - 0.5 * (1.0 - 0.3))
    assert out.summary.consistency_by_doc[COPY] == out.summary.consistency
    assert out.summary.consistency_by_doc[REF] == 1.0
    without_model = apply_policy(r, replace(POLICY, model_weight=0.0))
    assert without_model.summary.consistency == 1.0


def test_contradiction_lowers_consistency_further():
    r = report(verdicts=ref_verdicts([0.9, 0.1]))
    out = apply_policy(r, POLICY)
    assert out.summary.consistency < 1.0 - 0.5 * (1.0 - 0.1)


def test_all_supported_and_no_change_keeps_the_rules_consistency():
    rule = finding(S[COPY][1], S[REF][1], severity="medium", confidence=0.7)
    # no verdict on the finding's sentence, every other sentence fully supported
    verdicts = [verdict(S[COPY][i], 1.0, S[REF][i]) for i in (0, 2, 3)]
    r = report([rule], verdicts)
    assert r.summary.consistency < 1.0
    out = apply_policy(r, POLICY)
    assert out.findings == r.findings
    assert out.summary == r.summary


def test_several_copies_take_the_least_consistent():
    verdicts = [verdict(S[COPY][1], 0.3, S[REF][1]), verdict(S[OTHER][1], 0.6, S[REF][1])]
    out = apply_policy(report(verdicts=verdicts, docs=(REF, COPY, OTHER)), POLICY)
    assert out.summary.consistency_by_doc[COPY] == pytest.approx(0.65)
    assert out.summary.consistency_by_doc[OTHER] == pytest.approx(0.8)
    assert out.summary.consistency == pytest.approx(0.65)


def test_ids_are_renumbered_in_reading_order():
    later = finding(S[COPY][3], S[REF][3], kind="number_change")
    disputed = finding(S[COPY][2], S[REF][2], kind="role_change")
    r = report([later, disputed], ref_verdicts([0.9, 0.05, 0.99, 0.5]))
    assert [f.id for f in r.findings] == ["f1", "f2"]
    out = apply_policy(r, POLICY)
    assert [(f.id, f.type) for f in out.findings] == [
        ("f1", "contradiction"),
        ("f2", "role_change"),
        ("f3", "number_change"),
    ]
    assert out.summary.findings_by_type == {
        "contradiction": 1,
        "number_change": 1,
        "role_change": 1,
    }


def test_apply_policy_keeps_verdicts_and_the_rest_of_the_report():
    r = report(verdicts=ref_verdicts([0.1]))
    out = apply_policy(r, POLICY)
    assert out.verdicts == r.verdicts
    assert (out.reference, out.documents, out.mode) == (r.reference, r.documents, r.mode)


def test_contradiction_evidence_comes_from_a_scored_verdict():
    scored = verdict(S[COPY][1], 0.05, S[REF][1])
    ignored = verdict(S[COPY][1], 0.9, S[OTHER][1])
    out = apply_policy(report(verdicts=[scored, ignored], docs=(REF, COPY, OTHER)), POLICY)
    [c] = of_type(out, "contradiction")
    assert c.evidence == scored.evidence


# --------------------------------------------------------------------------- shipped verifier

SOURCE = (
    "The city council approved the new budget on Monday. "
    "The mayor, Ana Ruiz, said the plan would cut taxes for 4,000 families. "
    "The vote was held in public."
)
# Paraphrased throughout: near-identical sentences are left to the rules (pipeline
# RULES_ONLY_RELATIONS), so only rewritten sentences get verdicts.
REWRITE = (
    "On Monday the new budget was turned down by the councillors of the city. "
    "According to Ana Ruiz, who is mayor, families will pay higher taxes under the plan. "
    "Members of the public were able to watch as the vote took place."
)


@pytest.fixture(scope="module")
def shipped(resources):
    """The session Resources (conftest), skipped when this checkout ships no verifier."""
    if resources.verifier is None:
        pytest.skip("no verifier shipped in this checkout")
    return resources


def rule_view(r: Report) -> list[tuple]:
    return [(f.type, f.severity, f.claim, f.evidence, f.confidence, f.source) for f in r.findings]


def test_check_attaches_verdicts(shipped):
    from factdiff.api import check

    r = check(SOURCE, REWRITE, resources=shipped)
    assert r.verdicts
    for v in r.verdicts:
        assert 0.0 <= v.p_consistent <= 1.0
        assert v.claim.doc == "rewrite"
        assert v.evidence and all(e.doc == "source" for e in v.evidence)


def test_without_the_model_there_are_no_verdicts(shipped):
    from factdiff.api import check
    from factdiff.options import Options

    r = check(SOURCE, REWRITE, options=Options(use_model=False), resources=shipped)
    assert r.verdicts == ()
    assert of_type(r, "contradiction") == []
    assert all(f.source == "rule" for f in r.findings)


def test_run_without_combine_leaves_rule_findings_alone(shipped):
    from factdiff.ingest import document_from_text
    from factdiff.options import Options
    from factdiff.pipeline import run
    from factdiff.reconcile import finish

    docs = [
        document_from_text(SOURCE, "source", source="source"),
        document_from_text(REWRITE, "rewrite", source="rewrite"),
    ]
    rules = run(docs, Options(use_model=False), shipped, combine=False)
    raw = run(docs, Options(), shipped, combine=False)
    assert raw.verdicts and rules.verdicts == ()
    assert rule_view(raw) == rule_view(rules)
    assert rules.findings, "the rewrite reverses facts: the rules should name some"
    # and combining, then calibrating, afterwards is exactly what run() does by default
    combined = run(docs, Options(), shipped)
    policy = Policy.from_manifest(shipped.verifier.manifest)
    assert combined == finish(raw, policy, shipped.calibration)
    assert combined.findings != apply_policy(raw, policy).findings  # calibration did act
