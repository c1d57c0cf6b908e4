"""Combine the learned verifier with the rule findings.

The rules name changes; the verifier scores whole sentences. Each is wrong in its own way, so
the combination is deliberately simple and every effect shows in the report:

* a copy sentence the verifier judges unsupported (P(consistent) < ``contradict_below``) and on
  which no rule found a change of severity medium or worse gets a ``contradiction`` finding;
* a rule finding on a sentence the verifier judges clearly supported (P >= ``support_above``)
  keeps its place in the report but its confidence is multiplied by (1 - P), which takes it
  under ``MIN_CONFIDENCE``: it is shown, explained, and no longer counts as a changed fact;
* a rule finding the verifier agrees with (P < ``contradict_below``) is marked ``rule+model``;
* ``summary.consistency`` is recomputed from the new findings, the content support and the
  least supported sentence of each copy.

The thresholds belong to the model (they are stored in its manifest, chosen on dev data by
``scripts/tune_policy.py``), so a retrained model ships with its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from factdiff.types import (
    MIN_CONFIDENCE,
    SEVERITY_ORDER,
    Finding,
    Report,
    Sentence,
    Span,
    Verdict,
)

# Neighbouring source sentences on each side of an evidence sentence: the verifier was trained
# on passages built the same way (training/data.py), and pronouns need their antecedents.
NEIGHBOURS = 1
# Source windows (SummaC-ZS style): WINDOW sentences every STRIDE, for a source of at most
# MAX_WINDOWS windows (about 50 sentences: summaries' sources, news stories).
WINDOW = 8
STRIDE = 4
MAX_WINDOWS = 12
# Findings about what a copy lacks, not about what a copy sentence says: no score applies.
UNSCORED = frozenset({"omission"})


@dataclass(frozen=True, slots=True)
class Policy:
    """How verifier scores turn into findings (see the module docstring)."""

    contradict_below: float = 0.2
    support_above: float = 0.95
    # Weight of the least supported sentence in summary.consistency (0 = findings only).
    model_weight: float = 0.5
    # Used only to measure the verifier ALONE (factdiff eval's "verifier" column): a copy is
    # flagged when its least supported sentence is under this. Chosen on dev data, like the
    # others, so the verifier alone gets its own best threshold, not one tuned for combining.
    alone_below: float = 0.5

    def __post_init__(self) -> None:
        # A disputed finding's confidence is multiplied by (1 - P) <= 1 - support_above; it
        # must land under MIN_CONFIDENCE or it would still count as a changed fact.
        if not 1.0 - self.support_above < MIN_CONFIDENCE:
            raise ValueError(f"support_above must be > {1 - MIN_CONFIDENCE}")

    @classmethod
    def from_manifest(cls, manifest: Mapping[str, Any]) -> Policy:
        return cls(**{k: float(v) for k, v in manifest.get("policy", {}).items()})


# --------------------------------------------------------------------------- scoring


def premise(evidence: Sequence[Sentence], doc_sentences: Sequence[Sentence]) -> str:
    """The source passage for a copy sentence: its evidence sentences with ``NEIGHBOURS``
    sentences on each side, in document order, each sentence once."""
    keep: set[int] = set()
    for s in evidence:
        lo = max(0, s.index - NEIGHBOURS)
        hi = min(len(doc_sentences) - 1, s.index + NEIGHBOURS)
        keep.update(range(lo, hi + 1))
    return " ".join(doc_sentences[i].text.strip() for i in sorted(keep))


def window_spans(n: int) -> list[tuple[int, int]]:
    """Sentence ranges [lo, hi) of every ``WINDOW``-sentence window, one every ``STRIDE``, of a
    source of ``n`` sentences; none when the source fits in one window."""
    if n <= WINDOW:
        return []
    return [(lo, min(n, lo + WINDOW)) for lo in range(0, n - WINDOW + STRIDE, STRIDE)]


def premises(evidence: Sequence[Sentence], doc_sentences: Sequence[Sentence]) -> tuple[str, ...]:
    """The local passage first, then every source window, so that a fact the retrieval missed
    is still found; a source of more than ``MAX_WINDOWS`` windows gets the local passage alone
    (the cost of all windows grows with the product of the two lengths: a 100-sentence story
    took 3.5 times as long)."""
    texts = [premise(evidence, doc_sentences)]
    spans = window_spans(len(doc_sentences))
    for lo, hi in spans if len(spans) <= MAX_WINDOWS else []:
        texts.append(" ".join(s.text.strip() for s in doc_sentences[lo:hi]))
    return tuple(dict.fromkeys(texts))


@dataclass(frozen=True, slots=True)
class Request:
    """One copy sentence to score against its evidence: the verdict is the best support any
    of the ``premises`` gives it (a fact needs to be supported somewhere, not everywhere)."""

    claim: Sentence
    evidence: tuple[Sentence, ...]
    premises: tuple[str, ...]


def score_requests(verifier: Any, requests: Sequence[Request]) -> list[Verdict]:
    """Score every (premise, sentence) pair of every request in one batched call."""
    if not requests:
        return []
    owner = [i for i, r in enumerate(requests) for _ in r.premises]
    probs = verifier.score(
        [p for r in requests for p in r.premises],
        [r.claim.text for r in requests for _ in r.premises],
    )
    best = [0.0] * len(requests)
    for i, p in zip(owner, probs, strict=True):
        best[i] = max(best[i], float(p))
    return [
        Verdict(
            claim=_sentence_span(r.claim),
            evidence=tuple(map(_sentence_span, r.evidence)),
            p_consistent=round(best[i], 4),
        )
        for i, r in enumerate(requests)
    ]


def _sentence_span(s: Sentence) -> Span:
    return Span(s.doc, s.start, s.end, s.text)


# --------------------------------------------------------------------------- combining


def scored_verdicts(report: Report) -> dict[tuple[str, int], Verdict]:
    """The verdict that speaks for each copy sentence (doc, start).

    Verdicts about the reference, and in reference mode verdicts against another copy, do not
    count. Against several versions (consensus mode) the sentence takes the upper median
    judgement: it falls under a threshold only when MORE than half of the versions put it
    there, the same majority rule as for rule findings (reconcile.consensus_findings)."""
    by_claim: dict[tuple[str, int], list[Verdict]] = defaultdict(list)
    for v in report.verdicts:
        if v.claim.doc == report.reference:
            continue
        if report.reference is not None and not any(e.doc == report.reference for e in v.evidence):
            continue
        by_claim[(v.claim.doc, v.claim.start)].append(v)
    out = {}
    for key, found in by_claim.items():
        found.sort(key=lambda v: v.p_consistent)
        out[key] = found[len(found) // 2]
    return out


def sentence_scores(report: Report) -> dict[tuple[str, int], float]:
    """P(consistent) per copy sentence (doc, start); see ``scored_verdicts``."""
    return {k: v.p_consistent for k, v in scored_verdicts(report).items()}


def verifier_only_score(report: Report) -> float:
    """The verifier alone: the least supported copy sentence (1.0 when none was scored)."""
    return min(sentence_scores(report).values(), default=1.0)


def combine_findings(
    findings: Sequence[Finding],
    verdicts: Mapping[tuple[str, int], Verdict],
    policy: Policy,
) -> list[Finding]:
    """The findings with the verifier's judgements folded in (see the module docstring);
    ``verdicts`` as ``scored_verdicts`` gives them. Not numbered: reconcile numbers once."""
    scores = {k: v.p_consistent for k, v in verdicts.items()}
    named = {
        (f.claim.doc, f.claim.start)
        for f in findings
        if SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER["medium"] and f.type not in UNSCORED
    }
    out: list[Finding] = []
    for f in findings:
        p = scores.get((f.claim.doc, f.claim.start))
        if p is None or f.type in UNSCORED:
            out.append(f)
        elif p >= policy.support_above:
            out.append(
                replace(
                    f,
                    severity="info",
                    rule_severity=f.rule_severity or f.severity,
                    confidence=round(f.confidence * (1.0 - p), 4),
                    explanation=f"{f.explanation} The verifier judges the sentence supported "
                    f"(P(consistent) = {p:.2f}), so this finding's confidence was lowered and "
                    "it is not counted as a changed fact.",
                )
            )
        elif p < policy.contradict_below:
            out.append(replace(f, source="rule+model"))
        else:
            out.append(f)
    for key, v in verdicts.items():
        p = v.p_consistent
        if p >= policy.contradict_below or key in named:
            continue
        out.append(
            Finding(
                type="contradiction",
                severity="high" if p < policy.contradict_below / 4 else "medium",
                confidence=round(1.0 - p, 4),
                claim=v.claim,
                evidence=v.evidence,
                explanation=(
                    f"The verifier judges this sentence not supported by its source passage "
                    f"(P(consistent) = {p:.2f}), though no rule could name the change."
                ),
                introduced_by=v.claim.doc,
                source="model",
            )
        )
    return out


def model_factors(verdicts: Mapping[tuple[str, int], Verdict], policy: Policy) -> dict[str, float]:
    """Per copy, what its least supported sentence leaves of its consistency."""
    least: dict[str, float] = {}
    for (doc, _), v in verdicts.items():
        least[doc] = min(least.get(doc, 1.0), v.p_consistent)
    return {doc: 1.0 - policy.model_weight * (1.0 - p) for doc, p in least.items()}


def apply_policy(report: Report, policy: Policy) -> Report:
    """The report with the verifier's judgements folded into its findings and summary (no
    calibration: ``reconcile.finish`` does both)."""
    from factdiff.reconcile import finish

    return finish(report, policy, None)
