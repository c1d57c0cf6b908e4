"""The report stage: one Report, four ways to show it (JSON contract, terminal, Markdown, HTML).

Renderers are pure: they return text (or print to the Console they are given) and never touch
files or global state.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Literal

from factdiff.errors import FactdiffError
from factdiff.report.html import render_html
from factdiff.report.json_report import report_from_dict, report_to_dict, report_to_json
from factdiff.report.markdown import render_markdown
from factdiff.report.terminal import render_terminal

if TYPE_CHECKING:
    from rich.console import Console

    from factdiff.types import Report

Format = Literal["terminal", "json", "markdown", "html"]
FORMATS: tuple[str, ...] = ("terminal", "json", "markdown", "html")


def render(report: Report, fmt: Format, console: Console | None = None) -> str | None:
    """Render ``report`` as ``fmt``. ``terminal`` prints to ``console`` and returns None; with
    no console it returns the plain text (100 columns, no colour) instead."""
    if fmt == "json":
        return report_to_json(report)
    if fmt == "markdown":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report)
    if fmt == "terminal":
        if console is not None:
            render_terminal(report, console)
            return None
        from rich.console import Console

        buffer = io.StringIO()
        render_terminal(report, Console(file=buffer, width=100, color_system=None))
        return buffer.getvalue()
    raise FactdiffError(
        "bad_format", f"Unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}."
    )


__all__ = [
    "FORMATS",
    "render",
    "render_html",
    "render_markdown",
    "render_terminal",
    "report_from_dict",
    "report_to_dict",
    "report_to_json",
]
