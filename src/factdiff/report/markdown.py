"""The report as Markdown (for issues, pull requests, notebooks). Article text is untrusted:
Markdown punctuation is backslash-escaped and HTML is turned into entities, so a rewritten
article can neither inject markup nor break the tables."""

from __future__ import annotations

from factdiff.report.common import by_severity, findings_per_doc, sentence_pieces, type_label
from factdiff.types import MIN_CONFIDENCE, Finding, Report, Span

# ASCII punctuation that means something inline in CommonMark/GFM; "&<>" are turned into
# entities instead. Line-start markers (#, -, +, 1.) never reach a line start: every text is
# prefixed by our own markup.
_MD_SPECIAL = frozenset("\\`*_{}[]()!|~$")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def escape_md(text: str) -> str:
    """Make untrusted text literal in Markdown: one line, punctuation escaped, no raw HTML."""
    out = []
    for ch in " ".join(text.split()):
        if ch in _MD_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(_HTML.get(ch, ch))
    return "".join(out)


def _wrap(text: str, marker: str) -> str:
    """``marker`` around the words, whitespace kept outside (``** x**`` would not render)."""
    stripped = text.strip()
    if not stripped:
        return escape_md(text)
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{' ' if lead else ''}{marker}{escape_md(stripped)}{marker}{' ' if trail else ''}"


def _sentence(s: Span, marker: str) -> str:
    p = sentence_pieces(s)
    return "".join(
        [
            "…" if p.cut_left else "",
            escape_md(p.before) + (" " if p.before.endswith((" ", "\n")) else ""),
            _wrap(p.changed, marker),
            (" " if p.after.startswith((" ", "\n")) else "") + escape_md(p.after),
            "…" if p.cut_right else "",
        ]
    )


def _finding(fid: str, f: Finding) -> list[str]:
    head = f"### {escape_md(fid)} · {type_label(f.type)} · confidence {f.confidence:.2f}"
    if f.introduced_by:
        head += f" · introduced by `{f.introduced_by.replace('`', '')}`"
    if f.confidence < MIN_CONFIDENCE:
        head += " · disputed by the verifier, not counted"
    elif f.severity == "info" and f.rule_severity:
        head += f" · unconfirmed (the rule said {f.rule_severity}), not counted"
    lines = [head, ""]
    if f.explanation:
        lines += [escape_md(f.explanation), ""]
    lines.append(f"- **claim** ({escape_md(f.claim.doc)}): {_sentence(f.claim, '**')}")
    for e in f.evidence:
        lines.append(f"- **evidence** ({escape_md(e.doc)}): {_sentence(e, '~~')}")
    lines.append("")
    return lines


def render_markdown(report: Report) -> str:
    """Summary table, findings by severity (high first; changed words **bold**, the original
    words ~~struck~~), then errors and warnings."""
    lines = ["# factdiff report", ""]
    lines.append(
        f"Overall consistency **{report.summary.consistency:.0%}** · mode {escape_md(report.mode)}"
        + (f" · reference {escape_md(report.reference)}" if report.reference else "")
    )
    lines += ["", "| document | title | source | sentences | consistency | changed facts |"]
    lines.append("|---|---|---|---:|---:|---:|")
    per_doc = findings_per_doc(report)
    for d in report.documents:
        c = report.summary.consistency_by_doc.get(d.id)
        consistency = (
            "reference" if d.id == report.reference else f"{c:.0%}" if c is not None else "-"
        )
        lines.append(
            f"| {escape_md(d.id)} | {escape_md(d.title)} | {escape_md(d.source)} | {d.sentences}"
            f" | {consistency} | {per_doc.get(d.id, 0)} |"
        )
    if report.summary.findings_by_type:
        lines += ["", "| finding type | count |", "|---|---:|"]
        for name, count in report.summary.findings_by_type.items():
            lines.append(f"| {escape_md(type_label(name))} | {count} |")
    lines.append("")
    if not report.findings:
        lines += ["No changed facts found.", ""]
    for severity, group in by_severity(report):
        lines += [f"## {escape_md(severity)} ({len(group)})", ""]
        for fid, f in group:
            lines += _finding(fid, f)
    if report.errors or report.warnings:
        lines += ["## problems", ""]
        for e in report.errors:
            lines.append(
                f"- error `{e.code.replace('`', '')}` {escape_md(e.source)}: {escape_md(e.message)}"
            )
        for w in report.warnings:
            lines.append(f"- warning: {escape_md(w)}")
        lines.append("")
    return "\n".join(lines)
