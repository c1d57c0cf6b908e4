"""Terminal (Rich) and Markdown renderers: content, order, and untrusted text kept literal."""

from __future__ import annotations

import io

from rich.console import Console

from factdiff.report import render
from factdiff.report.markdown import escape_md, render_markdown
from factdiff.report.terminal import render_terminal
from factdiff.types import DocumentInfo, Finding, IngestError, Report, Span, Summary

ORIG = "The [bold]mayor[/bold] Anne Ross signed the order *today*. Council met."
COPY = "The [bold]mayor[/bold] Peter Lind signed the order *today*. Council met. [/]"


def _span(doc: str, text: str, sentence: str, words: str) -> Span:
    start = text.index(sentence)
    lo = text.index(words, start) if words else None
    hi = lo + len(words) if lo is not None else None
    return Span(doc, start, start + len(sentence), sentence, words, lo, hi)


def hostile_report() -> Report:
    claim_sentence = "The [bold]mayor[/bold] Peter Lind signed the order *today*."
    evidence_sentence = "The [bold]mayor[/bold] Anne Ross signed the order *today*."
    return Report(
        reference="d0",
        documents=(
            DocumentInfo("d0", "orig.txt", "Orig <b>title</b>", 2),
            DocumentInfo("d1", "copy|x.txt", "Copy [red]title[/red]", 3),
        ),
        alignments=(),
        findings=(
            Finding(
                "omission", "info", 0.5, _span("d0", ORIG, "Council met.", ""), (),
                "d1 drops a sentence.", "d1", "f3",
            ),
            Finding(
                "entity_substitution", "high", 0.9,
                _span("d1", COPY, claim_sentence, "Peter Lind"),
                (_span("d0", ORIG, evidence_sentence, "Anne Ross"),),
                "d1 names [italic]Peter Lind[/italic] <script>x</script>", "d1", "f1",
            ),
            Finding(
                "number_change", "medium", 0.7, _span("d1", COPY, "[/]", "[/]"), (),
                "odd", "d1", "f2",
            ),
        ),
        summary=Summary(0.4, {"entity_substitution": 1, "number_change": 1, "omission": 1},
                        {"d0": 1.0, "d1": 0.4}),
        errors=(IngestError("bad[1].bin", "binary", "binary [x] file"),),
        warnings=("watch [this]",),
        texts={"d0": ORIG, "d1": COPY},
    )  # fmt: skip


def _plain(report: Report, width: int = 200) -> str:
    buffer = io.StringIO()
    render_terminal(report, Console(file=buffer, width=width, color_system=None))
    return buffer.getvalue()


def test_terminal_prints_markup_literally():
    out = _plain(hostile_report())
    assert "The [bold]mayor[/bold] Peter Lind signed the order *today*." in out
    assert "The [bold]mayor[/bold] Anne Ross signed" in out
    assert "[italic]Peter Lind[/italic]" in out
    assert "Copy [red]title[/red]" in out
    assert "binary [x] file" in out and "watch [this]" in out
    assert "[/]" in out  # would raise MarkupError if it were parsed as markup


def test_terminal_orders_by_severity_and_shows_summary():
    out = _plain(hostile_report())
    assert out.index("HIGH") < out.index("MEDIUM") < out.index("INFO")
    assert "entity substitution" in out and "confidence 0.90" in out
    assert "40%" in out  # consistency of d1
    assert out.index("error") > out.index("INFO")  # problems at the end


def test_terminal_highlights_changed_words():
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, force_terminal=True, color_system="standard")
    render_terminal(hostile_report(), console)
    out = buffer.getvalue()
    # bold red (1;31) on the claim words, bold green (1;32) on the evidence words
    assert "\x1b[1;31mPeter Lind\x1b[0m" in out
    assert "\x1b[1;32mAnne Ross\x1b[0m" in out


def test_render_terminal_without_console_returns_text():
    out = render(hostile_report(), "terminal")
    assert isinstance(out, str) and "Peter Lind" in out and "\x1b[" not in out
    assert render(hostile_report(), "terminal", console=Console(file=io.StringIO())) is None


def test_terminal_shortens_long_sentences_around_the_change():
    filler = "word " * 200
    sentence = f"{filler}Mayor Peter Lind signed. {filler}".strip()
    report = Report(
        "d0", (DocumentInfo("d1", "", "", 1),), (),
        (Finding("entity_substitution", "high", 0.9, _span("d1", sentence, sentence, "Peter Lind"),
                 (), "x", "d1", "f1"),),
        Summary(0.5, {"entity_substitution": 1}),
    )  # fmt: skip
    out = _plain(report, width=1000)
    assert "Mayor Peter Lind signed." in out and "…" in out
    line = next(x for x in out.splitlines() if "Peter Lind" in x)
    assert len(line.rstrip()) < 500 and line.count("word") < 100


def test_markdown_escapes_and_marks_spans():
    md = render_markdown(hostile_report())
    assert "<script>" not in md and "<b>" not in md
    assert "&lt;script&gt;" in md
    assert "\\[bold\\]" in md and "\\*today\\*" in md
    assert "**Peter Lind**" in md and "~~Anne Ross~~" in md
    assert "copy\\|x.txt" in md  # a pipe in a table cell is escaped
    assert md.index("## high") < md.index("## medium") < md.index("## info")
    assert render(hostile_report(), "markdown") == md


def test_escape_md_cases():
    assert escape_md("a_b*c`d") == "a\\_b\\*c\\`d"
    assert escape_md("x < y & z") == "x &lt; y &amp; z"
    assert escape_md("line\nbreak") == "line break"
    assert escape_md("[link](javascript:alert(1))") == "\\[link\\]\\(javascript:alert\\(1\\)\\)"
