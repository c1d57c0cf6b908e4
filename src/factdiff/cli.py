"""The command line: a thin Typer app over the public API.

It parses flags into one Options object, calls the library, renders the report, and turns every
FactdiffError into one line on stderr and a documented exit code. Heavy modules (models, the
pipeline stages) are imported inside the commands so ``factdiff --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from factdiff.errors import (
    EXIT_CHANGED,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_MODEL,
    EXIT_OK,
    EXIT_USAGE,
    FactdiffError,
)

EXIT_CODES = f"""Exit codes: {EXIT_OK} ok · {EXIT_CHANGED} a fact changed (check --fail-on) ·
{EXIT_USAGE} bad arguments · {EXIT_INPUT} no usable input · {EXIT_MODEL} a bundled model is missing
or corrupt · {EXIT_INTERNAL} internal error (please report it)."""

app = typer.Typer(
    help="Diff the facts, not the words: compare versions of a story and report which facts "
    "changed.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"


class FailOn(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"
    never = "never"


def stderr() -> Console:
    return Console(stderr=True)


@contextlib.contextmanager
def user_errors(verbose: bool = False) -> Iterator[None]:
    """One clear line and a documented exit code instead of a traceback."""
    try:
        yield
    except FactdiffError as exc:
        stderr().print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(exc.exit_code) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug: say so, in one line unless asked for more
        if verbose:
            raise
        stderr().print(
            f"internal error: {type(exc).__name__}: {exc} (rerun with -v for details; "
            "please report it)",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(EXIT_INTERNAL) from None


@contextlib.contextmanager
def stage_progress(quiet: bool) -> Iterator:
    """A spinner naming the running stage, on stderr so stdout stays clean for JSON."""
    if quiet:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=stderr(),
        transient=True,
    ) as progress:
        task = progress.add_task("reading inputs", total=None)
        yield lambda name: progress.update(task, description=name)


def emit(report, fmt: Format, output: Path | None) -> None:
    from factdiff.report import render

    if fmt is Format.terminal and output is None:
        render(report, "terminal", console=Console())
        return
    text = render(report, fmt.value) if fmt is not Format.terminal else None
    if text is None:  # terminal format into a file: plain text
        console = Console(record=True, width=120, file=io.StringIO())
        render(report, "terminal", console=console)
        text = console.export_text()
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        stderr().print(f"wrote {output}", markup=False, highlight=False)


def report_errors(report) -> None:
    for err in report.errors:
        stderr().print(f"skipped {err.source}: {err.message} [{err.code}]", markup=False)


OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write here, not stdout.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Report format.")]
NoModelOpt = Annotated[
    bool, typer.Option("--no-model", help="Rules only: do not run the learned verifier.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Tracebacks for bugs.")]


@app.command()
def compare(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Versions: files (txt, md, html, json, jsonl), directories, URLs."),
    ],
    fmt: FormatOpt = Format.terminal,
    output: OutputOpt = None,
    reference: Annotated[
        str | None,
        typer.Option(help="Reference version: its index, id or path. Default: the first."),
    ] = None,
    no_reference: Annotated[
        bool,
        typer.Option("--no-reference", help="Consensus mode: the majority of 3+ versions decides."),
    ] = False,
    no_model: NoModelOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Compare versions of a story and report every fact that changed."""
    from factdiff.api import compare as run_compare
    from factdiff.options import Options

    with user_errors(verbose):
        ref: int | str | None = None if no_reference else parse_reference(reference)
        options = Options(reference=ref, use_model=not no_model)
        with stage_progress(quiet) as on_stage:
            report = run_compare(inputs, ref, options=options, on_stage=on_stage)
        report_errors(report)
        emit(report, fmt, output)


@app.command()
def check(
    source: Annotated[str, typer.Argument(help="The source (file or URL).")],
    rewrite: Annotated[str, typer.Argument(help="The rewrite to judge against it.")],
    fail_on: Annotated[
        FailOn,
        typer.Option(help=f"Exit {EXIT_CHANGED} when a finding of this severity or worse exists."),
    ] = FailOn.medium,
    fmt: FormatOpt = Format.terminal,
    output: OutputOpt = None,
    no_model: NoModelOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Judge one rewrite against its source; for CI and pipelines."""
    from factdiff.api import compare as run_compare
    from factdiff.options import Options

    with user_errors(verbose):
        options = Options(reference=0, use_model=not no_model)
        with stage_progress(quiet) as on_stage:
            report = run_compare([source, rewrite], 0, options=options, on_stage=on_stage)
        report_errors(report)
        if len(report.documents) < 2:
            from factdiff.errors import InputError

            raise InputError("no_input", "check needs both a readable source and a rewrite")
        emit(report, fmt, output)
        if fail_on is not FailOn.never and report.changed_facts(fail_on.value):
            raise typer.Exit(EXIT_CHANGED)


@app.command(name="eval")
def evaluate(
    name: Annotated[
        str,
        typer.Argument(
            help="Benchmark: summedits, frank, summac, nli, spun (a folder of spun stories), "
            "or perturb (the JSONL of factdiff perturb or scripts/make_synthetic.py)."
        ),
    ],
    path: Annotated[Path, typer.Argument(help="Its data file (or folder for summac).")],
    limit: Annotated[
        int | None, typer.Option(help="Score a seeded stratified sample of N rows.")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the figures as JSON.")
    ] = None,
    no_model: NoModelOpt = False,
    verifier_dir: Annotated[
        Path | None,
        typer.Option("--verifier", help="Use the verifier in this folder, not the shipped one."),
    ] = None,
    fold_models: Annotated[
        list[Path] | None,
        typer.Option(
            "--fold-models",
            help="Cross-fitting: give once per fold the verifier trained WITHOUT that fold "
            "(train-verifier --exclude-fold K); each row is scored by the one that never saw "
            "its document.",
        ),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help="spun: these stories only; dev-17..dev-24 names a range."),
    ] = None,
    mode: Annotated[
        str,
        typer.Option(
            "--mode", help="spun: R (original known), N (copies only), both, or P (page alone)."
        ),
    ] = "both",
    save: Annotated[
        Path | None, typer.Option("--save", help="spun: write each story's JSON report here.")
    ] = None,
    verbose: VerboseOpt = False,
) -> None:
    """Measure accuracy on a benchmark in one run: the rules alone, the learned verifier
    alone, both together (what factdiff check does), and a simple baseline."""
    import json

    from rich.progress import track

    from factdiff.calibrate import load_calibration
    from factdiff.errors import InputError
    from factdiff.eval.folds import FOLDS
    from factdiff.eval.runner import format_result, make_score_fn, result_to_dict, run_eval
    from factdiff.verify.combine import Policy
    from factdiff.verify.onnx_verifier import VERIFIER_DIR, read_manifest

    if name == "spun":
        evaluate_spun(path, only or [], mode, save, json_out, no_model, verbose)
        return
    with user_errors(verbose):
        if no_model and (fold_models or verifier_dir):
            raise InputError("bad_option", "--no-model cannot be used with a verifier folder")
        if fold_models and len(fold_models) != FOLDS:
            raise InputError("bad_option", f"--fold-models needs one folder per fold ({FOLDS})")
        folders = list(fold_models or []) or [verifier_dir]
        score, loaded = make_score_fn(folders, use_model=not no_model)
        # Always the shipped model's policy: another model is measured as the product would
        # use it (a fold model's own manifest has none).
        policy = Policy.from_manifest(read_manifest(VERIFIER_DIR)) if loaded else None

        def progress(rows):
            return track(rows, description=f"eval {name}", console=stderr(), transient=True)

        calibration = load_calibration()
        result = run_eval(
            name,
            path,
            score,
            policy=policy,
            calibration=calibration,
            limit=limit,
            progress=progress,
        )
        Console().print(format_result(result))
        if json_out is not None:
            json_out.write_text(json.dumps(result_to_dict(result), indent=2), encoding="utf-8")


def evaluate_spun(
    folder: Path,
    only: list[str],
    mode: str,
    save: Path | None,
    json_out: Path | None,
    no_model: bool,
    verbose: bool,
) -> None:
    """``eval spun``: the scoring of the spun stories' README, per finding and change type."""
    import json

    from rich.progress import track

    from factdiff.api import compare as compare_versions
    from factdiff.errors import InputError
    from factdiff.eval.spun import ALL_MODES, MODES, format_spun, run_spun
    from factdiff.options import Options
    from factdiff.resources import Resources

    with user_errors(verbose):
        modes = list(MODES) if mode == "both" else [mode]
        if any(m not in ALL_MODES for m in modes):
            raise InputError("bad_option", f"--mode must be R, N, P or both, not {mode!r}")
        if not folder.is_dir():
            raise InputError("no_input", f"{folder} is not a folder of spun stories")
        options = Options(use_model=not no_model)
        resources = Resources()

        def compare(paths: list[str]) -> dict:
            return compare_versions(paths, options=options, resources=resources).to_dict()

        def progress(dirs):
            return track(dirs, description="eval spun", console=stderr(), transient=True)

        result = run_spun(folder, compare, only=only, modes=modes, save=save, progress=progress)
        if not result.stories:
            raise InputError("no_input", f"no story (a folder with gold.json) in {folder}")
        Console().print(format_spun(result), markup=False, highlight=False)
        if json_out is not None:
            json_out.write_text(json.dumps(result.to_dict(), indent=2), encoding="utf-8")


EngineOpt = Annotated[
    str, typer.Option("--engine", help="local (processes on this machine) or ray (a Ray cluster).")
]
AddressOpt = Annotated[
    str | None, typer.Option("--address", help="Ray cluster address ('auto': the running one).")
]
WorkersOpt = Annotated[int, typer.Option("--workers", help="Processes (0: all cores).")]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the MinHash and projection.")]
IdFieldOpt = Annotated[str, typer.Option("--id-field", help="JSONL field of a record's id.")]
TextFieldOpt = Annotated[str, typer.Option("--text-field", help="JSONL field of the text.")]
UrlFieldOpt = Annotated[str, typer.Option("--url-field", help="JSONL field of the URL.")]
DateFieldOpt = Annotated[str, typer.Option("--date-field", help="JSONL field of the date.")]
CorpusArg = Annotated[
    list[str],
    typer.Argument(help="Directories, HTML/TXT/MD files, JSONL corpora, WARC(.gz) crawls, URLs."),
]


def corpus_options(id_field: str, text_field: str, url_field: str, date_field: str, **kw):
    from factdiff.options import Options, RecordFields

    return Options(fields=RecordFields(id_field, text_field, url_field, date_field), **kw)


@contextlib.contextmanager
def rate_progress(quiet: bool, *what: str) -> Iterator:
    """One counter per kind of item ("docs", "stories"), each with items per second, on
    stderr; yields one advance function per kind, then a function that names the stage
    under way (grouping a million documents takes a while after the last is read)."""
    if quiet:
        yield tuple(None for _ in range(len(what) + 1))
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            unit = task.fields.get("unit", "")
            return Text(f"{task.speed:,.0f} {unit}/s" if task.speed else f"- {unit}/s")

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
    columns += [Rate(), TimeElapsedColumn()]
    with Progress(*columns, console=stderr(), transient=True) as progress:
        tasks = [progress.add_task(w, total=None, unit=w) for w in what]

        def stage(name: str) -> None:
            progress.update(tasks[0], description=f"{what[0]}, {name}")

        yield (*((lambda n, t=t: progress.advance(t, n)) for t in tasks), stage)


def report_skipped(errors) -> None:
    from collections import Counter

    for err in errors[:20]:
        stderr().print(f"skipped {err.source}: {err.message} [{err.code}]", markup=False)
    if len(errors) > 20:
        counts = ", ".join(f"{c} {n}" for c, n in Counter(e.code for e in errors).most_common())
        stderr().print(f"... {len(errors)} skipped in all ({counts})", markup=False)


@app.command()
def cluster(
    inputs: CorpusArg,
    output: OutputOpt = None,
    engine: EngineOpt = "local",
    address: AddressOpt = None,
    workers: WorkersOpt = 0,
    seed: SeedOpt = 0,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    url_field: UrlFieldOpt = "url",
    date_field: DateFieldOpt = "date",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Group documents into stories (copies of one article, spun ones too) and events: one
    JSON line per document, {"doc", "source", "story", "event"}."""
    import json

    from factdiff.api import cluster as group_inputs

    with user_errors(verbose):
        options = corpus_options(id_field, text_field, url_field, date_field)
        with rate_progress(quiet, "docs") as (on_docs, on_stage):
            grouping = group_inputs(
                inputs, options=options, engine=engine, address=address, workers=workers,
                seed=seed, progress=on_docs, on_stage=on_stage,
            )  # fmt: skip
        report_skipped(grouping.errors)
        lines = [
            json.dumps({"doc": d, "source": src, "story": st, "event": ev})
            for d, src, st, ev in zip(
                grouping.docs, grouping.sources, grouping.story, grouping.event, strict=True
            )
        ]
        text = "\n".join(lines) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
            stderr().print(
                f"wrote {output}: {len(grouping.docs)} documents, {len(set(grouping.story))} "
                f"stories, {len(set(grouping.event))} events, {len(grouping.errors)} skipped",
                markup=False,
            )


@app.command()
def scan(
    inputs: CorpusArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the results.")],
    engine: EngineOpt = "local",
    address: AddressOpt = None,
    workers: WorkersOpt = 0,
    seed: SeedOpt = 0,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
    url_field: UrlFieldOpt = "url",
    date_field: DateFieldOpt = "date",
    no_model: NoModelOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Group a crawl into stories, compare every story with more than one version (and each
    lone page that restates itself, alone), and write
    stories/documents/findings/sites/skipped .parquet, a JSON and HTML report per story and
    index.html."""
    from factdiff.api import scan as run_scan

    with user_errors(verbose):
        options = corpus_options(
            id_field, text_field, url_field, date_field, use_model=not no_model
        )
        with rate_progress(quiet, "docs", "stories") as (on_docs, on_stories, on_stage):
            result = run_scan(
                inputs, output, options=options, engine=engine, address=address,
                workers=workers, seed=seed, progress=on_docs, on_stage=on_stage,
                on_story=(lambda task, res: on_stories(1)) if on_stories else None,
            )  # fmt: skip
        report_skipped(result.corpus.errors)
        g = result.grouping
        alone = sum(len(task.docs) == 1 for task, _ in result.results)
        stderr().print(
            f"wrote {output}: {len(g.docs)} documents, {len(set(g.story))} stories "
            f"({len(result.originals)} with copies; {len(result.results) - alone} compared, "
            f"{alone} lone pages that restate themselves checked alone), "
            f"{len(result.corpus.errors)} skipped; open {output / 'index.html'}",
            markup=False,
        )


@app.command()
def perturb(
    path: Annotated[Path, typer.Argument(help="An English text file to make copies of.")],
    n: Annotated[int, typer.Option("--n", help="How many one-change copies to make.")] = 20,
    output: OutputOpt = None,
    seed: Annotated[int, typer.Option(help="Seed: same seed, same copies.")] = 0,
    verbose: VerboseOpt = False,
) -> None:
    """Make copies of a text with one labelled fact change each (JSONL), to test a rewriter."""
    from factdiff.perturb import cli_perturb

    with user_errors(verbose):
        written = cli_perturb(path, n, output, seed=seed)
        if output is not None:
            stderr().print(f"wrote {written} records to {output}", markup=False)


@app.command(
    name="train-verifier",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def train_verifier(ctx: typer.Context) -> None:
    """Train the consistency verifier (needs the train extra: pip install -e ".\\[train]")."""
    try:
        from factdiff.training.train import main as train_main
    except ImportError as exc:
        stderr().print(f"error: training needs the [train] extra ({exc})", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    raise typer.Exit(train_main(list(ctx.args)))


def parse_reference(value: str | None) -> int | str:
    if value is None:
        return 0
    return int(value) if value.lstrip("-").isdigit() else value


def main() -> None:
    app()


if __name__ == "__main__":
    main()
