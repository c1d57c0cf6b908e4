"""factdiff scan end to end on a made-up crawl: a JSONL corpus with renamed fields, plus an
empty file, a binary file and a corrupt WARC, which are reported while the rest is
scanned; the Parquet tables, the per-story reports and an index.html that escapes page
text."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factdiff.cli import app

FIRE = (
    "Fire destroyed the historic fish market at Port Merrow harbour early on Tuesday. "
    "Firefighters from four stations fought the flames for almost six hours. "
    "Three men and two women who lived above the market were rescued by ladder. "
    "The cause of the fire is not yet known, the county fire marshal said."
)
FIRE_COPY = (
    "Fire destroyed the historic fish market at Port Merrow harbour early on Tuesday. "
    "Firefighters from four stations fought the flames for almost nine hours. "
    "Three men and two women who lived above the market were rescued by ladder. "
    "The cause of the fire is not yet known, the county fire marshal said."
)
VOTE = (
    "The city council voted on Monday to build a new cycle bridge across the river. "
    "The bridge will cost 14 million pounds and open in two years, the mayor said. "
    "Residents of the east bank had campaigned for a crossing for a decade."
)
# A content-farm page nobody copied: a quoted caption, then its spun rewrite with another
# number. Checked alone, since it restates itself.
FARM = (
    "Pictured: the lifeboat crew from Selwick pulled eleven fishermen from the sea after "
    "their trawler sank in a storm on Sunday.\n\n"
    "The lifeboat crew from Selwick pulled fifteen fishermen from the sea after their "
    "trawler went down in a storm on Sunday.\n\n"
    "Local people gathered on the quay to welcome the rescued men home."
)
OTHER = (
    "Astronomers have found a planet orbiting a small red star forty light years away. "
    "The planet is slightly larger than Earth and takes eleven days to circle its star."
)


def write_crawl(root):
    root.mkdir()
    rows = [
        {"uid": "fire-copy", "body": FIRE_COPY, "link": "https://spinner.example/a",
         "published": "2024-05-02", "headline": "Copy"},
        {"uid": "fire", "body": FIRE, "link": "https://www.harbour-news.example/fire",
         "published": "2024-05-01", "headline": "<script>alert(1)</script> fire"},
        {"uid": "vote", "body": VOTE, "link": "https://city.example/vote"},
        {"uid": "other", "body": OTHER, "link": "https://science.example/planet"},
        {"uid": "farm", "body": FARM, "link": "https://farm.example/rescue"},
    ]  # fmt: skip
    with (root / "news.jsonl").open("w") as f:
        for row in rows:
            row["title"] = row.pop("headline", "")
            f.write(json.dumps(row) + "\n")
        f.write("{not json\n")
    (root / "empty.txt").write_text("")
    (root / "blob.bin").write_bytes(bytes(range(256)) * 8)
    (root / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"cut short" * 20)


@pytest.mark.slow
def test_scan_reports_bad_inputs_finishes_the_rest_and_writes_every_output(tmp_path):
    import pyarrow.parquet as pq

    write_crawl(tmp_path / "crawl")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [
        "scan", str(tmp_path / "crawl"), "-o", str(out), "--workers", "1", "--no-model",
        "--id-field", "uid", "--text-field", "body", "--url-field", "link",
        "--date-field", "published",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    said = result.output.replace("\n", "")
    for name in ("empty.txt", "blob.bin", "broken.warc.gz", "news.jsonl:6"):
        assert name in said

    skipped = {(r["source"].rsplit("/", 1)[-1], r["code"]) for r in _rows(pq, out / "skipped")}
    assert {("empty.txt", "empty"), ("blob.bin", "binary"), ("broken.warc.gz", "corrupt_archive"),
            ("news.jsonl:6", "bad_record")} <= skipped  # fmt: skip

    docs = {r["doc"]: r for r in _rows(pq, out / "documents")}
    assert set(docs) == {"fire-copy", "fire", "vote", "other", "farm"}  # the id field names them
    assert docs["fire"]["story"] == docs["fire-copy"]["story"] != docs["vote"]["story"]
    assert docs["fire"]["role"] == "original"  # dated earlier, though listed second
    assert docs["fire-copy"]["role"] == "copy" and docs["vote"]["role"] == "single"
    assert docs["fire"]["site"] == "harbour-news.example"

    findings = [r for r in _rows(pq, out / "findings") if r["counted"]]
    assert sorted((f["doc"], f["type"], f["site"]) for f in findings) == [
        ("farm", "number_change", "farm.example"),  # a lone page, checked inside itself
        ("fire-copy", "number_change", "spinner.example"),
    ]
    assert docs["farm"]["role"] == "single"
    assert "lone pages that restate themselves checked alone" in said
    reports = sorted(p.name for p in (out / "reports").glob("*.json"))
    assert reports == sorted(
        {f"story-{docs['fire']['story']}.json", f"story-{docs['farm']['story']}.json"}
    )  # the lone pages that do not restate themselves (vote, other) are not compared
    story = docs["fire"]["story"]
    (row,) = [r for r in _rows(pq, out / "stories") if r["story"] == story]
    assert row["original"] == "fire" and row["changed_facts"] == 1
    report = json.loads((out / "reports" / f"story-{story}.json").read_text())
    assert report["schema"] == 1 and report["reference"] == "fire"
    assert (out / "reports" / f"story-{story}.html").exists()
    sites = {r["site"]: r for r in _rows(pq, out / "sites")}
    assert sites["spinner.example"]["changed_facts"] == 1

    index = (out / "index.html").read_text()
    assert "<script>alert" not in index and "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    assert f'href="reports/story-{story}.html"' in index and "<svg" in index


def test_scan_of_nothing_readable_is_a_clear_error(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "nothing to scan" in result.output and "Traceback" not in result.output


def _rows(pq, stem):
    return pq.read_table(f"{stem}.parquet").to_pylist()


def test_the_second_pass_sends_only_copies_and_lone_pages_that_restate_themselves(tmp_path):
    """scan reads its inputs twice; the second time, each worker keeps only what will be
    compared, by corpus index, and says so when the input is not what it read first."""
    from factdiff.corpus.read import units
    from factdiff.corpus.scan import Wanted, read_wanted, wanted_per_unit
    from factdiff.options import Options, RecordFields

    write_crawl(tmp_path / "crawl")
    options = Options(fields=RecordFields("uid", "body", "link", "published"))
    (unit,) = units([str(tmp_path / "crawl" / "news.jsonl")], options)
    found = read_wanted((unit, Wanted(10, 5, frozenset({0, 1}))), options)
    assert [(i, d.id) for i, d in found] == [(10, "fire-copy"), (11, "fire"), (14, "farm")]
    assert read_wanted((None, Wanted(10, 5, frozenset())), options) == []  # fewer units now
    assert read_wanted((unit, None), options) == []  # more units now
    per_unit = list(wanted_per_unit([3, 0, 4], [1, 2, 3, 6]))
    assert per_unit == [
        Wanted(0, 3, frozenset({1, 2})), Wanted(3, 0, frozenset()), Wanted(3, 4, frozenset({0, 3}))
    ]  # fmt: skip


def test_a_document_that_changed_between_the_two_reads_is_reported_never_renamed(tmp_path):
    """The crawl changes between scan's two reads (a page fetched again, a file rewritten):
    the unit still holds as many documents, but shifted. Each is checked against what was
    read first, so no text is compared under another document's name."""
    from factdiff.corpus.engine import LocalEngine, StoryResult
    from factdiff.corpus.scan import scan
    from factdiff.options import Options

    (tmp_path / "a.txt").write_text("")
    (tmp_path / "b.txt").write_text(FIRE)
    (tmp_path / "c.txt").write_text(FIRE_COPY)
    compared = []

    class ChangingCrawl(LocalEngine):
        def map_units(self, work, inputs, options, extras=None):
            if extras is not None:  # the second read
                (tmp_path / "a.txt").write_text(OTHER)
                (tmp_path / "b.txt").write_text("")
            return super().map_units(work, inputs, options, extras)

        def compare(self, tasks, options, resources=None):
            for task in tasks:
                compared.append([(d.id, d.text) for d in task.docs])
                yield StoryResult(task.story, {}, "")

    result = scan([str(tmp_path)], ChangingCrawl(workers=1), Options())
    assert result.grouping.story[0] == result.grouping.story[1]  # b and c, read first
    assert compared == []  # b changed: its story has one version left, nothing to compare
    changed = [e for e in result.corpus.errors if e.code == "changed"]
    assert [e.source.rsplit("/", 1)[-1] for e in changed] == ["b.txt"]
