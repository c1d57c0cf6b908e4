"""``factdiff scan``: read a crawl, group it into stories, pick each story's original,
compare every story with more than one version, and write the results (outputs.py).

The original of a story is chosen by evidence: the earliest dated version when some are
dated (WARC fetch date, a JSONL ``date`` field), else the version the others agree with
most (highest mean TF-IDF cosine to the rest), ties to the first in input order.

A page with no copy in the crawl is compared alone (checked inside itself) when it
restates itself (echo.py): a content-farm page quoting captions and their spun rewrites.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

import numpy as np

from factdiff.corpus import SEED, Grouping, group_sketches
from factdiff.corpus.echo import restates_itself
from factdiff.corpus.engine import Corpus, DocInfo, StoryResult, StoryTask
from factdiff.corpus.read import Unit, unit_documents
from factdiff.options import Options
from factdiff.types import Document, IngestError

MAX_VERSIONS = 8  # per compare run: a bigger story is compared in parts, original in each


@dataclass(slots=True)
class ScanResult:
    corpus: Corpus
    grouping: Grouping
    originals: dict[int, str]  # story → doc id of its original (stories of 2+ versions)
    results: list[tuple[StoryTask, StoryResult]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Wanted:
    """What the second pass needs to know of one unit: the corpus index of its first
    document, how many it had in the first pass, and which (positions in the unit) are
    versions of a story with copies."""

    start: int
    count: int
    copies: frozenset[int]


def read_wanted(
    item: tuple[Unit | None, Wanted | None], options: Options
) -> list[tuple[int, Document]]:
    """A unit read again, in a worker: its versions of stories with copies, and its lone
    pages that restate themselves (compared alone), by corpus index; only these travel to
    the driver, which checks each is the document it read first (``same_document``). A
    unit the first pass did not have (the input changed) gives nothing."""
    unit, wanted = item
    if unit is None or wanted is None:
        return []
    docs, _ = unit_documents(unit, options)
    window = options.tuning.within_sentences
    return [
        (wanted.start + p, d)
        for p, d in enumerate(docs[: wanted.count])
        if p in wanted.copies or restates_itself(d.text, window)
    ]


def same_document(info: DocInfo, doc: Document) -> bool:
    """Whether a document read again is the one read first: the same id (before a repeated
    id's "-2" suffix) and the same length. A crawl can change between the two reads (a URL
    fetched twice, a file rewritten); a document that did is left out, never renamed."""
    suffix = info.doc[len(doc.id) + 1 :]
    named = info.doc == doc.id or (
        info.doc.startswith(f"{doc.id}-") and suffix.isdigit() and suffix[0] != "0"
    )
    return named and info.chars == len(doc.text)


def wanted_per_unit(unit_sizes: Sequence[int], copies: Sequence[int]) -> Iterator[Wanted]:
    """One ``Wanted`` per unit, from its size and the sorted corpus indexes of copies."""
    copies = np.asarray(copies, dtype=np.int64)
    start = 0
    for count in unit_sizes:
        lo, hi = np.searchsorted(copies, [start, start + count])
        yield Wanted(start, count, frozenset((copies[lo:hi] - start).tolist()))
        start += count


def parse_date(value: str) -> datetime | None:
    """An ISO 8601 date or time ("2024-05-01", "2024-05-01T10:00:00Z"), else None."""
    value = value.strip()
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def choose_original(members: Sequence[int], dates: Sequence[str], rows) -> int:
    """The member that is the original (see the module docstring)."""
    dated = [(d, m) for m in members if (d := parse_date(dates[m])) is not None]
    if dated:
        return min(dated)[1]
    sims = np.asarray((rows[list(members)] @ rows[list(members)].T).todense())
    return members[int(np.argmax(sims.sum(axis=1)))]  # argmax: the first on a tie


def story_members(grouping: Grouping) -> dict[int, list[int]]:
    """Every story's documents (lone pages are stories of one)."""
    members: dict[int, list[int]] = {}
    for i, s in enumerate(grouping.story):
        members.setdefault(s, []).append(i)
    return members


def tasks_for(
    members: dict[int, list[int]], originals: dict[int, int], docs: dict, ids: Sequence[str]
) -> list[StoryTask]:
    """Compare tasks: the original and up to MAX_VERSIONS - 1 copies each; a lone page that
    was kept (it restates itself) alone."""
    tasks = []
    for story in sorted(members):
        first = originals[story]
        copies = [ids[m] for m in members[story] if m != first and ids[m] in docs]
        if ids[first] not in docs:
            continue
        if len(members[story]) == 1:
            tasks.append(StoryTask(story, (docs[ids[first]],), 0))
            continue
        if not copies:
            continue
        step = MAX_VERSIONS - 1
        for part, lo in enumerate(range(0, len(copies), step)):
            chunk = (docs[ids[first]], *(docs[c] for c in copies[lo : lo + step]))
            tasks.append(StoryTask(story, chunk, part))
    return tasks


def scan(
    inputs: Sequence[str],
    engine,
    options: Options | None = None,
    seed: int = SEED,
    on_docs: Callable[[int], None] | None = None,
    on_story: Callable[[StoryTask, StoryResult], None] | None = None,
    compare: bool = True,
    on_stage: Callable[[str], None] | None = None,
) -> ScanResult:
    """Group ``inputs`` and compare their stories with ``engine``; ``on_story`` is called
    as each story's report arrives (the CLI writes it at once), ``on_stage`` with the name
    of each stage as it starts."""
    options = options or Options()
    stage = on_stage or (lambda name: None)
    corpus = engine.sketch(inputs, options, seed, on_docs)
    stage("grouping")
    ids = [d.doc for d in corpus.docs]
    grouping, rows = group_sketches(
        ids, [d.source for d in corpus.docs], corpus.sketches, corpus.errors, seed
    )
    members = story_members(grouping)
    dates = [d.date for d in corpus.docs]
    first = {s: choose_original(m, dates, rows) if len(m) > 1 else m[0] for s, m in members.items()}
    result = ScanResult(
        corpus, grouping, {s: ids[i] for s, i in first.items() if len(members[s]) > 1}
    )
    if not compare or not members:
        return result
    stage("reading the stories to compare")
    copies = sorted(i for m in members.values() if len(m) > 1 for i in m)
    wanted = wanted_per_unit(corpus.unit_sizes, copies)
    docs: dict[str, Document] = {}
    for found in engine.map_units(partial(read_wanted, options=options), inputs, options, wanted):
        for index, d in found:
            if same_document(corpus.docs[index], d):
                docs[ids[index]] = d if d.id == ids[index] else replace(d, id=ids[index])
    for i in copies:
        if ids[i] not in docs:
            message = "it changed (or could not be read) between the two reads; not compared"
            corpus.errors.append(IngestError(corpus.docs[i].source, "changed", message))
    tasks = tasks_for(members, first, docs, ids)
    stage("comparing")
    for task, story_result in zip(tasks, engine.compare(tasks, options), strict=True):
        result.results.append((task, story_result))
        if on_story:
            on_story(task, story_result)
    return result


def report_name(task: StoryTask) -> str:
    return f"story-{task.story}" + (f"-part{task.part + 1}" if task.part else "")


def write_report(out: Path, task: StoryTask, result: StoryResult) -> None:
    import json

    reports = out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    name = report_name(task)
    if result.error:
        (reports / f"{name}.error.txt").write_text(result.error + "\n", encoding="utf-8")
        return
    (reports / f"{name}.json").write_text(json.dumps(result.report, indent=1), encoding="utf-8")
    (reports / f"{name}.html").write_text(result.html, encoding="utf-8")
