"""End-to-end runs of the command line, including bad input: one clear line, a documented
exit code, never a traceback, and nothing lost."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factdiff.cli import app
from factdiff.errors import EXIT_CHANGED, EXIT_INPUT

ORIGINAL = (
    "Mayor Anne Ross signed the order on Tuesday. At least 12 people were hurt in the fire.\n\n"
    "Police said 50 people were rescued from the harbour.\n"
)
COPY = (
    "Mayor Peter Lind signed the order on Tuesday. At least 12 people were hurt in the fire.\n\n"
    "Police said 50 people were rescued from the harbour.\n"
)

runner = CliRunner()


@pytest.fixture()
def story(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(ORIGINAL, encoding="utf-8")
    b.write_text(COPY, encoding="utf-8")
    return a, b


def invoke(*args: str):
    return runner.invoke(app, [*args, "--quiet"] if args[0] in ("compare", "check") else args)


def test_help_documents_exit_codes():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Exit codes" in result.output and "no usable input" in result.output


def test_compare_json_is_schema_1(story, resources):
    a, b = story
    result = invoke("compare", str(a), str(b), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["schema"] == 1
    assert report["reference"] == "d0"
    assert [d["source"] for d in report["documents"]] == [str(a), str(b)]
    types = {f["type"] for f in report["findings"]}
    assert "entity_substitution" in types
    for f in report["findings"]:
        text = (b if f["claim"]["doc"] == "d1" else a).read_text(encoding="utf-8")
        assert text[f["claim"]["start"] : f["claim"]["end"]] == f["claim"]["text"]


def test_check_fail_on_exits_1_when_a_fact_changed(story):
    a, b = story
    changed = invoke("check", str(a), str(b), "--fail-on", "high", "--format", "json")
    assert changed.exit_code == EXIT_CHANGED, changed.output
    same = invoke("check", str(a), str(a), "--fail-on", "low", "--format", "json")
    assert same.exit_code == 0, same.output


def test_empty_input_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = invoke("compare", str(empty))
    assert result.exit_code == EXIT_INPUT
    assert "Traceback" not in result.output
    assert "empty" in result.output


def test_binary_and_missing_files_are_reported_and_the_rest_compared(story, tmp_path):
    a, b = story
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    result = invoke(
        "compare", str(a), str(binary), str(tmp_path / "missing.txt"), str(b), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["documents"]) == 2
    assert {e["code"] for e in report["errors"]} >= {"binary"}
    assert len(report["errors"]) == 2


def test_directory_with_one_bad_file(story, tmp_path):
    a, b = story
    folder = tmp_path / "versions"
    folder.mkdir()
    (folder / "1.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "2.txt").write_text(COPY, encoding="utf-8")
    (folder / "3.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = invoke("compare", str(folder), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["documents"]) == 2 and len(report["errors"]) == 1


def test_latin1_file_is_decoded(tmp_path, story):
    a, _ = story
    latin = tmp_path / "latin.txt"
    latin.write_bytes(COPY.replace("Peter Lind", "Peter Lindé").encode("latin-1"))
    result = invoke("compare", str(a), str(latin), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "Lindé" in json.dumps(json.loads(result.stdout), ensure_ascii=False)


def test_broken_url_is_one_line(story):
    a, _ = story
    result = invoke("compare", str(a), "http://nonexistent.invalid/story")
    assert "Traceback" not in result.output
    assert "nonexistent.invalid" in result.output


def test_non_english_is_said_unsupported(story, tmp_path):
    a, _ = story
    german = tmp_path / "de.txt"
    german.write_text(
        "Die Bürgermeisterin unterschrieb am Dienstag die Anordnung. Mindestens zwölf "
        "Menschen wurden bei dem Brand verletzt, und die Polizei sagte, dass fünfzig Menschen "
        "aus dem Hafen gerettet wurden.\n",
        encoding="utf-8",
    )
    result = invoke("compare", str(a), str(german), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert any("English only" in w for w in report["warnings"])


def test_html_report_written(story, tmp_path):
    a, b = story
    out = tmp_path / "r.html"
    result = invoke("compare", str(a), str(b), "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_perturb_writes_labelled_jsonl(story, tmp_path):
    a, _ = story
    out = tmp_path / "perturbed.jsonl"
    result = runner.invoke(app, ["perturb", str(a), "--n", "4", "-o", str(out), "--seed", "1"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert 1 <= len(records) <= 4
    for r in records:
        assert r["source"] == ORIGINAL
        assert r["label"] in (0, 1) and r["change_type"]


def test_perturb_empty_file_is_a_clear_error(tmp_path):
    empty = tmp_path / "e.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["perturb", str(empty)])
    assert result.exit_code == EXIT_INPUT
    assert "Traceback" not in result.output


def test_consensus_mode_names_the_outlier(tmp_path):
    # d1 is the only version with another mayor; d0 and d2 agree, so d1 introduced it.
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "b.txt").write_text(COPY, encoding="utf-8")
    (folder / "c.txt").write_text(ORIGINAL.replace("fire.", "blaze."), encoding="utf-8")
    result = invoke("compare", str(folder), "--no-reference", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["mode"] == "consensus" and report["reference"] is None
    changed = [f for f in report["findings"] if f["severity"] != "info"]
    assert any(f["type"] == "entity_substitution" for f in changed)
    assert {f["introduced_by"] for f in changed} == {"d1"}


def test_eval_rejects_a_folder_without_a_verifier(tmp_path):
    data = tmp_path / "se.jsonl"
    data.write_text('{"doc": "A b c.", "summary": "A b.", "label": 1, "domain": "news"}\n')
    result = invoke("eval", "summedits", str(data), "--verifier", str(tmp_path))
    assert result.exit_code == EXIT_INPUT
    assert "no verifier" in result.output and "Traceback" not in result.output
    result = invoke("eval", "summedits", str(data), "--fold-models", str(tmp_path))
    assert result.exit_code == EXIT_INPUT and "one folder per fold" in result.output
