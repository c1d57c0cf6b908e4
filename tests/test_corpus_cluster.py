"""factdiff cluster: stories from a small made-up crawl (two stories, each an original and a
spun copy, plus an unrelated article), through the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factdiff.cli import app
from factdiff.corpus import components

FIRE = (
    "Fire destroyed the historic fish market at Port Merrow harbour early on Tuesday. "
    "Firefighters from four stations fought the flames for almost six hours. "
    "Three men and two women who lived above the market were rescued by ladder. "
    "The cause of the fire is not yet known, the county fire marshal said."
)
FIRE_SPUN = (
    "A blaze wiped out the old fish market at the harbour of Port Merrow in the early hours "
    "of Tuesday. Crews from four fire stations battled the flames for nearly six hours. "
    "Two women and three men living in flats over the market were brought down by ladder. "
    "What started the blaze is still unknown, according to the county fire marshal."
)
VOTE = (
    "The city council voted on Monday to build a new cycle bridge across the river. "
    "The bridge will cost 14 million pounds and open in two years, the mayor said. "
    "Residents of the east bank had campaigned for a crossing for a decade. "
    "Work on the foundations is due to start in the spring."
)
VOTE_SPUN = (
    "On Monday councillors backed plans for a new bridge for cyclists over the river. "
    "The crossing is set to cost 14 million pounds and to open within two years, said the "
    "mayor. People on the east bank had pushed for a crossing for ten years. "
    "Foundation work should begin in spring."
)
OTHER = (
    "Astronomers have found a planet orbiting a small red star forty light years away. "
    "The planet is slightly larger than Earth and takes eleven days to circle its star. "
    "Its surface is thought to be too hot for liquid water. "
    "The team will use a space telescope to study its atmosphere next year."
)


def test_components_are_numbered_in_order_of_first_document():
    assert components(5, [(3, 4), (1, 3)]) == (0, 1, 2, 1, 1)


@pytest.mark.slow
def test_cluster_groups_copies_into_stories(tmp_path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    for name, text in (
        ("a_fire.txt", FIRE), ("b_vote.txt", VOTE), ("c_fire_copy.txt", FIRE_SPUN),
        ("d_other.txt", OTHER), ("e_vote_copy.txt", VOTE_SPUN),
    ):  # fmt: skip
        (crawl / name).write_text(text)
    (crawl / "f_empty.txt").write_text("")
    out = tmp_path / "stories.jsonl"
    result = CliRunner().invoke(app, ["cluster", str(crawl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    story = {row["source"].rsplit("/", 1)[-1]: row["story"] for row in rows}
    assert story["a_fire.txt"] == story["c_fire_copy.txt"]
    assert story["b_vote.txt"] == story["e_vote_copy.txt"]
    assert len({story["a_fire.txt"], story["b_vote.txt"], story["d_other.txt"]}) == 3
    assert all(set(row) == {"doc", "source", "story", "event"} for row in rows)
    assert "f_empty.txt" in result.output  # reported, not fatal


@pytest.mark.slow
def test_the_python_api_groups_documents():
    import factdiff
    from factdiff.types import Document

    docs = [Document("fire", FIRE), Document("other", OTHER), Document("copy", FIRE_SPUN)]
    grouping = factdiff.cluster(docs)
    assert grouping.docs == ("fire", "other", "copy")
    assert grouping.story[0] == grouping.story[2] != grouping.story[1]
    with pytest.raises(factdiff.InputError):
        factdiff.cluster([])


def test_cluster_names_jsonl_rows_by_the_id_field_given(tmp_path):
    rows = [{"key": "fire", "body": FIRE}, {"key": "copy", "body": FIRE_SPUN},
            {"key": "vote", "body": VOTE}, {"body": OTHER}]  # fmt: skip
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "stories.jsonl"
    args = ["cluster", str(corpus), "-o", str(out), "--workers", "1", "--quiet",
            "--id-field", "key", "--text-field", "body"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    got = {r["doc"]: r["story"] for r in map(json.loads, out.read_text().splitlines())}
    assert set(got) == {"fire", "copy", "vote", f"{corpus}:4"}  # no id: path and line
    assert got["fire"] == got["copy"] != got["vote"]


def test_cluster_reads_directories_in_a_stable_order_with_unique_ids(tmp_path):
    from factdiff.corpus.engine import LocalEngine
    from factdiff.options import Options

    for name, text in (("b.txt", VOTE), ("a.txt", FIRE)):
        (tmp_path / name).write_text(text)
    rows = [{"id": "same", "text": OTHER}, {"id": "same", "text": FIRE_SPUN}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    corpus = LocalEngine(1).sketch([str(tmp_path)], Options(), seed=0)
    names = [d.doc.rsplit("/", 1)[-1] for d in corpus.docs]
    assert names == ["a.txt", "b.txt", "same", "same-2"]


def test_pages_in_other_languages_are_counted_not_grouped(tmp_path):
    from factdiff.corpus.engine import LocalEngine
    from factdiff.options import Options

    (tmp_path / "fire.txt").write_text(FIRE)
    (tmp_path / "fr.txt").write_text(
        "Le conseil municipal a voté lundi la construction d'un nouveau pont cyclable sur la "
        "rivière. Le pont coûtera quatorze millions d'euros et ouvrira dans deux ans, a "
        "déclaré le maire. Les habitants de la rive est réclamaient un passage depuis dix ans."
    )
    corpus = LocalEngine(1).sketch([str(tmp_path)], Options(), seed=0)
    assert [d.doc.rsplit("/", 1)[-1] for d in corpus.docs] == ["fire.txt"]
    assert [(e.source.rsplit("/", 1)[-1], e.code) for e in corpus.errors] == [
        ("fr.txt", "not_english")
    ]


def test_a_jsonl_file_cut_into_byte_ranges_keeps_every_row_and_its_line_number(
    tmp_path, monkeypatch
):
    """Workers read JSONL as byte ranges cut at line ends; rows without an id are named
    path:line, so the line count must carry across ranges (and a row longer than a range,
    and a last line without a line end, must survive)."""
    from factdiff.corpus import read
    from factdiff.options import Options

    path = tmp_path / "rows.jsonl"
    rows = [{"text": f"Row number {k} says the bridge opened on day {k}." + " long" * (k % 7) * 40}
            for k in range(40)]  # fmt: skip
    text = "\n".join(json.dumps(r) for r in rows[:20]) + "\n\n{broken\n"
    text += "\n".join(json.dumps(r) for r in rows[20:])  # no final line end
    path.write_text(text)
    monkeypatch.setattr(read, "JSONL_UNIT_BYTES", 300)
    units = list(read.units([str(path)], Options()))
    assert len(units) > 5
    docs, errors = [], []
    for unit in units:
        d, e = read.unit_documents(unit, Options())
        docs += d
        errors += e
    lines = [k + 1 for k in range(20)] + [k + 23 for k in range(20)]
    assert [d.id for d in docs] == [f"{path}:{n}" for n in lines]
    assert [d.text for d in docs] == [r["text"] for r in rows]
    assert [(e.source, e.code) for e in errors] == [(f"{path}:22", "bad_record")]


def test_the_stages_after_reading_are_named_as_they_start(tmp_path):
    """Grouping a big crawl takes a while after its last document is read: the CLI's
    progress line names each stage (cluster: grouping; scan: grouping, reading the stories
    to compare, comparing)."""
    import factdiff
    from factdiff.corpus.engine import LocalEngine, StoryResult
    from factdiff.corpus.scan import scan

    corpus = tmp_path / "news.jsonl"
    rows = [{"id": "fire", "text": FIRE}, {"id": "copy", "text": FIRE_SPUN}, {"text": OTHER}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    stages: list[str] = []
    factdiff.cluster([str(corpus)], workers=1, on_stage=stages.append)
    assert stages == ["grouping"]

    class NoModels(LocalEngine):  # the stages, not the comparisons, are tested here
        def compare(self, tasks, options, resources=None):
            yield from (StoryResult(task.story, {}, "") for task in tasks)

    stages.clear()
    scan([str(corpus)], NoModels(1), on_stage=stages.append)
    assert stages == ["grouping", "reading the stories to compare", "comparing"]


def test_a_document_info_travels_between_processes_unchanged():
    import pickle

    from factdiff.corpus.engine import DocInfo

    info = DocInfo("s1-2", "crawl.jsonl:3", "https://a.example/x", "a.example", "2024", "T", 9)
    assert pickle.loads(pickle.dumps(info)) == info
