"""The public Python API: compare versions, or check one rewrite against its source.

All three functions return the same :class:`~factdiff.types.Report` (schema 1). Pass one
:class:`~factdiff.resources.Resources` to many calls to load the models only once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from factdiff.errors import InputError
from factdiff.options import Options
from factdiff.pipeline import StageCallback, run
from factdiff.resources import Resources
from factdiff.types import Document, IngestError, Report


def compare(
    inputs: Sequence[str | Document],
    reference: int | str | None = 0,
    *,
    options: Options | None = None,
    resources: Resources | None = None,
    on_stage: StageCallback | None = None,
) -> Report:
    """Compare versions given as paths, directories, URLs or Documents.

    Unreadable inputs are reported in ``Report.errors``; the rest are compared. Raises
    :class:`~factdiff.errors.InputError` when nothing usable is left.
    """
    options = replace(options or Options(), reference=reference)
    docs, errors = read_documents(inputs, options, "compare")
    return run(docs, options, resources or Resources(), errors=errors, on_stage=on_stage)


def read_documents(
    inputs: Sequence[str | Document], options: Options, purpose: str
) -> tuple[list[Document], list[IngestError]]:
    """Documents given as such, then those read from paths, directories and URLs (ids
    renumbered when both are mixed), and the inputs that could not be read. Raises
    InputError when nothing is left to ``purpose`` ("compare", "group")."""
    from factdiff.ingest import read_inputs

    docs = [x for x in inputs if isinstance(x, Document)]
    paths = [str(x) for x in inputs if not isinstance(x, Document)]
    errors: list[IngestError] = []
    if paths:
        read, errors = read_inputs(paths, options)
        docs = renumber([*docs, *read]) if docs else read
    if not docs:
        raise nothing_to(purpose, errors)
    return docs, errors


def nothing_to(purpose: str, errors: Sequence[IngestError], shown: int = 5) -> InputError:
    """The error for inputs of which none could be read: what was tried, and why not."""
    detail = "; ".join(f"{e.source}: {e.message}" for e in errors[:shown]) or "no input given"
    more = f" and {len(errors) - shown} more" if len(errors) > shown else ""
    return InputError("no_input", f"nothing to {purpose} ({detail}{more})")


def compare_texts(
    texts: Mapping[str, str],
    reference: int | str | None = 0,
    *,
    options: Options | None = None,
    resources: Resources | None = None,
) -> Report:
    """Compare texts given as {name: text}; the names become the document ids."""
    from factdiff.ingest import document_from_text

    docs = [document_from_text(text, name, source=name) for name, text in texts.items()]
    docs = [d for d in docs if d.text.strip()]
    if len(docs) < len(texts):
        empty = [name for name, text in texts.items() if not text.strip()]
        raise InputError("empty", f"empty text given for {', '.join(empty)}")
    options = replace(options or Options(), reference=reference)
    return run(docs, options, resources or Resources())


def check(
    source: str,
    rewrite: str,
    *,
    options: Options | None = None,
    resources: Resources | None = None,
) -> Report:
    """Judge ``rewrite`` against ``source``: the common two-text case."""
    return compare_texts(
        {"source": source, "rewrite": rewrite}, 0, options=options, resources=resources
    )


def renumber(docs: Sequence[Document]) -> list[Document]:
    """Give mixed inputs the ids d0, d1, ... in order."""
    return [replace(d, id=f"d{i}") for i, d in enumerate(docs)]


def cluster(
    inputs: Sequence[str | Document],
    *,
    options: Options | None = None,
    engine: str = "local",
    address: str | None = None,
    workers: int = 0,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
):
    """Group documents (paths, directories, JSONL corpora, WARC crawls, or Documents) into
    stories and events: a :class:`~factdiff.corpus.Grouping`, unreadable inputs in its
    ``errors``. ``progress`` is told how many more documents were read, ``on_stage`` the
    name of each stage as it starts. Raises InputError when nothing is readable."""
    from factdiff.corpus import group, group_sketches
    from factdiff.corpus.engine import make_engine

    options = options or Options()
    docs = [x for x in inputs if isinstance(x, Document)]
    if docs and len(docs) == len(inputs):
        return group(docs, seed=seed)
    paths = [str(x) for x in inputs if not isinstance(x, Document)]
    if docs:
        raise InputError("bad_input", "give documents or paths to cluster, not both")
    corpus = make_engine(engine, address, workers).sketch(paths, options, seed, progress)
    if not corpus.docs:
        raise nothing_to("group", corpus.errors)
    ids, sources = [d.doc for d in corpus.docs], [d.source for d in corpus.docs]
    if on_stage:
        on_stage("grouping")
    return group_sketches(ids, sources, corpus.sketches, corpus.errors, seed)[0]


def scan(
    inputs: Sequence[str],
    output: str | Path,
    *,
    options: Options | None = None,
    engine: str = "local",
    address: str | None = None,
    workers: int = 0,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
    on_story: Callable | None = None,
    on_stage: Callable[[str], None] | None = None,
):
    """Group a crawl, compare each story with more than one version, and write the results
    into ``output`` (see corpus/outputs.py). Returns the :class:`~factdiff.corpus.scan.ScanResult`.
    Raises InputError when nothing is readable."""
    from factdiff.corpus.engine import make_engine
    from factdiff.corpus.outputs import tables, write_index, write_parquet
    from factdiff.corpus.scan import scan as run_scan
    from factdiff.corpus.scan import write_report

    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)

    def arrived(task, result) -> None:
        write_report(out, task, result)
        if on_story:
            on_story(task, result)

    result = run_scan(
        [str(x) for x in inputs], make_engine(engine, address, workers), options or Options(),
        seed, progress, arrived, on_stage=on_stage,
    )  # fmt: skip
    if not result.corpus.docs:
        raise nothing_to("scan", result.corpus.errors)
    t = tables(result)
    write_parquet(out, t)
    write_index(out, t, result)
    return result
