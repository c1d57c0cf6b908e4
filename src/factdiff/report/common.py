"""What every renderer needs: where the changed words sit in a sentence, how to shorten a long
sentence around them, and findings grouped by severity. Pure functions over the records."""

from __future__ import annotations

from dataclasses import dataclass

from factdiff.report.json_report import finding_id
from factdiff.types import SEVERITY_ORDER, Finding, Report, Span

SEVERITIES: tuple[str, ...] = ("high", "medium", "low", "info")


def type_label(finding_type: str) -> str:
    """``entity_substitution`` -> ``entity substitution`` (for humans)."""
    return finding_type.replace("_", " ")


def span_bounds(s: Span) -> tuple[int, int] | None:
    """Offsets of the changed words relative to ``s.text``, or None when there are none.

    Trusts ``span_start``/``span_end`` when they fall inside the sentence and agree with
    ``span``; otherwise looks the ``span`` words up in the sentence (reports read back from
    JSON written by other tools may carry only the words)."""
    n = len(s.text)
    if s.span_start is not None and s.span_end is not None:
        lo, hi = s.span_start - s.start, s.span_end - s.start
        if 0 <= lo < hi <= n and (not s.span or s.text[lo:hi] == s.span):
            return lo, hi
    if s.span:
        at = s.text.find(s.span)
        if at >= 0:
            return at, at + len(s.span)
    return None


@dataclass(frozen=True, slots=True)
class Pieces:
    """A sentence cut around its changed words, possibly shortened (``cut_left/right``)."""

    before: str
    changed: str
    after: str
    cut_left: bool = False
    cut_right: bool = False


def sentence_pieces(s: Span, max_chars: int = 320) -> Pieces:
    """Cut the sentence at its changed words; sentences longer than ``max_chars`` keep a
    window around the change, so one run-on sentence cannot swamp a report."""
    text = " ".join(s.text.split())  # one line: newlines inside a sentence only get in the way
    flat = Span(s.doc, s.start, s.end, text, " ".join(s.span.split()))
    bounds = span_bounds(s if text == s.text else flat)
    if bounds is None:
        if len(text) <= max_chars:
            return Pieces(text, "", "")
        return Pieces(text[:max_chars].rstrip(), "", "", cut_right=True)
    lo, hi = bounds
    before, changed, after = text[:lo], text[lo:hi], text[hi:]
    room = max(max_chars - len(changed), 40)
    cut_left = cut_right = False
    if len(before) + len(after) > room:
        keep_before = min(len(before), room // 2)
        keep_after = min(len(after), room - keep_before)
        keep_before = min(len(before), room - keep_after)
        if keep_before < len(before):
            before = before[len(before) - keep_before :]
            cut_left = True
        if keep_after < len(after):
            after = after[:keep_after]
            cut_right = True
    return Pieces(before, changed, after, cut_left, cut_right)


def numbered_findings(report: Report) -> list[tuple[str, Finding]]:
    """Each finding with its contract id (positional fallback when it has none)."""
    return [(finding_id(f, i), f) for i, f in enumerate(report.findings)]


def by_severity(report: Report) -> list[tuple[str, list[tuple[str, Finding]]]]:
    """Findings grouped high -> info, report order kept inside a group; empty groups dropped.
    Unknown severities go last rather than being dropped."""
    groups: dict[str, list[tuple[str, Finding]]] = {}
    for fid, f in numbered_findings(report):
        groups.setdefault(f.severity, []).append((fid, f))
    order = sorted(groups, key=lambda sev: (-SEVERITY_ORDER.get(sev, -1), sev))
    return [(sev, groups[sev]) for sev in order]


def doc_label(report: Report, doc_id: str) -> str:
    """``d1 (title)`` when the document has a title, else its id."""
    for d in report.documents:
        if d.id == doc_id and d.title:
            return f"{doc_id} ({d.title})"
    return doc_id


def findings_per_doc(report: Report) -> dict[str, int]:
    """Findings above ``info`` that each document introduced (or claims, when unattributed)."""
    counts = {d.id: 0 for d in report.documents}
    for f in report.findings:
        if f.severity == "info":
            continue
        doc = f.introduced_by or f.claim.doc
        counts[doc] = counts.get(doc, 0) + 1
    return counts
