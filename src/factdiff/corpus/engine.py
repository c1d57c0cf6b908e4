"""Engines run the per-document and per-story work in parallel; the grouping itself is one
call on the driver (``group_sketches``), so every engine gives the same groups.

- ``local``: a pool of processes on this machine (all cores by default).
- ``ray``: Ray Data on a cluster or a local Ray runtime (``pip install 'factdiff[ray]'``):
  units → sketch (map_batches) → group on the driver → compare (map_batches over an actor
  pool, each actor holding its models).

Both stream their results back in input order, with a progress callback.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import zip_longest

from factdiff.corpus.read import Unit, site_of, unit_documents, units
from factdiff.corpus.sketch import Sketches, empty, sketch_many
from factdiff.errors import InputError
from factdiff.ingest import unique_id
from factdiff.options import Options
from factdiff.types import Document, IngestError

Progress = Callable[[int], None]  # called with how many more documents (or stories) are done


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What the outputs say of a document (its text is not kept)."""

    doc: str
    source: str
    url: str
    site: str
    date: str
    title: str
    chars: int

    def __reduce__(self):
        # Pickled as its fields: a worker sends one per document, and the default pickling
        # of a frozen slots dataclass (per-field __setstate__) cost twice as much each way.
        return DocInfo, tuple(getattr(self, f) for f in self.__slots__)


@dataclass(slots=True)
class Corpus:
    """Every readable document's info and sketch, in input order, and what was skipped."""

    docs: list[DocInfo] = field(default_factory=list)
    sketches: Sketches = field(default_factory=empty)
    errors: list[IngestError] = field(default_factory=list)
    unit_sizes: list[int] = field(default_factory=list)  # documents per work unit, in order


@dataclass(frozen=True, slots=True)
class StoryTask:
    """One story to compare: its versions, the original first."""

    story: int
    docs: tuple[Document, ...]
    part: int = 0  # a big story is compared in parts (scan.MAX_VERSIONS versions each)


@dataclass(frozen=True, slots=True)
class StoryResult:
    story: int
    report: dict  # schema-1 JSON
    html: str
    error: str = ""
    counted: frozenset[str] = frozenset()  # ids of its findings Report.changed_facts() counts


def info_of(doc: Document) -> DocInfo:
    url = doc.source if "://" in doc.source else ""
    return DocInfo(
        doc.id, doc.source, url, site_of(url), str(doc.meta.get("date", "")), doc.title,
        len(doc.text),
    )  # fmt: skip


def sketch_unit(unit: Unit, options: Options, seed: int):
    """Read a unit and sketch its documents: (infos, sketches, errors)."""
    docs, errors = unit_documents(unit, options)
    return [info_of(d) for d in docs], sketch_many([d.text for d in docs], seed), errors


def compare_story(task: StoryTask, options: Options, resources) -> StoryResult:
    """The ordinary compare pipeline on one story; its report as JSON and HTML."""
    from factdiff.pipeline import run
    from factdiff.report.html import render_html

    try:
        report = run(list(task.docs), options, resources)
    except InputError as exc:
        return StoryResult(task.story, {}, "", f"{exc.code}: {exc.message}")
    data = report.to_dict()
    changed = {id(f) for f in report.changed_facts()}
    counted = frozenset(
        d["id"] for f, d in zip(report.findings, data["findings"], strict=True) if id(f) in changed
    )
    return StoryResult(task.story, data, render_html(report), counted=counted)


def collect(results: Iterable[tuple[list, Sketches, list]], progress: Progress | None) -> Corpus:
    """Assemble sketch results in order; a repeated id gets "-2", "-3" ..."""
    corpus = Corpus()
    taken: set[str] = set()
    parts = []
    for infos, sketches, errors in results:
        corpus.errors.extend(errors)
        for info in infos:
            doc = unique_id(info.doc, taken)
            taken.add(doc)
            corpus.docs.append(info if doc == info.doc else replace(info, doc=doc))
        parts.append(sketches)
        corpus.unit_sizes.append(len(infos))
        if progress:
            progress(len(infos) + len(errors))
    corpus.sketches = Sketches.join(parts)
    return corpus


def with_extras(items: Iterable[Unit], extras: Iterable | None) -> Iterable:
    """The units, or (unit, extra) pairs; a pair misses its unit or its extra (None) when
    the input changed between two passes over it (the work function must allow for it)."""
    return items if extras is None else zip_longest(items, extras)


# --------------------------------------------------------------------------- local


def workers_default() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


class LocalEngine:
    """Processes on this machine. ``workers=1`` runs in this process (tests, small inputs)."""

    name = "local"

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers or workers_default()

    def map_units(self, work: Callable, inputs, options: Options, extras=None) -> Iterator:
        """``work`` on every unit of the inputs, in the workers; results in input order.
        With ``extras`` (one per unit, in order), ``work`` gets (unit, extra) pairs."""
        items = with_extras(units(inputs, options), extras)
        if self.workers == 1:
            yield from map(work, items)
            return
        with _pool(self.workers) as pool:
            yield from pool.imap(work, items)

    def sketch(self, inputs, options: Options, seed: int, progress: Progress | None = None):
        sketch_many([""], seed)  # compile (or load) the kernel once, before the pool forks
        work = partial(sketch_unit, options=options, seed=seed)
        return collect(self.map_units(work, inputs, options), progress)

    def compare(
        self, tasks: Iterable[StoryTask], options: Options, resources=None
    ) -> Iterator[StoryResult]:
        if self.workers == 1:
            from factdiff.resources import Resources

            resources = resources or Resources()
            for task in tasks:
                yield compare_story(task, options, resources)
            return
        with _pool(self.workers, initializer=_load_models) as pool:
            yield from pool.imap(partial(_compare_in_worker, options=options), tasks)


def _pool(workers: int, initializer=None):
    # "spawn" would reload everything per worker; "fork" shares what is loaded. The models
    # (onnxruntime, spaCy) are loaded inside each worker, after the fork.
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    return context.Pool(workers, initializer=initializer)


_MODELS: dict = {}  # one Resources per worker process, made by its initializer


def _load_models() -> None:
    from factdiff.resources import Resources

    _MODELS["resources"] = Resources()


def _compare_in_worker(task: StoryTask, options: Options) -> StoryResult:
    return compare_story(task, options, _MODELS["resources"])


# --------------------------------------------------------------------------- ray


class RayEngine:
    """Ray Data: the same units and the same functions as the local engine, run as Ray
    tasks; comparing uses an actor pool so each actor loads the models once."""

    name = "ray"

    def __init__(self, address: str | None = None, workers: int = 0) -> None:
        try:
            import ray
        except ImportError as exc:
            raise InputError(
                "missing_extra", "the Ray engine needs the ray extra: pip install 'factdiff[ray]'"
            ) from exc
        self.ray = ray
        if not ray.is_initialized():
            kwargs = {"address": address} if address else {"num_cpus": workers or None}
            ray.init(ignore_reinit_error=True, log_to_driver=False, **kwargs)
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # results in input order
        ctx.enable_progress_bars = False

    def map_units(self, work: Callable, inputs, options: Options, extras=None) -> Iterator:
        """``work`` on every unit of the inputs, as Ray tasks; results in input order.
        With ``extras`` (one per unit, in order), ``work`` gets (unit, extra) pairs."""
        import pickle

        items = [{"unit": pickle.dumps(u)} for u in with_extras(units(inputs, options), extras)]
        if not items:
            return

        def run_batch(batch):
            return {"result": [pickle.dumps(work(pickle.loads(u))) for u in batch["unit"]]}

        ds = self.ray.data.from_items(items).map_batches(run_batch, batch_size=1)
        yield from (pickle.loads(row["result"]) for row in ds.iter_rows())

    def sketch(self, inputs, options: Options, seed: int, progress: Progress | None = None):
        work = partial(sketch_unit, options=options, seed=seed)
        return collect(self.map_units(work, inputs, options), progress)

    def compare(
        self, tasks: Iterable[StoryTask], options: Options, resources=None
    ) -> Iterator[StoryResult]:
        import pickle

        items = [{"task": pickle.dumps(t)} for t in tasks]
        if not items:
            return

        class Comparer:
            def __init__(self) -> None:
                from factdiff.resources import Resources

                self.resources = Resources()

            def __call__(self, batch):
                out = [
                    pickle.dumps(compare_story(pickle.loads(t), options, self.resources))
                    for t in batch["task"]
                ]
                return {"result": out}

        ds = self.ray.data.from_items(items).map_batches(
            Comparer, batch_size=1, concurrency=max(1, min(self.workers, len(items)))
        )
        for row in ds.iter_rows():
            yield pickle.loads(row["result"])


def require_corpus_extra() -> None:
    """A clear error, not an ImportError, when the corpus libraries are not installed."""
    import importlib.util

    needed = ("scipy", "pyarrow", "numba")
    missing = [m for m in needed if importlib.util.find_spec(m) is None]
    if missing:
        raise InputError(
            "missing_extra",
            f"corpus mode needs {', '.join(missing)}: pip install 'factdiff[corpus]'",
        )


def make_engine(name: str, address: str | None = None, workers: int = 0):
    require_corpus_extra()
    if name == "local":
        return LocalEngine(workers)
    if name == "ray":
        return RayEngine(address, workers)
    raise InputError("bad_option", f"unknown engine {name!r} (local or ray)")
