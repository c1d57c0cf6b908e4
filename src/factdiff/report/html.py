"""The report as one self-contained HTML file: the versions side by side, changed words
highlighted, aligned sentences linked, findings filterable.

Article text is untrusted (the whole point of the tool is to read copies made by content farms),
so: Jinja autoescaping everywhere, highlighted text built by slicing the original text at
offsets and escaping each piece, no article text in the script, and a Content-Security-Policy
that allows only our own inline style and script (by sha256), nothing from the network.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from factdiff.report.common import (
    SEVERITIES,
    by_severity,
    findings_per_doc,
    numbered_findings,
    sentence_pieces,
    span_bounds,
    type_label,
)
from factdiff.report.json_report import factdiff_version
from factdiff.types import MIN_CONFIDENCE, SEVERITY_ORDER, DocumentInfo, Finding, Report, Span

TEMPLATES = Path(__file__).parent / "templates"
_MAX_PATCHWORK = 20_000_000  # offsets past this in a report without texts are not trusted
_HOLE = "\0"  # fills the parts of a document whose text the report does not carry


# --------------------------------------------------------------------------- view model


@dataclass(frozen=True, slots=True)
class Part:
    """A run of characters with one look: plain, or a <mark> for one or more findings."""

    text: str
    classes: str = ""  # "" = plain text; else e.g. "sev-high ev"
    findings: str = ""  # DOM ids of the findings this run belongs to, space separated
    anchors: tuple[str, ...] = ()  # DOM ids of anchors that start here


@dataclass(frozen=True, slots=True)
class Block:
    """A sentence (``kind="sent"``), the text between sentences (``"gap"``), or a part of the
    document the report does not carry (``"skip"``, shown as an ellipsis)."""

    kind: str
    parts: tuple[Part, ...]
    dom_id: str = ""
    links: str = ""  # alignment ids, space separated
    findings: str = ""  # findings that point at this whole sentence (no changed words)


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    doc: DocumentInfo
    is_reference: bool
    consistency: float | None
    changed: int
    blocks: tuple[Block, ...]
    has_text: bool


@dataclass(frozen=True, slots=True)
class SpanView:
    """One side of a finding in the findings list: a short sentence with its changed words."""

    doc: str
    before: str
    changed: str
    after: str
    cut_left: bool
    cut_right: bool
    anchor: str  # "" when the span could not be placed in its column


@dataclass(frozen=True, slots=True)
class FindingView:
    dom_id: str
    id: str
    finding: Finding
    label: str
    sev_class: str
    claim: SpanView
    evidence: tuple[SpanView, ...]


@dataclass(frozen=True, slots=True)
class _Mark:
    lo: int
    hi: int
    fid: str
    severity: str  # "" for evidence marks
    anchor: str


def _sev_class(severity: str) -> str:
    return severity if severity in SEVERITIES else "info"


def _locate(text: str, start: int, end: int, sentence: str) -> int | None:
    """Where ``sentence`` really starts in ``text``: at ``start`` when the offsets hold, else its
    first occurrence (offsets from another tool may be off), else None."""
    if 0 <= start <= end <= len(text) and text[start:end] == sentence:
        return start
    if not sentence:
        return None
    at = text.find(sentence)
    return at if at >= 0 else None


def _patchwork(pieces: list[tuple[int, str]]) -> str:
    """A stand-in document text when the report carries none: every known sentence written at
    its offset, holes elsewhere."""
    pieces = [(start, t) for start, t in pieces if start >= 0 and start + len(t) <= _MAX_PATCHWORK]
    size = max((start + len(t) for start, t in pieces), default=0)
    chars = [_HOLE] * size
    for start, t in pieces:
        chars[start : start + len(t)] = t
    return "".join(chars)


def _spans_of(doc_id: str, views: list[tuple[str, str, Finding]]):
    """(finding DOM id, anchor id, span, severity or "" for evidence) for every span of a doc."""
    for dom_id, _, f in views:
        if f.claim.doc == doc_id:
            yield dom_id, f"{dom_id}-c", f.claim, f.severity
        for j, e in enumerate(f.evidence):
            if e.doc == doc_id:
                yield dom_id, f"{dom_id}-e{j}", e, ""


def _parts(
    text: str, lo: int, hi: int, marks: list[_Mark], anchors: dict[int, list[str]]
) -> tuple[Part, ...]:
    cuts = {lo, hi}
    for m in marks:
        if m.lo < hi and m.hi > lo:
            cuts.update((max(m.lo, lo), min(m.hi, hi)))
    cuts.update(p for p in anchors if lo <= p < hi)
    edges = sorted(cuts)
    parts = []
    for x, y in zip(edges, edges[1:], strict=False):
        cover = [m for m in marks if m.lo <= x and m.hi >= y]
        claims = [m for m in cover if m.severity]
        classes = []
        if claims:
            top = max(claims, key=lambda m: SEVERITY_ORDER.get(m.severity, 0))
            classes.append(f"sev-{_sev_class(top.severity)}")
        if len(claims) < len(cover):
            classes.append("ev")
        fids = " ".join(dict.fromkeys(m.fid for m in cover))
        parts.append(Part(text[x:y], " ".join(classes), fids, tuple(anchors.get(x, ()))))
    return tuple(parts)


def _column(
    k: int,
    report: Report,
    doc: DocumentInfo,
    views: list[tuple[str, str, Finding]],
    placed: set[str],
) -> Column:
    text = report.texts.get(doc.id)
    has_text = text is not None
    sentences: list[tuple[int, int, str, str, str]] = []  # start, end, text, link, finding
    for i, al in enumerate(report.alignments):
        for s in (al.a, al.b):
            if s.doc == doc.id:
                sentences.append((s.start, s.end, s.text, f"a{i}", ""))
    spans = list(_spans_of(doc.id, views))
    for dom_id, _, s, _ in spans:
        # A span without changed words (an omission, say) is shown by its whole sentence.
        sentences.append((s.start, s.end, s.text, "", "" if span_bounds(s) else dom_id))
    if text is None:
        text = _patchwork([(start, t) for start, _, t, _, _ in sentences])

    # Sentences that hold in this text, merged where they overlap (split/merged sentences).
    located = []
    for start, _end, t, link, fid in sentences:
        at = _locate(text, start, _end, t)
        if at is not None and t:
            located.append((at, at + len(t), link, fid))
    located.sort(key=lambda x: (x[0], x[1]))
    merged: list[list] = []  # [start, end, links, findings]
    for start, end, link, fid in located:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
        else:
            merged.append([start, end, {}, {}])
            last = merged[-1]
        if link:
            last[2][link] = None
        if fid:
            last[3][fid] = None

    marks: list[_Mark] = []
    anchors: dict[int, list[str]] = {}
    for dom_id, anchor, s, severity in spans:
        at = _locate(text, s.start, s.end, s.text)
        if at is None:
            continue
        bounds = span_bounds(s)
        if bounds is None:  # no changed words: the anchor marks the sentence
            anchors.setdefault(at, []).append(anchor)
        else:
            lo, hi = at + bounds[0], at + bounds[1]
            marks.append(_Mark(lo, hi, dom_id, severity, anchor))
            anchors.setdefault(lo, []).append(anchor)
        placed.add(anchor)

    blocks: list[Block] = []
    pos = 0
    for n, (start, end, links, fids) in enumerate(merged):
        if start > pos:
            blocks.append(_gap(text[pos:start]))
        blocks.append(
            Block(
                kind="sent",
                parts=_parts(text, start, end, marks, anchors),
                dom_id=f"s{k}-{n}",
                links=" ".join(links),
                findings=" ".join(fids),
            )
        )
        pos = end
    if pos < len(text):
        blocks.append(_gap(text[pos:]))
    return Column(
        index=k,
        doc=doc,
        is_reference=doc.id == report.reference,
        consistency=report.summary.consistency_by_doc.get(doc.id),
        changed=findings_per_doc(report).get(doc.id, 0),
        blocks=tuple(blocks),
        has_text=has_text,
    )


def _gap(text: str) -> Block:
    if _HOLE in text:
        return Block(kind="skip", parts=(Part(" … "),))
    return Block(kind="gap", parts=(Part(text),))


def _span_view(s: Span, anchor: str, placed: set[str]) -> SpanView:
    p = sentence_pieces(s, max_chars=260)
    return SpanView(
        s.doc,
        p.before,
        p.changed,
        p.after,
        p.cut_left,
        p.cut_right,
        anchor if anchor in placed else "",
    )


def build_view(report: Report) -> dict:
    """Everything the template shows, computed here so the template stays dumb."""
    views = [(f"F{i + 1}", fid, f) for i, (fid, f) in enumerate(numbered_findings(report))]
    placed: set[str] = set()
    columns = [_column(k, report, d, views, placed) for k, d in enumerate(report.documents)]
    dom_of = {fid: dom_id for dom_id, fid, _ in views}
    findings = [
        FindingView(
            dom_id=dom_of[fid],
            id=fid,
            finding=f,
            label=type_label(f.type),
            sev_class=_sev_class(f.severity),
            claim=_span_view(f.claim, f"{dom_of[fid]}-c", placed),
            evidence=tuple(
                _span_view(e, f"{dom_of[fid]}-e{j}", placed) for j, e in enumerate(f.evidence)
            ),
        )
        for _, group in by_severity(report)
        for fid, f in group
    ]
    type_counts: dict[str, int] = {}
    for f in report.findings:
        type_counts[f.type] = type_counts.get(f.type, 0) + 1
    sev_counts = {s: 0 for s in SEVERITIES}
    for f in report.findings:
        sev_counts[_sev_class(f.severity)] += 1
    return {
        "report": report,
        "version": factdiff_version(),
        "columns": columns,
        "findings": findings,
        "type_counts": type_counts,
        "sev_counts": sev_counts,
        "changed": sum(n for s, n in sev_counts.items() if s != "info"),
    }


# --------------------------------------------------------------------------- rendering


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_html(report: Report) -> str:
    """A single HTML file with no external resources; opens offline, safe on hostile text."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    js = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"style-src {_csp_hash(css)}",
            f"script-src {_csp_hash(js)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    template = _environment().get_template("report.html.j2")
    return template.render(
        css=Markup(css),
        js=Markup(js),
        csp=Markup(csp),  # our own constant text: quotes must stay quotes
        min_confidence=MIN_CONFIDENCE,
        **build_view(report),
    )
