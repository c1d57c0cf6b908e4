"""The report's last step, shared by reconcile and the benchmark runner: findings numbered in
reading order, and the summary (each copy's consistency) computed once from the final
findings, the copy's content support and the verifier's least supported sentence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from factdiff.consistency import document_consistency
from factdiff.types import SEVERITY_ORDER, Finding, Summary


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


def summarise_findings(
    findings: Sequence[Finding],
    doc_ids: Sequence[str],
    support: Mapping[str, float],
    reference: str | None,
    model: Mapping[str, float] | None = None,
) -> Summary:
    """Each copy's consistency: its findings, its content support (``support``, 1.0 when not
    known) and the verifier's factor (``model``, see ``verify.combine.model_factors``)."""
    per_doc: dict[str, float] = {}
    for doc in doc_ids:
        if doc == reference:
            per_doc[doc] = 1.0
            continue
        own = [f for f in findings if f.introduced_by == doc]
        factor = (model or {}).get(doc, 1.0)
        per_doc[doc] = document_consistency(own, support.get(doc, 1.0)) * factor
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
