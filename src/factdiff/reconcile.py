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

from factdiff.consistency import content_support, document_consistency
from factdiff.types import (
    SEVERITY_ORDER,
    Alignment,
    Document,
    DocumentInfo,
    Finding,
    IngestError,
    Report,
    Sentence,
    SentenceFacts,
    Summary,
)

if TYPE_CHECKING:
    from factdiff.checks.documents import DocPairFindings


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
) -> Report:
    if reference is None:
        cross = consensus_findings(results)
    else:
        cross = [f for r in results for f in r.findings]
    cross = not_against_spun(cross, within)
    findings = number_findings(merge_duplicates([*cross, *within]), [d.id for d in docs])
    return Report(
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
        findings=tuple(findings),
        summary=summarise(docs, findings, facts, reference),
        errors=tuple(errors),
        warnings=tuple(warnings),
        texts={d.id: d.text for d in docs},
        mode="reference" if reference is not None else "consensus",
    )


def not_against_spun(cross: Sequence[Finding], within: Sequence[Finding]) -> list[Finding]:
    """Direction from evidence, not from file order: a sentence that its own page shows to
    be a changed rewrite of the page's earlier original (a within-page finding) is no
    evidence against another version. A copy that agrees with the original is then not
    flagged for disagreeing with the spun caption; the spun caption is reported on its page."""
    spun = {
        (f.claim.doc, f.claim.start)
        for f in within
        if f.severity != "info" and f.evidence and all(e.doc == f.claim.doc for e in f.evidence)
    }
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


def number_findings(findings: Sequence[Finding], doc_order: Sequence[str]) -> list[Finding]:
    """Stable ids in reading order: by document, place, then severity."""
    rank = {d: i for i, d in enumerate(doc_order)}
    ordered = sorted(
        findings,
        key=lambda f: (
            rank.get(f.claim.doc, len(rank)),
            f.claim.start,
            f.claim.span_start if f.claim.span_start is not None else f.claim.start,
            -SEVERITY_ORDER[f.severity],
            f.type,
        ),
    )
    return [
        replace(f, id=f"f{i}", introduced_by=f.introduced_by or f.claim.doc)
        for i, f in enumerate(ordered, start=1)
    ]


def summarise(
    docs: Sequence[Document],
    findings: Sequence[Finding],
    facts: Mapping[str, Sequence[SentenceFacts]],
    reference: str | None,
) -> Summary:
    per_doc: dict[str, float] = {}
    support: dict[str, float] = {}
    for doc in docs:
        if doc.id == reference:
            per_doc[doc.id] = 1.0
            continue
        own = [f for f in findings if f.introduced_by == doc.id]
        others = [d.id for d in docs if d.id != doc.id]
        source = [reference] if reference is not None else others
        source_facts = [sf for d in source for sf in facts.get(d, ())]
        support[doc.id] = content_support(facts.get(doc.id, ()), source_facts)
        per_doc[doc.id] = document_consistency(own, support[doc.id])
    return build_summary(findings, per_doc, support, reference)


def build_summary(
    findings: Sequence[Finding],
    per_doc: Mapping[str, float],
    support: Mapping[str, float],
    reference: str | None,
) -> Summary:
    """The summary from per-document consistencies: overall is the least consistent copy.
    Shared by reconcile and by the verifier's rescoring (verify/combine.py)."""
    by_type: dict[str, int] = {}
    for f in findings:
        by_type[f.type] = by_type.get(f.type, 0) + 1
    copies = [v for d, v in per_doc.items() if d != reference]
    return Summary(
        consistency=round(min(copies) if copies else 1.0, 4),
        findings_by_type=dict(sorted(by_type.items())),
        consistency_by_doc={k: round(v, 4) for k, v in per_doc.items()},
        support_by_doc={k: round(v, 4) for k, v in support.items()},
    )
