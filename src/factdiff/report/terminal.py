"""The report for a person at a terminal (Rich). Article text is untrusted: it only ever enters
Rich as ``Text`` objects, never as markup, so "[bold]" in an article prints literally."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from factdiff.report.common import (
    by_severity,
    findings_per_doc,
    sentence_pieces,
    type_label,
)
from factdiff.types import MIN_CONFIDENCE, Finding, Report, Span

SEVERITY_STYLE: dict[str, str] = {
    "high": "bold white on red",
    "medium": "bold black on dark_orange",
    "low": "bold black on cyan",
    "info": "black on grey70",
}
CLAIM_STYLE = "bold red"
EVIDENCE_STYLE = "bold green"
_INFO_SHOWN = 20  # info findings (omissions) can be many; list the first ones only


def _percent(value: float | None) -> Text:
    if value is None:
        return Text("-", style="dim")
    style = "green" if value >= 0.9 else "yellow" if value >= 0.7 else "red"
    return Text(f"{value:.0%}", style=style)


def _summary_table(report: Report) -> Table:
    table = Table(title=Text("factdiff report", style="bold"), title_justify="left")
    table.add_column("document")
    table.add_column("source", overflow="fold")
    table.add_column("sentences", justify="right")
    table.add_column("consistency", justify="right")
    table.add_column("changed facts", justify="right")
    per_doc = findings_per_doc(report)
    for d in report.documents:
        name = Text(d.id, style="bold")
        if d.id == report.reference:
            name.append(" (reference)", style="dim")
        if d.title:
            name.append("\n")
            name.append(d.title, style="italic")
        consistency = report.summary.consistency_by_doc.get(d.id)
        table.add_row(
            name,
            Text(d.source),
            Text(str(d.sentences)),
            _percent(None if d.id == report.reference else consistency),
            Text(str(per_doc.get(d.id, 0))),
        )
    table.caption = Text.assemble(
        ("overall consistency ", "dim"),
        _percent(report.summary.consistency),
        (" · mode ", "dim"),
        (report.mode, "dim"),
    )
    return table


def _type_table(report: Report) -> Table | None:
    if not report.summary.findings_by_type:
        return None
    table = Table(title=Text("findings by type", style="bold"), title_justify="left")
    table.add_column("type")
    table.add_column("count", justify="right")
    for name, count in report.summary.findings_by_type.items():
        table.add_row(Text(type_label(name)), Text(str(count)))
    return table


def _sentence(s: Span, style: str) -> Text:
    pieces = sentence_pieces(s)
    line = Text()
    if pieces.cut_left:
        line.append("…", style="dim")
    line.append(pieces.before)
    line.append(pieces.changed, style=style)
    line.append(pieces.after)
    if pieces.cut_right:
        line.append("…", style="dim")
    return line


def _finding(fid: str, f: Finding, compact: bool) -> Group:
    head = Text()
    head.append(f" {f.severity.upper()} ", style=SEVERITY_STYLE.get(f.severity, "reverse"))
    head.append(" ")
    head.append(fid, style="dim")
    head.append(" ")
    head.append(type_label(f.type), style="bold")
    head.append(f"  confidence {f.confidence:.2f}", style="dim")
    if f.introduced_by:
        head.append("  introduced by ", style="dim")
        head.append(f.introduced_by, style="bold")
    if f.source != "rule":
        head.append(f"  [{f.source}]", style="dim")
    if f.confidence < MIN_CONFIDENCE:
        head.append("  [disputed by the verifier: not counted]", style="dim")
    elif f.severity == "info" and f.rule_severity:
        head.append(f"  [unconfirmed, the rule said {f.rule_severity}: not counted]", style="dim")
    parts: list = [head]
    if f.explanation:
        parts.append(Padding(Text(f.explanation), (0, 0, 0, 2)))
    sides = Table.grid(padding=(0, 1))
    sides.add_column(justify="right", style="dim", no_wrap=True)
    sides.add_column(style="bold", no_wrap=True)
    sides.add_column(ratio=1)
    sides.add_row("claim", Text(f.claim.doc), _sentence(f.claim, CLAIM_STYLE))
    if not compact:
        for e in f.evidence:
            sides.add_row("evidence", Text(e.doc), _sentence(e, EVIDENCE_STYLE))
    parts.append(Padding(sides, (0, 0, 0, 1)))
    return Group(*parts)


def render_terminal(report: Report, console: Console) -> None:
    """Summary table, findings grouped by severity (high first), then errors and warnings."""
    console.print(_summary_table(report))
    types = _type_table(report)
    if types is not None:
        console.print(types)
    if not report.findings:
        console.print(Text("No changed facts found.", style="bold green"))
    for severity, group in by_severity(report):
        console.print()
        console.rule(Text(f"{severity} ({len(group)})", style="bold"), align="left")
        shown = group if severity != "info" else group[:_INFO_SHOWN]
        for fid, f in shown:
            console.print(_finding(fid, f, compact=severity == "info"))
            console.print()
        if len(shown) < len(group):
            console.print(
                Text(f"… and {len(group) - len(shown)} more {severity} findings", style="dim")
            )
    if report.errors or report.warnings:
        console.print()
        console.rule(Text("problems", style="bold"), align="left")
    for e in report.errors:
        line = Text("error ", style="bold red")
        line.append(e.code, style="bold")
        line.append(f" {e.source}: ", style="dim")
        line.append(e.message)
        console.print(line)
    for w in report.warnings:
        line = Text("warning ", style="bold yellow")
        line.append(w)
        console.print(line)


__all__ = ["render_terminal"]
