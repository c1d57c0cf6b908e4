"""CALIBRATE (the end of reconcile): a finding's confidence becomes the precision its kind of
finding has shown on the development stories, and only findings likely to be right are
reported as changed facts.

A rule says *what* changed; how often such a finding is right depends on its type, on how
close the claim is to its evidence, and on the words it names (a one-letter difference is a
spinner's typo far more often than a new name). A small logistic model over those features
(``finding_features``), fitted by ``scripts/calibrate.py`` on spun development stories and
shipped as ``models/calibration.json`` (pinned by sha256 in ``models/manifest.json`` like every
model), turns each finding into P(right). Then:

* ``confidence`` is that probability;
* a finding under ``report_at`` is kept, explained, at severity ``info``: shown, never counted
  as a changed fact (a report that cries wolf is not read). The shipped ``report_at`` is the
  out-of-fold threshold for 0.85 precision (stories never split across folds), so only
  findings of the kind that was right that often are counted;
* a finding under ``medium_at`` is at most ``low`` (the shipped file sets both alike);
* the rule's own severity is kept in ``rule_severity``.

Omissions (info by design) and a sentence contradicting itself pass unchanged. The model is
fitted on the stories the rules were tuned on, so it is optimistic: the README gives its
effect on the stories held out from both.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from factdiff.types import SEVERITY_ORDER, Finding, Severity

CALIBRATION = "calibration"  # its name in models/manifest.json
# Omissions are info by design; a sentence contradicting itself is judged on that sentence
# alone, with no counterpart whose closeness the model could weigh.
UNCALIBRATED = frozenset({"omission", "internal_inconsistency"})


def _words(text: str) -> set[str]:
    return {w.strip(".,;:!?'\"()").lower() for w in text.split()} - {""}


def finding_features(f: Finding, consensus: bool) -> dict[str, float]:
    """What the calibration model sees of one finding. Every feature is general: the type, the
    rule's own confidence (relation and similarity of the pair), where the evidence is, and
    how the changed words compare with the words they replace."""
    feats: dict[str, float] = {f"type={f.type}": 1.0}
    feats["rule_confidence"] = float(f.confidence)
    feats["model"] = float("model" in f.source)
    feats["within_page"] = float(bool(f.evidence) and all(e.doc == f.claim.doc for e in f.evidence))
    feats["no_evidence"] = float(not f.evidence)
    feats["consensus"] = float(consensus)
    feats["evidence_versions"] = float(len({e.doc for e in f.evidence}))
    claim_span = f.claim.span.strip()
    ev_span = next((e.span.strip() for e in f.evidence if e.span.strip()), "")
    feats["no_claim_span"] = float(not claim_span)
    feats["no_evidence_span"] = float(not ev_span)
    if claim_span and ev_span:
        # Two names ("Brennan County" / "Kestrel County") are a sharper contrast than two
        # common phrases ("champion" / "gold medallist").
        feats["both_names"] = float(claim_span[:1].isupper() and ev_span[:1].isupper())
        a, b = claim_span.lower(), ev_span.lower()
        feats["span_similarity"] = fuzz.ratio(a, b) / 100.0
        wa, wb = _words(a), _words(b)
        feats["span_word_overlap"] = len(wa & wb) / max(1, len(wa | wb))
    # How much of the claim sentence the evidence sentence shares: a loose pairing is where
    # a finding compares sentences that are not counterparts.
    if f.evidence:
        wc, we = _words(f.claim.text), _words(f.evidence[0].text)
        feats["sentence_overlap"] = len(wc & we) / max(1, len(wc | we))
    feats["claim_span_words"] = min(len(claim_span.split()), 8) / 8.0
    return feats


@dataclass(frozen=True, slots=True)
class Calibration:
    """A fitted logistic model and the two thresholds on its output."""

    weights: Mapping[str, float]
    bias: float
    report_at: float
    medium_at: float
    meta: Mapping[str, object]

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict:
        return {
            "format": 1,
            "weights": dict(sorted(self.weights.items())),
            "bias": self.bias,
            "report_at": self.report_at,
            "medium_at": self.medium_at,
            "meta": dict(self.meta),
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Calibration:
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            report_at=float(data["report_at"]),
            medium_at=float(data["medium_at"]),
            meta=data.get("meta", {}),
        )


def load_calibration() -> Calibration | None:
    """The shipped calibration, checked against its pinned sha256; None when the manifest
    names none (a build without one reports the rules' own confidences)."""
    from factdiff.models import load_manifest, model_file

    manifest = load_manifest()
    if CALIBRATION not in manifest:
        return None
    path = model_file(CALIBRATION, manifest)
    return Calibration.from_dict(json.loads(path.read_text(encoding="utf-8")))


def calibrate_finding(f: Finding, calibration: Calibration, consensus: bool) -> Finding:
    if f.type in UNCALIBRATED or f.severity == "info":
        return f
    p = round(calibration.probability(finding_features(f, consensus)), 4)
    severity: Severity = f.severity
    note = ""
    if p < calibration.report_at:
        severity = "info"
        note = (
            f" Findings like this one were right only about {p:.0%} of the time on the "
            "development stories, so it is shown as unconfirmed, not counted as a changed fact."
        )
    elif p < calibration.medium_at and SEVERITY_ORDER[severity] > SEVERITY_ORDER["low"]:
        severity = "low"
    return replace(
        f,
        confidence=p,
        severity=severity,
        rule_severity=f.rule_severity or f.severity,
        explanation=f.explanation + note,
    )


def calibrate_findings(
    findings: Sequence[Finding], calibration: Calibration | None, consensus: bool
) -> list[Finding]:
    """Every finding calibrated (unchanged without a calibration)."""
    if calibration is None:
        return list(findings)
    return [calibrate_finding(f, calibration, consensus) for f in findings]
