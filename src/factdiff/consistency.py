"""How consistent a copy is with its source, as one number in [0, 1].

It must rank documents usefully (it is scored by ROC AUC), so it mixes two signals: the
findings (each weighted by severity and confidence: several independent pieces of evidence that
a fact changed multiply), and how much of the copy's content vocabulary is found in the source
at all (a copy that talks of things the source never mentions is less likely to be faithful,
even when no rule can name the change).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from factdiff.types import Finding, SentenceFacts

SEVERITY_WEIGHT = {"high": 1.0, "medium": 0.6, "low": 0.25, "info": 0.0}
# Share of the score that comes from vocabulary support rather than findings.
SUPPORT_WEIGHT = 0.25


def findings_factor(findings: Iterable[Finding]) -> float:
    """1.0 with no finding; each finding removes its severity-weighted confidence. The weight
    is the rule's severity: a calibrated finding shown as unconfirmed (info) still lowers the
    score by its (small) probability of being right, so the score keeps ranking copies."""
    factor = 1.0
    for f in findings:
        weight = SEVERITY_WEIGHT.get(f.rule_severity or f.severity, 0.0)
        factor *= 1.0 - weight * max(0.0, min(1.0, f.confidence))
    return factor


def content_support(copy: Sequence[SentenceFacts], source: Sequence[SentenceFacts]) -> float:
    """Share of the copy's content lemmas that occur anywhere in the source (1.0 if none)."""
    source_vocab = {m.norm for sf in source for m in sf.content}
    words = [m.norm for sf in copy for m in sf.content]
    if not words:
        return 1.0
    return sum(w in source_vocab for w in words) / len(words)


def support_factor(support: float) -> float:
    """How much a copy's content support (see ``content_support``) leaves of the score."""
    return 1.0 - SUPPORT_WEIGHT * (1.0 - support)


def document_consistency(findings: Sequence[Finding], support: float) -> float:
    return findings_factor(findings) * support_factor(support)
