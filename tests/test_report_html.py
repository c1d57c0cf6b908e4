"""The HTML report: hostile article text stays text (statically and in a real browser), the
columns reproduce each document exactly, spans and findings are linked, the CSP holds."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factdiff.report import render
from factdiff.report.html import render_html
from factdiff.report.json_report import report_from_dict
from factdiff.types import (
    Alignment,
    DocumentInfo,
    Finding,
    IngestError,
    Report,
    Sentence,
    Span,
    Summary,
)

FIXTURE = Path(__file__).parent / "report_fixtures" / "three_versions.json"

# Payloads that would leave a trace in the DOM if they ever ran or parsed as markup.
SCRIPT = "<script>document.title='PWNED';document.body.setAttribute('data-pwned','1')</script>"
IMG = '"><img src=x id=pwned onerror="document.title=\'PWNED2\'">'
ORIG = f"The mayor Anne Ross signed the order {SCRIPT}. The fire hurt 12 people.\n\nCouncil met."
COPY = f"The fire hurt 21 people {IMG}. The mayor Peter Lind signed the order {SCRIPT}."


def _sent(doc: str, text: str, sentence: str, index: int) -> Sentence:
    start = text.index(sentence)
    return Sentence(doc, index, start, start + len(sentence), sentence)


def _span(doc: str, text: str, sentence: str, words: str) -> Span:
    start = text.index(sentence)
    lo = text.index(words, start) if words else None
    hi = lo + len(words) if lo is not None else None
    return Span(doc, start, start + len(sentence), sentence, words, lo, hi)


def hostile_report(with_texts: bool = True) -> Report:
    o0 = f"The mayor Anne Ross signed the order {SCRIPT}."
    o1 = "The fire hurt 12 people."
    c0 = f"The fire hurt 21 people {IMG}."
    c1 = f"The mayor Peter Lind signed the order {SCRIPT}."
    return Report(
        reference="d0",
        documents=(
            DocumentInfo("d0", f"https://x.example/{IMG}", f"Orig {SCRIPT}", 3),
            DocumentInfo("d1", "javascript:alert(1)", f"Copy {IMG}", 2),
        ),
        alignments=(
            Alignment(_sent("d0", ORIG, o0, 0), _sent("d1", COPY, c1, 1), "near_verbatim", 0.9),
            Alignment(_sent("d0", ORIG, o1, 1), _sent("d1", COPY, c0, 0), "paraphrase", 0.8),
        ),
        findings=(
            Finding(
                "entity_substitution", "high", 0.9, _span("d1", COPY, c1, "Peter Lind"),
                (_span("d0", ORIG, o0, "Anne Ross"),), f"names {SCRIPT} differ", "d1", "f1",
            ),
            Finding(
                "number_change", "medium", 0.8, _span("d1", COPY, c0, f"21 people {IMG}"),
                (_span("d0", ORIG, o1, "12"),), f"count {IMG}", "d1", "f2",
            ),
            Finding(
                "omission", "info", 0.5, _span("d0", ORIG, "Council met.", ""), (),
                "d1 drops a sentence", "d1", "f3",
            ),
        ),
        summary=Summary(0.5, {"entity_substitution": 1, "number_change": 1, "omission": 1},
                        {"d0": 1.0, "d1": 0.5}),
        errors=(IngestError(f"bad{IMG}.bin", "binary", f"binary {SCRIPT}"),),
        warnings=(f"warning {IMG}",),
        texts={"d0": ORIG, "d1": COPY} if with_texts else {},
    )  # fmt: skip


class _Page(HTMLParser):
    """Collects what the tests look at: element ids, hrefs, marks, the text of each column."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.marks: list[tuple[str, str]] = []  # (class, text)
        self.columns: list[str] = []
        self.links: list[str] = []
        self._depth = -1  # depth inside a .doc-body, -1 when outside
        self._skip = False
        self._mark: list | None = None
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "script":
            self._in_script = True
        if self._depth >= 0:
            self._depth += 1
            if tag == "p":
                self._skip = True
            if tag == "mark":
                self._mark = [a.get("class", ""), ""]
            if "data-links" in a:
                self.links.append(a["data-links"])
        elif tag == "div" and a.get("class") == "doc-body":
            self._depth = 0
            self.columns.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if self._depth < 0:
            return
        if self._depth == 0:
            self._depth = -1
            return
        self._depth -= 1
        if tag == "p":
            self._skip = False
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark[0], self._mark[1]))
            self._mark = None

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        if self._depth >= 0 and not self._skip:
            self.columns[-1] += data
            if self._mark is not None:
                self._mark[1] += data


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_hostile_text_is_escaped_everywhere():
    html = render_html(hostile_report())
    assert "<script>document" not in html
    assert "<img" not in html and 'onerror="document' not in html
    assert "&lt;script&gt;document.title=" in html
    assert "&#34;&gt;&lt;img src=x id=pwned" in html or "&quot;&gt;&lt;img src=x id=pwned" in html
    assert 'href="javascript:' not in html  # sources are shown, never linked
    page = _parse(html)
    assert page.tags.count("script") == 1 and "img" not in page.tags
    assert "pwned" not in page.ids


def test_columns_reproduce_each_document_exactly():
    page = _parse(render_html(hostile_report()))
    assert page.columns == [ORIG, COPY]


def test_changed_words_are_marked_by_severity():
    page = _parse(render_html(hostile_report()))
    assert ("sev-high", "Peter Lind") in page.marks
    assert ("ev", "Anne Ross") in page.marks
    assert ("sev-medium", f"21 people {IMG}") in page.marks
    assert ("ev", "12") in page.marks


def test_every_finding_link_has_a_target_and_sentences_are_linked():
    page = _parse(render_html(hostile_report()))
    targets = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert {"F1-c", "F1-e0", "F2-c", "F2-e0", "F3-c"} <= set(targets)
    assert set(targets) <= set(page.ids)
    assert {"F1", "F2", "F3"} <= set(page.ids)
    assert len(page.ids) == len(set(page.ids))
    # each alignment id is carried by exactly two sentences (one per side)
    ids = [x for links in page.links for x in links.split()]
    assert sorted(ids) == ["a0", "a0", "a1", "a1"]


def test_csp_is_strict_and_hashes_match():
    html = render_html(hostile_report())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    for tag, directive in (("script", "script-src"), ("style", "style-src")):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    assert "http://" not in html and "https://" not in html.replace("https://x.example/", "")


def test_script_never_uses_innerhtml():
    page = _parse(render_html(hostile_report()))
    script = "".join(page.scripts)
    assert "innerHTML" not in script and "outerHTML" not in script
    assert "insertAdjacentHTML" not in script and "document.write" not in script


def test_without_texts_columns_show_the_known_sentences():
    report = hostile_report(with_texts=False)
    page = _parse(render_html(report))
    assert "Peter Lind" in page.columns[1] and " … " in page.columns[0]
    assert ("sev-high", "Peter Lind") in page.marks


def test_wrong_offsets_are_relocated_not_misplaced():
    report = hostile_report()
    shifted = Report(
        report.reference, report.documents, report.alignments, report.findings, report.summary,
        texts={"d0": "Preface. " + ORIG, "d1": COPY},
    )  # fmt: skip
    page = _parse(render_html(shifted))
    assert page.columns[0] == "Preface. " + ORIG
    assert ("ev", "Anne Ross") in page.marks


def test_fixture_renders_and_is_deterministic():
    report = report_from_dict(json.loads(FIXTURE.read_text(encoding="utf-8")))
    html = render(report, "html")
    assert html == render_html(report)
    page = _parse(html)
    assert page.columns == [report.texts[d.id] for d in report.documents]
    assert sum(1 for cls, _ in page.marks if "sev-" in cls) >= 8


def test_empty_report_renders():
    report = Report(None, (), (), (), Summary(1.0, {}))
    assert "No changed facts found." in render_html(report)


# --------------------------------------------------------------------------- real browser

BROWSER = next(
    (shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)),
    None,
)


def _dump_dom(path: Path, profile: Path, fragment: str = "") -> str:
    cmd = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--dump-dom",
        path.resolve().as_uri() + fragment,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(BROWSER is None, reason="chromium is not installed")
def test_browser_runs_our_script_and_not_the_payload(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render_html(hostile_report()), encoding="utf-8")
    dom = _dump_dom(page, tmp_path / "profile", "#F1")
    assert "<title>factdiff report</title>" in dom  # the payloads would rename the page
    assert "PWNED" not in re.search(r"<title>.*?</title>", dom, re.S).group(0)
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
    assert 'id="pwned"' not in dom and "<img" not in dom
    assert dom.count("<script") == 1
    # our own script did run under the CSP: it tags <html> and focuses the finding in the URL
    assert re.search(r'<html[^>]*class="js"', dom)
    assert re.search(r'<mark class="sev-high focus" data-f="F1">Peter Lind</mark>', dom)


def test_absurd_offsets_without_texts_do_not_blow_up():
    report = hostile_report(with_texts=False)
    far = Span("d1", 10**12, 10**12 + 5, "Hello", "Hello", 10**12, 10**12 + 5)
    bad = Finding("number_change", "low", 0.1, far, (), "x", "d1", "f9")
    huge = Report(
        report.reference, report.documents, report.alignments, (*report.findings, bad),
        report.summary,
    )  # fmt: skip
    assert "Peter Lind" in render_html(huge)
