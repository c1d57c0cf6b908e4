"""Reconcile: decide which version introduced each change and build the report.

Reference mode: every change is judged against the reference and introduced by the copy that
carries it. Consensus mode (three or more versions, no reference): every version was checked
against every other; a version that disagrees with the majority of the versions that carry the
same sentence introduced the change, and the disagreements the majority does not share are
dropped (they are the same change seen from the other side).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from factdiff.calibrate import Calibration, calibrate_findings
from factdiff.consistency import content_support
from factdiff.summary import number_findings, summarise_findings
from factdiff.types import (
    Alignment,
    Document,
    DocumentInfo,
    Finding,
    IngestError,
    Report,
    Sentence,
    SentenceFacts,
    Span,
    Summary,
    Verdict,
)

if TYPE_CHECKING:
    from factdiff.checks.documents import DocPairFindings
    from factdiff.verify.combine import Policy


def reconcile(
    docs: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    alignments: Sequence[Alignment],
    results: Sequence[DocPairFindings],
    within: Sequence[Finding],
    facts: Mapping[str, Sequence[SentenceFacts]],
    *,
    reference: str | None,
    errors: Sequence[IngestError] = (),
    warnings: Sequence[str] = (),
    verdicts: Sequence[Verdict] = (),
    policy: Policy | None = None,
    calibration: Calibration | None = None,
) -> Report:
    """The report, built once: the changes each version introduced, the verifier's verdicts
    folded in (with ``policy``), every finding calibrated (with ``calibration``), numbered,
    and the summary computed from the final findings."""
    if reference is None:
        cross = consensus_findings(results)
    else:
        cross = [f for r in results for f in r.findings]
    within = orient_within(within, alignments, reference)
    cross = not_against_spun(cross, within) + repeated_spin(within, alignments)
    report = Report(
        reference=reference,
        documents=tuple(
            DocumentInfo(
                id=d.id,
                source=d.source,
                title=d.title,
                sentences=len(sentences[d.id]),
                language=d.meta.get("language", "en"),
            )
            for d in docs
        ),
        alignments=tuple(alignments),
        findings=tuple(merge_duplicates([*cross, *within])),
        summary=Summary(
            consistency=1.0, findings_by_type={}, support_by_doc=support(docs, facts, reference)
        ),
        errors=tuple(errors),
        warnings=tuple(warnings),
        texts={d.id: d.text for d in docs},
        mode="reference" if reference is not None else "consensus",
        verdicts=tuple(verdicts),
    )
    return conclude(report, policy, calibration)


def finish(report: Report, policy: Policy | None, calibration: Calibration | None) -> Report:
    """A finished report with the verifier's verdicts folded in and its findings calibrated
    afterwards: the benchmark runner measures the rules alone and rules with the verifier
    from one ``combine=False`` report so. Nothing to apply, nothing changes."""
    if policy is None and calibration is None:
        return report
    return conclude(report, policy, calibration)


def conclude(report: Report, policy: Policy | None, calibration: Calibration | None) -> Report:
    """Fold the verifier's verdicts into the findings (``verify.combine``, with ``policy``),
    calibrate every finding (``calibrate``), number them and summarise, once."""
    from factdiff.verify.combine import combine_findings, model_factors, scored_verdicts

    findings = list(report.findings)
    model = None
    if policy is not None:
        scored = scored_verdicts(report)
        findings = combine_findings(findings, scored, policy)
        model = model_factors(scored, policy)
    findings = calibrate_findings(findings, calibration, report.reference is None)
    doc_ids = [d.id for d in report.documents]
    numbered = number_findings(findings, doc_ids)
    summary = summarise_findings(
        numbered, doc_ids, report.summary.support_by_doc, report.reference, model
    )
    return replace(report, findings=tuple(numbered), summary=summary)


def spun_rewrites(within: Sequence[Finding]) -> list[Finding]:
    """The counted within-page findings: a sentence its own page shows to be a changed
    rewrite of the page's earlier original."""
    return [
        f
        for f in within
        if f.severity != "info" and f.evidence and all(e.doc == f.claim.doc for e in f.evidence)
    ]


def orient_within(
    within: Sequence[Finding], alignments: Sequence[Alignment], reference: str | None
) -> list[Finding]:
    """Direction from evidence, not from order on the page: a within-page finding judges the
    later sentence against the earlier one, but when the later one is what the reference
    carries word for word and the earlier one is not (a copy that opens with spun bullet
    points and quotes the original below), the earlier one is the rewrite: the finding is
    turned round. A page that is itself the reference keeps its order: a copy repeating one
    of its sentences may be repeating the spin."""
    carried = {
        (mine.doc, mine.start)
        for al in alignments
        if al.relation == "verbatim" and al.a.doc != al.b.doc
        for mine, other in ((al.a, al.b), (al.b, al.a))
        if other.doc == reference
    }
    out = []
    for f in within:
        ev = f.evidence[0] if len(f.evidence) == 1 else None
        if (
            ev is None
            or ev.doc != f.claim.doc
            or (f.claim.doc, f.claim.start) not in carried
            or (ev.doc, ev.start) in carried
        ):
            out.append(f)
            continue
        out.append(
            replace(
                f,
                claim=ev,
                evidence=(f.claim,),
                explanation=f"{ev.doc} says '{ev.span}' where its own sentence that another "
                f"version carries word for word says '{f.claim.span}' "
                f"({f.type.replace('_', ' ')}).",
            )
        )
    return out


def repeated_spin(within: Sequence[Finding], alignments: Sequence[Alignment]) -> list[Finding]:
    """A version that repeats, word for word, a sentence its page shows to be a changed
    rewrite (a within-page finding) carries the same change: it is reported on that version
    too, against the page's original, with the changed words where the copy has them."""
    out: list[Finding] = []
    for f in spun_rewrites(within):
        for al in alignments:
            if al.relation != "verbatim" or al.a.doc == al.b.doc:
                continue
            ends = {(al.a.doc, al.a.start): al.b, (al.b.doc, al.b.start): al.a}
            copy = ends.get((f.claim.doc, f.claim.start))
            if copy is None or not f.claim.span or f.claim.span not in copy.text:
                continue
            at = copy.start + copy.text.index(f.claim.span)
            claim = Span(
                copy.doc, copy.start, copy.end, copy.text, f.claim.span, at, at + len(f.claim.span)
            )
            out.append(
                replace(
                    f,
                    claim=claim,
                    introduced_by=copy.doc,
                    explanation=f"{f.explanation} {copy.doc} repeats that sentence.",
                )
            )
    return out


def not_against_spun(cross: Sequence[Finding], within: Sequence[Finding]) -> list[Finding]:
    """Direction from evidence, not from file order: a sentence that its own page shows to
    be a changed rewrite of the page's earlier original (a within-page finding) is no
    evidence against another version. A copy that agrees with the original is then not
    flagged for disagreeing with the spun caption; the spun caption is reported on its page."""
    spun = {(f.claim.doc, f.claim.start) for f in spun_rewrites(within)}
    return [
        f for f in cross if not (f.evidence and all((e.doc, e.start) in spun for e in f.evidence))
    ]


def consensus_findings(results: Sequence[DocPairFindings]) -> list[Finding]:
    """Keep a change only where its version is the outlier: it disagrees with more than half
    of the other versions that carry the sentence. A one-against-one disagreement cannot be
    resolved, so both sides are kept at half confidence."""
    by_key: dict[tuple[str, int, str], list[Finding]] = defaultdict(list)
    carriers: dict[tuple[str, int], int] = defaultdict(int)
    for r in results:
        for start in r.carried:
            carriers[(r.claim_doc, start)] += 1
        for f in r.findings:
            by_key[(f.claim.doc, f.claim.start, f.type)].append(f)
    kept: list[Finding] = []
    for (doc, start, _type), found in by_key.items():
        disagreeing = {e.doc for f in found for e in f.evidence}
        others = max(1, carriers.get((doc, start), len(disagreeing)))
        if len(disagreeing) * 2 > others:
            factor = 0.5 if others == 1 else 1.0
            kept.extend(
                replace(f, introduced_by=doc, confidence=f.confidence * factor) for f in found
            )
    return kept


def merge_duplicates(findings: Sequence[Finding]) -> list[Finding]:
    """One finding per (claim place, type, changed words): evidence from several versions is
    merged and the highest confidence kept."""
    merged: dict[tuple, Finding] = {}
    for f in findings:
        key = (f.claim.doc, f.claim.start, f.claim.span_start, f.claim.span_end, f.type)
        if key not in merged:
            merged[key] = f
            continue
        old = merged[key]
        evidence = old.evidence + tuple(e for e in f.evidence if e not in old.evidence)
        best = f if f.confidence > old.confidence else old
        merged[key] = replace(best, evidence=evidence)
    return list(merged.values())


def support(
    docs: Sequence[Document], facts: Mapping[str, Sequence[SentenceFacts]], reference: str | None
) -> dict[str, float]:
    """Each copy's content support: the share of its content words its source uses."""
    out: dict[str, float] = {}
    for doc in docs:
        if doc.id == reference:
            continue
        others = [d.id for d in docs if d.id != doc.id]
        source = [reference] if reference is not None else others
        source_facts = [sf for d in source for sf in facts.get(d, ())]
        out[doc.id] = content_support(facts.get(doc.id, ()), source_facts)
    return out


def summarise(
    docs: Sequence[Document],
    findings: Sequence[Finding],
    facts: Mapping[str, Sequence[SentenceFacts]],
    reference: str | None,
) -> Summary:
    """The rules-only summary of numbered findings (no verifier factor)."""
    return summarise_findings(
        findings, [d.id for d in docs], support(docs, facts, reference), reference
    )
