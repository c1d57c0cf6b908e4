"""``factdiff eval spun``: the scoring of spun/README.md, on two tiny stories written here."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factdiff.cli import app
from factdiff.eval.spun import Tally, score_story, select_stories

REFERENCE_SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_spun.py"

ORIGINAL = (
    "The council approved a budget of 40 million dollars on Monday.\n\n"
    "Mayor Anne Ross said the money will pay for two new schools.\n"
)
COPY = (
    "Council Passes Budget\n\n"
    "On Monday the council approved a budget of 90 million dollars.\n\n"
    "Mayor Anne Ross said the funds will pay for two new schools.\n"
)
PAGE = (
    "The council approved a budget of 40 million dollars on Monday.\n\n"
    "Scroll down for video\n\n"
    "Mayor Anne Ross said the money will pay for two new schools.\n\n"
    "Mayor Anne Ross said the money will pay for five new schools.\n"
)


def unit(doc: str, text: str, body: str, label: str, frm: list[str], **extra) -> dict:
    start = body.index(text)
    return {
        "doc": doc,
        "start": start,
        "end": start + len(text),
        "text": text,
        "label": label,
        "from": frm,
        **extra,
    }


def write_story(folder: Path) -> dict:
    folder.mkdir(parents=True)
    (folder / "original.txt").write_text(ORIGINAL)
    (folder / "copy.txt").write_text(COPY)
    (folder / "page.txt").write_text(PAGE)
    o1 = "The council approved a budget of 40 million dollars on Monday."
    o2 = "Mayor Anne Ross said the money will pay for two new schools."
    items = [
        unit(
            "copy",
            "On Monday the council approved a budget of 90 million dollars.",
            COPY,
            "changed",
            ["o1"],
            type="number_change",
            span="90 million",
            source_span="40 million",
        ),
        unit(
            "copy",
            "Mayor Anne Ross said the funds will pay for two new schools.",
            COPY,
            "faithful",
            ["o2"],
        ),
        unit("page", o1, PAGE, "copied", ["o1"]),
        unit("page", "Scroll down for video", PAGE, "neutral", []),
        unit("page", o2, PAGE, "copied", ["o2"]),
        unit(
            "page",
            "Mayor Anne Ross said the money will pay for five new schools.",
            PAGE,
            "changed",
            ["o2"],
            type="number_change",
            span="five",
            source_span="two",
        ),
    ]
    gold = {
        "story": folder.name,
        "versions": ["original", "copy", "page"],
        "original_units": [{"id": "o1"}, {"id": "o2"}],
        "items": items,
    }
    (folder / "gold.json").write_text(json.dumps(gold))
    return gold


def finding(
    doc: str,
    start: int,
    end: int,
    type_: str = "number_change",
    severity: str = "high",
    evidence: list | None = None,
) -> dict:
    return {
        "type": type_,
        "severity": severity,
        "claim": {"doc": doc, "start": start, "end": end},
        "evidence": evidence or [],
    }


def report(*findings: dict) -> dict:
    docs = [
        {"id": f"d{i}", "source": f"x/{n}.txt"} for i, n in enumerate(["original", "copy", "page"])
    ]
    return {"documents": docs, "findings": list(findings)}


@pytest.fixture
def gold(tmp_path: Path) -> dict:
    return write_story(tmp_path / "s-01")


def span_of(gold: dict, label: str, doc: str) -> tuple[int, int]:
    it = next(i for i in gold["items"] if i["label"] == label and i["doc"] == doc)
    return it["start"], it["end"]


def test_a_finding_on_a_changed_unit_is_right_and_catches_it(gold):
    s, e = span_of(gold, "changed", "copy")
    t = score_story(report(finding("d1", s, e)), gold, "R")
    assert (t.tp, t.fp, t.caught, t.changed, t.typed) == (1, 0, 1, 2, 1)


def test_false_alarms_on_faithful_units_and_the_original(gold):
    s, e = span_of(gold, "faithful", "copy")
    t = score_story(report(finding("d1", s, e), finding("d0", 0, 10)), gold, "R")
    assert (t.tp, t.fp, t.false_alarm_units, t.safe) == (0, 2, 1, 3)
    assert t.wrong_by_finding["number_change"] == 2


def test_info_findings_and_added_units_do_not_count(gold):
    s, e = span_of(gold, "changed", "copy")
    t = score_story(report(finding("d1", s, e, severity="info")), gold, "R")
    assert (t.tp, t.fp, t.caught) == (0, 0, 0)


def test_a_false_alarm_whose_evidence_is_the_changed_unit_catches_it_the_wrong_way(gold):
    cs, ce = span_of(gold, "copied", "page")
    ps, pe = next(
        (i["start"], i["end"])
        for i in gold["items"]
        if i["label"] == "changed" and i["doc"] == "page"
    )
    f = finding("d2", cs, ce, evidence=[{"doc": "d2", "start": ps, "end": pe}])
    t = score_story(report(f), gold, "R")
    assert (t.tp, t.fp, t.caught) == (0, 1, 1)


def test_mode_n_counts_only_changed_units_whose_source_is_carried(gold):
    t = score_story(report(), gold, "N")
    assert t.changed == 2  # o1 and o2 are both copied on the page
    gold["items"] = [
        i for i in gold["items"] if not (i["label"] == "copied" and i["from"] == ["o1"])
    ]
    assert score_story(report(), gold, "N").changed == 1


def test_tallies_add_up():
    a, b = Tally(tp=1, fp=2), Tally(tp=3, fp=0)
    a.wrong_by_finding["negation"] += 2
    b.wrong_by_finding["negation"] += 1
    a.add(b)
    assert (a.tp, a.fp, a.wrong_by_finding["negation"]) == (4, 2, 3)
    assert a.precision == pytest.approx(4 / 6)


def test_story_ranges(tmp_path):
    for n in ("dev-01", "dev-02", "dev-03", "dev-10"):
        (tmp_path / n).mkdir()
        (tmp_path / n / "gold.json").write_text("{}")
    (tmp_path / "notes").mkdir()
    names = [p.name for p in select_stories(tmp_path, ["dev-02..dev-10"])]
    assert names == ["dev-02", "dev-03", "dev-10"]
    assert len(select_stories(tmp_path)) == 4


@pytest.mark.skipif(not REFERENCE_SCORER.exists(), reason="needs ../shared/tools/score_spun.py")
def test_agrees_with_the_reference_scorer(gold):
    spec = importlib.util.spec_from_file_location("score_spun", REFERENCE_SCORER)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    cs, ce = span_of(gold, "changed", "copy")
    fs, fe = span_of(gold, "faithful", "copy")
    ps, pe = span_of(gold, "copied", "page")
    cases = [
        report(),
        report(finding("d1", cs, ce), finding("d1", fs, fe, "negation"), finding("d0", 0, 5)),
        report(finding("d2", ps, pe, evidence=[{"doc": "d1", "start": cs, "end": ce}])),
    ]
    for rep in cases:
        for mode in ("R", "N"):
            mine, theirs = score_story(rep, gold, mode), ref.score_story(rep, gold, mode)
            for key in ("tp", "fp", "changed", "caught", "typed", "safe", "false_alarm_units"):
                assert getattr(mine, key) == theirs[key], (key, mode)


@pytest.mark.slow
def test_cli_scores_two_stories_end_to_end(tmp_path):
    write_story(tmp_path / "s-01")
    write_story(tmp_path / "s-02")
    out = tmp_path / "figures.json"
    saved = tmp_path / "reports"
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "spun",
            str(tmp_path),
            "--json",
            str(out),
            "--save",
            str(saved),
            "--no-model",
            "--only",
            "s-01..s-02",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "spun mode R: precision" in result.output and "spun mode N" in result.output
    figures = json.loads(out.read_text())
    assert figures["stories"] == ["s-01", "s-02"]
    # The saved reports, scored again, give the printed totals.
    gold = json.loads((tmp_path / "s-01" / "gold.json").read_text())
    for mode in ("R", "N"):
        total = Tally()
        for story in ("s-01", "s-02"):
            total.add(
                score_story(json.loads((saved / f"{story}.{mode}.json").read_text()), gold, mode)
            )
        assert figures["modes"][mode]["findings_right"] == total.tp
        assert figures["modes"][mode]["findings_wrong"] == total.fp
        assert figures["modes"][mode]["changed_units"] == total.changed == 4


def test_cli_rejects_a_folder_without_stories(tmp_path):
    result = CliRunner().invoke(app, ["eval", "spun", str(tmp_path), "--no-model"])
    assert result.exit_code != 0
    assert "no story" in result.output


def test_mode_p_scores_the_page_alone(gold):
    """P: only the page's units count, and only changes whose original the page quotes."""
    ps, pe = next(
        (i["start"], i["end"])
        for i in gold["items"]
        if i["label"] == "changed" and i["doc"] == "page"
    )
    rep = {"documents": [{"id": "d0", "source": "x/page.txt"}],
           "findings": [finding("d0", ps, pe)]}  # fmt: skip
    t = score_story(rep, gold, "P")
    assert (t.tp, t.fp, t.changed, t.caught, t.safe) == (1, 0, 1, 1, 2)


def test_a_story_with_a_broken_gold_file_is_reported_and_the_rest_scored(tmp_path):
    from factdiff.eval.spun import run_spun

    write_story(tmp_path / "s-01")
    (tmp_path / "s-02").mkdir()
    (tmp_path / "s-02" / "gold.json").write_text("{not json")
    result = run_spun(tmp_path, lambda paths: report())
    assert result.stories == ["s-01"]
    assert len(result.errors) == 1 and "s-02" in result.errors[0]
    assert result.totals["R"].changed == 2
