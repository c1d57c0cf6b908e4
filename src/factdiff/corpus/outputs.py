"""What ``factdiff scan`` writes: Parquet tables to query (DuckDB, pandas), one JSON and one
HTML report per compared story (written by scan.write_report as they arrive), and
``index.html``: the stories ranked by changed facts, each linked to its report, and a plot
of what each site produced. Every piece of page text in the HTML is escaped (Jinja2
autoescape); the plot is inline SVG, so the page needs no script and no network.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path

import jinja2

from factdiff.corpus.engine import StoryResult, StoryTask
from factdiff.corpus.scan import ScanResult, report_name

LOCAL = "(local files)"


@dataclass(frozen=True, slots=True)
class Tables:
    documents: list[dict]
    stories: list[dict]
    findings: list[dict]
    sites: list[dict]
    skipped: list[dict]


def finding_rows(task: StoryTask, result: StoryResult, infos: dict) -> list[dict]:
    rows = []
    for f in result.report.get("findings", []):
        claim = f["claim"]
        ev = f["evidence"][0] if f["evidence"] else {}
        info = infos.get(claim["doc"])
        rows.append({
            "story": task.story, "report": f"reports/{report_name(task)}.html", "id": f["id"],
            "doc": claim["doc"], "site": (info.site or LOCAL) if info else "",
            "url": info.url if info else "", "date": info.date if info else "",
            "type": f["type"], "severity": f["severity"], "confidence": f["confidence"],
            "counted": f["id"] in result.counted,
            "claim": claim["text"], "claim_span": claim["span"],
            "evidence_doc": ev.get("doc", ""), "evidence": ev.get("text", ""),
            "evidence_span": ev.get("span", ""), "explanation": f["explanation"],
            "introduced_by": f["introduced_by"] or "",
        })  # fmt: skip
    return rows


def tables(result: ScanResult) -> Tables:
    infos = {d.doc: d for d in result.corpus.docs}
    g = result.grouping
    findings = [r for task, res in result.results for r in finding_rows(task, res, infos)]
    changed = Counter(r["doc"] for r in findings if r["counted"])
    reports: dict[int, list[str]] = defaultdict(list)
    for task, res in result.results:
        if not res.error:
            reports[task.story].append(f"reports/{report_name(task)}.html")
    size = Counter(g.story)
    documents = []
    for info, story, event in zip(result.corpus.docs, g.story, g.event, strict=True):
        original = result.originals.get(story)
        role = "single" if size[story] == 1 else ("original" if info.doc == original else "copy")
        documents.append({
            "doc": info.doc, "source": info.source, "url": info.url, "site": info.site or LOCAL,
            "date": info.date, "title": info.title, "chars": info.chars, "story": story,
            "event": event, "role": role, "changed_facts": changed.get(info.doc, 0),
        })  # fmt: skip
    by_story: dict[int, list[dict]] = defaultdict(list)
    for d in documents:
        by_story[d["story"]].append(d)
    stories = []
    for story, docs in by_story.items():
        original = result.originals.get(story, docs[0]["doc"])
        first = next(d for d in docs if d["doc"] == original)
        stories.append({
            "story": story, "event": docs[0]["event"], "documents": len(docs),
            "sites": len({d["site"] for d in docs}), "original": original,
            "title": first["title"], "original_source": first["source"],
            "changed_facts": sum(d["changed_facts"] for d in docs),
            "copies_with_changes": sum(1 for d in docs if d["changed_facts"]),
            "reports": reports.get(story, []),
        })  # fmt: skip
    stories.sort(key=lambda s: (-s["changed_facts"], -s["documents"], s["story"]))
    sites: dict[str, Counter] = defaultdict(Counter)
    for d in documents:
        c = sites[d["site"]]
        c["documents"] += 1
        c["copies"] += d["role"] == "copy"
        c["originals"] += d["role"] == "original"
        c["copies_with_changes"] += d["role"] == "copy" and d["changed_facts"] > 0
        c["changed_facts"] += d["changed_facts"]
    site_rows = [{"site": s, **{k: int(c[k]) for k in (
        "documents", "copies", "originals", "copies_with_changes", "changed_facts")}}
        for s, c in sites.items()]  # fmt: skip
    site_rows.sort(key=lambda r: (-r["changed_facts"], -r["copies"], r["site"]))
    skipped = [{"source": e.source, "code": e.code, "message": e.message}
               for e in result.corpus.errors]  # fmt: skip
    return Tables(documents, stories, findings, site_rows, skipped)


SCHEMAS = {
    "documents": {"doc": "string", "source": "string", "url": "string", "site": "string",
                  "date": "string", "title": "string", "chars": "int64", "story": "int64",
                  "event": "int64", "role": "string", "changed_facts": "int64"},
    "stories": {"story": "int64", "event": "int64", "documents": "int64", "sites": "int64",
                "original": "string", "title": "string", "original_source": "string",
                "changed_facts": "int64", "copies_with_changes": "int64",
                "reports": "list<string>"},
    "findings": {"story": "int64", "report": "string", "id": "string", "doc": "string",
                 "site": "string", "url": "string", "date": "string", "type": "string",
                 "severity": "string", "confidence": "float64", "counted": "bool",
                 "claim": "string", "claim_span": "string", "evidence_doc": "string",
                 "evidence": "string", "evidence_span": "string", "explanation": "string",
                 "introduced_by": "string"},
    "sites": {"site": "string", "documents": "int64", "copies": "int64", "originals": "int64",
              "copies_with_changes": "int64", "changed_facts": "int64"},
    "skipped": {"source": "string", "code": "string", "message": "string"},
}  # fmt: skip


def write_parquet(out: Path, t: Tables) -> list[Path]:
    """One Parquet file per table, with a fixed schema (an empty table keeps its columns)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(),
             "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}  # fmt: skip
    written = []
    for name, columns in SCHEMAS.items():
        rows = getattr(t, name)
        schema = pa.schema([(c, types[kind]) for c, kind in columns.items()])
        table = pa.Table.from_pylist(rows, schema=schema)
        path = out / f"{name}.parquet"
        pq.write_table(table, path)
        written.append(path)
    return written


def site_plot(sites: list[dict], top: int = 15) -> str:
    """Inline SVG: per site, copies (grey) and changed facts (red), the top sites."""
    rows = sorted(sites, key=lambda r: (-(r["copies"] + r["changed_facts"]), r["site"]))[:top]
    if not rows:
        return ""
    most = max(1, *(max(r["copies"], r["changed_facts"]) for r in rows))
    height, label_w, bar_w = 26, 220, 420
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" '
             f'height="{height * len(rows) + 30}" role="img" aria-label="copies and changed '
             f'facts per site">']  # fmt: skip
    for i, r in enumerate(rows):
        y = 20 + i * height
        copies_w = bar_w * r["copies"] / most
        changed_w = bar_w * r["changed_facts"] / most
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end" font-size="12">'
            f"{escape(r['site'][:40])}</text>"
            f'<rect x="{label_w}" y="{y}" width="{copies_w:.1f}" height="9" fill="#9aa5b1"/>'
            f'<rect x="{label_w}" y="{y + 10}" width="{changed_w:.1f}" height="9" fill="#c62828"/>'
            f'<text x="{label_w + max(copies_w, changed_w) + 4}" y="{y + 14}" font-size="11">'
            f"{r['copies']} / {r['changed_facts']}</text>"
        )
    parts.append(
        '<text x="0" y="12" font-size="12">grey: copies of another site\'s story · '
        "red: changed facts in them</text></svg>"
    )
    return "".join(parts)


MAX_INDEX_ROWS = 2000  # the tables hold them all; the page shows the top


def write_index(out: Path, t: Tables, result: ScanResult) -> Path:
    multi = [s for s in t.stories if s["documents"] > 1]
    shown = [s for s in t.stories if s["documents"] > 1 or s["reports"]][:MAX_INDEX_ROWS]
    env = jinja2.Environment(autoescape=True)
    stats = {
        "documents": len(t.documents), "stories": len(t.stories), "multi": len(multi),
        "events": len(set(result.grouping.event)),
        "compared": len({task.story for task, res in result.results if not res.error}),
        "changed": sum(1 for f in t.findings if f["counted"]), "skipped": len(t.skipped),
    }  # fmt: skip
    template = (resources.files("factdiff.report") / "templates" / "scan_index.html").read_text(
        encoding="utf-8"
    )
    html = env.from_string(template).render(
        stories=shown, stats=stats, plot=site_plot(t.sites), skipped=t.skipped[:500],
        reasons=Counter(e["code"] for e in t.skipped).most_common(),
    )  # fmt: skip
    path = out / "index.html"
    path.write_text(html, encoding="utf-8")
    return path
