"""Run a benchmark: score every row with factdiff and with the baseline, in the same run, on
the same rows, and summarise every system.

The systems: ``rules`` (the rule findings alone), and, when the learned verifier is installed,
``verifier`` (its least supported sentence alone) and ``both`` (the product: the verifier folded
into the rule findings, ``verify.combine``), then the ``baseline``. All factdiff systems come
from ONE pipeline run per row: the pipeline attaches the verifier's scores without applying
them (``combine=False``) and the runner applies the policy itself, so the three are compared on
exactly the same alignments and evidence.

The scoring function is a parameter (``score_fn(source, rewrite) -> Report``) so the runner
can be tested with a stand-in and so the caller decides how models are loaded (build one
``Resources`` per run; see ``product_score_fn``). A row whose scoring raises is counted with
its message and left out for every system, so they are always compared on identical rows.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from factdiff.eval.baseline import baseline_check
from factdiff.eval.datasets import EvalRow, load_dataset
from factdiff.eval.metrics import (
    balanced_accuracy,
    choose_threshold,
    cross_validated_predictions,
    roc_auc,
)

if TYPE_CHECKING:
    from rich.table import Table

    from factdiff.calibrate import Calibration
    from factdiff.options import Options
    from factdiff.resources import Resources
    from factdiff.types import Report
    from factdiff.verify.combine import Policy

ScoreFn = Callable[[str, str], "Report"]
# Wraps the rows as they are scored, e.g. ``rich.progress.track``; must yield every row.
ProgressFn = Callable[[Sequence[EvalRow]], Iterable[EvalRow]]

# The product's fixed decision rule: a rewrite is "inconsistent" when the report has a finding
# of at least this severity, or when its consistency score is below the threshold.
FLAG_SEVERITY = "medium"
DEFAULT_CONSISTENCY_THRESHOLD = 0.5
CV_FOLDS = 5
MAX_ERROR_MESSAGES = 50  # per run, in the result; the count is always exact


@dataclass(frozen=True, slots=True)
class SystemVerdict:
    """What one system said about one row: a score (higher = more consistent) and a flag."""

    consistency: float
    flagged: bool
    # Rows whose changed sentence is known (the perturbation engine's): whether a finding that
    # flags the row lies on that sentence. A row flagged only for a false alarm elsewhere
    # counts in recall but not here. None when unknown, or for a system without findings.
    located: bool | None = None


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What every system said about one row (kept for error analysis and --json)."""

    id: str
    group: str
    label: int
    systems: dict[str, SystemVerdict]  # system name -> its verdict, in SYSTEMS order
    finding_types: tuple[str, ...] = ()  # types of findings about the rewrite, above info
    source_findings: int = 0  # findings above info inside the source itself (not counted)
    error_types: tuple[str, ...] = ()  # annotated error types of the row, if any


@dataclass(frozen=True, slots=True)
class RowError:
    id: str
    message: str


@dataclass(frozen=True, slots=True)
class GroupMetrics:
    n: int
    n_consistent: int
    balanced_accuracy: float  # fixed decision rule
    balanced_accuracy_cv: float  # threshold on the score, chosen on other folds
    roc_auc: float


@dataclass(frozen=True, slots=True)
class SystemResult:
    """Metrics of one system (rules, verifier, both or the baseline) on the scored rows."""

    name: str
    overall: GroupMetrics
    by_group: dict[str, GroupMetrics]
    # For rows annotated with an error type: share of them the system flagged, and how many.
    error_type_recall: dict[str, tuple[float, int]]
    threshold_all_rows: float  # best threshold on ALL rows: informative only, it is fitted
    # The same, counting a row only when a finding lies on its changed sentence (perturb).
    located_recall: dict[str, tuple[float, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EvalResult:
    dataset: str
    path: str
    n_loaded: int
    n_rows: int  # rows scored by both systems
    n_bad_load: int  # rows the loader skipped
    n_failed: int  # rows whose scoring raised
    seconds: float  # whole run, loading included
    seconds_product: float
    seconds_baseline: float
    limit: int | None
    seed: int
    consistency_threshold: float
    systems: dict[str, SystemResult]  # in SYSTEMS order; the baseline last
    policy: dict | None = None  # the verifier policy applied (None: rules only)
    errors: tuple[RowError, ...] = ()
    rows: tuple[RowOutcome, ...] = field(default=(), repr=False)

    @property
    def n_bad(self) -> int:
        return self.n_bad_load + self.n_failed

    @property
    def product(self) -> SystemResult:
        """What ``factdiff check`` does: rules and verifier together when the verifier ran."""
        return self.systems.get("both") or self.systems["rules"]

    @property
    def baseline(self) -> SystemResult:
        return self.systems["baseline"]


# --------------------------------------------------------------------------- decision rules


def product_flags(report: Report, consistency_threshold: float) -> bool:
    """The product's fixed rule: True (= inconsistent) on a finding about the rewrite of
    severity >= medium, or a consistency below the threshold."""
    if report.changed_facts(FLAG_SEVERITY):
        return True
    return float(report.summary.consistency) < consistency_threshold


def product_score_fn(options: Options, resources: Resources) -> ScoreFn:
    """The pipeline on (source, rewrite), bound to one ``Resources`` so models load once per
    run. The verifier's scores are attached, not applied (see the module docstring)."""
    from factdiff.ingest import document_from_text
    from factdiff.pipeline import run

    def score(source: str, rewrite: str) -> Report:
        docs = [
            document_from_text(source, "source", source="source"),
            document_from_text(rewrite, "rewrite", source="rewrite"),
        ]
        return run(docs, options, resources, combine=False)

    return score


def make_score_fn(
    folders: Sequence[Path | None] = (None,), *, use_model: bool = True
) -> tuple[ScoreFn, bool]:
    """The product's scoring function, and whether a verifier is loaded. ``folders``: one
    verifier folder (None = the shipped model), or one per fold for cross-fitting (see
    ``crossfit_score_fn``). A folder without a verifier is an error, not a silent rules run."""
    from factdiff.errors import InputError
    from factdiff.options import Options
    from factdiff.resources import Resources

    fns, loaded = [], False
    for folder in folders:
        options = Options(use_model=use_model, omissions=False)
        resources = Resources(verifier_dir=folder)
        verifier = resources.verifier if use_model else None
        if folder is not None and verifier is None:
            raise InputError("no_model", f"no verifier (manifest.json) in {folder}")
        loaded = verifier is not None
        fns.append(product_score_fn(options, resources))
    return (fns[0] if len(fns) == 1 else crossfit_score_fn(fns)), loaded


def crossfit_score_fn(fold_fns: Sequence[ScoreFn]) -> ScoreFn:
    """Cross-fitting: ``fold_fns[k]`` uses a verifier trained without fold k, and scores only
    the rows whose source is in fold k (``verify.summary_data.fold_of``), so no row is judged
    by a model that saw its document."""
    from factdiff.eval.folds import fold_of

    def score(source: str, rewrite: str) -> Report:
        return fold_fns[fold_of(source, len(fold_fns))](source, rewrite)

    return score


def system_verdicts(
    report: Report,
    policy: Policy | None,
    consistency_threshold: float,
    changed: tuple[int, int] | None = None,
    calibration: Calibration | None = None,
) -> dict[str, SystemVerdict]:
    """Every factdiff system's verdict from one report (made with ``combine=False``);
    ``changed``: the rewrite's changed sentence [start, end), when known. The rules and both
    are calibrated as the product calibrates them (``reconcile.finish``)."""
    from factdiff.reconcile import finish
    from factdiff.verify.combine import verifier_only_score

    def verdict(r: Report) -> SystemVerdict:
        return SystemVerdict(
            float(r.summary.consistency),
            product_flags(r, consistency_threshold),
            None if changed is None else located_on(r, changed),
        )

    out = {"rules": verdict(finish(report, None, calibration))}
    if policy is not None:
        alone = verifier_only_score(report)
        out["verifier"] = SystemVerdict(alone, alone < policy.alone_below)
        out["both"] = verdict(finish(report, policy, calibration))
    return out


def located_on(report: Report, span: tuple[int, int]) -> bool:
    """Does a finding that flags the report (``FLAG_SEVERITY`` or worse) lie on ``span``?"""
    start, end = span
    return any(
        f.claim.start < end and start < f.claim.end for f in report.changed_facts(FLAG_SEVERITY)
    )


# --------------------------------------------------------------------------- sampling


def stratified_subsample(rows: Sequence[EvalRow], limit: int, seed: int = 0) -> list[EvalRow]:
    """``limit`` rows with the (group, label) mix of the full set, chosen with ``seed``;
    returned in file order, so the same arguments always give the same rows."""
    if limit >= len(rows):
        return list(rows)
    if limit <= 0:
        return []
    strata: dict[tuple[str, int], list[int]] = {}
    for i, row in enumerate(rows):
        strata.setdefault((row.group, row.label), []).append(i)
    keys = sorted(strata)
    exact = [limit * len(strata[k]) / len(rows) for k in keys]
    take = [math.floor(x) for x in exact]
    # Largest remainder first (ties by stratum order) until the quota is filled.
    by_remainder = sorted(range(len(keys)), key=lambda j: (-(exact[j] - take[j]), j))
    for j in by_remainder[: limit - sum(take)]:
        take[j] += 1
    rng = np.random.default_rng(seed)
    chosen: list[int] = []
    for key, n in zip(keys, take, strict=True):
        members = strata[key]
        picks = rng.permutation(len(members))[:n]
        chosen.extend(members[p] for p in picks)
    return [rows[i] for i in sorted(chosen)]


# --------------------------------------------------------------------------- metrics


def _metrics(
    labels: np.ndarray, scores: np.ndarray, flagged: np.ndarray, cv_pred: np.ndarray | None
) -> GroupMetrics:
    return GroupMetrics(
        n=int(labels.size),
        n_consistent=int(labels.sum()),
        balanced_accuracy=balanced_accuracy(labels, (~flagged).astype(int)),
        balanced_accuracy_cv=math.nan if cv_pred is None else balanced_accuracy(labels, cv_pred),
        roc_auc=roc_auc(labels, scores),
    )


def _system_result(
    name: str,
    outcomes: Sequence[RowOutcome],
    scores: np.ndarray,
    flagged: np.ndarray,
    seed: int,
) -> SystemResult:
    labels = np.array([o.label for o in outcomes], dtype=int)
    groups = [o.group for o in outcomes]
    cv_pred = None
    if labels.size >= 2:
        cv_pred = cross_validated_predictions(labels, scores, groups, CV_FOLDS, seed)
    overall = _metrics(labels, scores, flagged, cv_pred)
    by_group = {}
    garr = np.array(groups, dtype=object)
    for g in sorted(set(groups)):
        m = garr == g
        by_group[g] = _metrics(
            labels[m], scores[m], flagged[m], None if cv_pred is None else cv_pred[m]
        )
    recall: dict[str, tuple[float, int]] = {}
    located: dict[str, tuple[float, int]] = {}
    error_names = sorted({e for o in outcomes if o.label == 0 for e in o.error_types})
    for e in error_names:
        rows = [o for o in outcomes if o.label == 0 and e in o.error_types]
        recall[e] = (float(np.mean([o.systems[name].flagged for o in rows])), len(rows))
        known = [o.systems[name].located for o in rows if o.systems[name].located is not None]
        if known:
            located[e] = (float(np.mean(known)), len(known))
    threshold = choose_threshold(labels, scores) if labels.size else math.nan
    return SystemResult(name, overall, by_group, recall, threshold, located)


# --------------------------------------------------------------------------- run


def run_eval(
    name: str,
    path: str | Path,
    score_fn: ScoreFn,
    *,
    policy: Policy | None = None,
    calibration: Calibration | None = None,
    limit: int | None = None,
    progress: ProgressFn | None = None,
    seed: int = 0,
    consistency_threshold: float = DEFAULT_CONSISTENCY_THRESHOLD,
) -> EvalResult:
    """Load benchmark ``name`` from ``path``, score it with ``score_fn`` and the baseline, and
    return every system's metrics. With a verifier ``policy`` the verifier alone and rules +
    verifier are measured too. ``limit`` takes a deterministic stratified subsample;
    ``progress(rows)`` wraps the rows being scored (a progress bar such as rich's ``track``)."""
    from factdiff.reconcile import finish

    started = time.perf_counter()
    rows, n_bad_load = load_dataset(name, path)
    n_loaded = len(rows)
    if limit is not None:
        rows = stratified_subsample(rows, limit, seed)
    outcomes: list[RowOutcome] = []
    errors: list[RowError] = []
    n_failed = 0
    t_product = t_baseline = 0.0
    for row in progress(rows) if progress is not None else rows:
        t0 = time.perf_counter()
        try:
            report = score_fn(row.source, row.rewrite)
            systems = system_verdicts(
                report,
                policy,
                consistency_threshold,
                row.meta.get("changed_sentence"),
                calibration,
            )
            final = finish(report, policy, calibration)
            counted = final.changed_facts("low")
            types = tuple(sorted({f.type for f in counted}))
            n_source = sum(f.severity != "info" for f in final.findings) - len(counted)
        except Exception as exc:  # one bad row must not end the run: count it, keep going
            n_failed += 1
            if len(errors) < MAX_ERROR_MESSAGES:
                errors.append(RowError(row.id, f"{type(exc).__name__}: {exc}"))
            t_product += time.perf_counter() - t0
            continue
        t1 = time.perf_counter()
        base = baseline_check(row.source, row.rewrite)
        t2 = time.perf_counter()
        t_product += t1 - t0
        t_baseline += t2 - t1
        systems["baseline"] = SystemVerdict(base.consistency, base.flagged)
        outcomes.append(
            RowOutcome(
                id=row.id,
                group=row.group,
                label=row.label,
                systems=systems,
                finding_types=types,
                source_findings=n_source,
                error_types=tuple(row.meta.get("error_types", ())),
            )
        )

    names = list(outcomes[0].systems) if outcomes else ["rules", "baseline"]
    results = {
        n: _system_result(
            n,
            outcomes,
            np.array([o.systems[n].consistency for o in outcomes], dtype=float),
            np.array([o.systems[n].flagged for o in outcomes], dtype=bool),
            seed,
        )
        for n in names
    }
    return EvalResult(
        dataset=name,
        path=str(path),
        n_loaded=n_loaded,
        n_rows=len(outcomes),
        n_bad_load=n_bad_load,
        n_failed=n_failed,
        seconds=time.perf_counter() - started,
        seconds_product=t_product,
        seconds_baseline=t_baseline,
        limit=limit,
        seed=seed,
        consistency_threshold=consistency_threshold,
        systems=results,
        policy=None if policy is None else asdict(policy),
        errors=tuple(errors),
        rows=tuple(outcomes),
    )


# --------------------------------------------------------------------------- output


def _num(x: float) -> float | None:
    """JSON has no nan: undefined metrics become null."""
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 4)


def _group_dict(m: GroupMetrics) -> dict:
    return {
        "n": m.n,
        "n_consistent": m.n_consistent,
        "balanced_accuracy": _num(m.balanced_accuracy),
        "balanced_accuracy_cv": _num(m.balanced_accuracy_cv),
        "roc_auc": _num(m.roc_auc),
    }


def _system_dict(s: SystemResult) -> dict:
    return {
        "overall": _group_dict(s.overall),
        "by_group": {g: _group_dict(m) for g, m in s.by_group.items()},
        "error_type_recall": {
            e: {"recall": _num(r), "n": n} for e, (r, n) in s.error_type_recall.items()
        },
        "threshold_all_rows": _num(s.threshold_all_rows),
        "located_recall": {
            e: {"recall": _num(r), "n": n} for e, (r, n) in s.located_recall.items()
        },
    }


def result_to_dict(result: EvalResult, *, include_rows: bool = False) -> dict:
    """A JSON-ready dict (``factdiff eval ... --json out.json``)."""
    out = {
        "dataset": result.dataset,
        "path": result.path,
        "n_loaded": result.n_loaded,
        "n_rows": result.n_rows,
        "n_bad": result.n_bad,
        "n_bad_load": result.n_bad_load,
        "n_failed": result.n_failed,
        "limit": result.limit,
        "seed": result.seed,
        "decision_rule": {
            "flag_severity": FLAG_SEVERITY,
            "consistency_threshold": result.consistency_threshold,
            "cv_folds": CV_FOLDS,
        },
        "seconds": round(result.seconds, 3),
        "seconds_product": round(result.seconds_product, 3),
        "seconds_baseline": round(result.seconds_baseline, 3),
        "policy": result.policy,
        "systems": {n: _system_dict(s) for n, s in result.systems.items()},
        # The product's figures under the names of schema 1 of this file (kept for scripts).
        "factdiff": _system_dict(result.product),
        "baseline": _system_dict(result.baseline),
        "errors": [{"id": e.id, "message": e.message} for e in result.errors],
    }
    if include_rows:
        out["rows"] = [
            {
                "id": o.id,
                "group": o.group,
                "label": o.label,
                "systems": {
                    n: {"consistency": _num(v.consistency), "flagged": v.flagged}
                    for n, v in o.systems.items()
                },
                "finding_types": list(o.finding_types),
                "source_findings": o.source_findings,
                "error_types": list(o.error_types),
            }
            for o in result.rows
        ]
    return out


def _pct(x: float) -> str:
    return "–" if x is None or math.isnan(x) else f"{100 * x:.1f}"


def format_result(result: EvalResult) -> Table:
    """A rich table: every system side by side, overall, per group and per error type.
    Balanced accuracy and AUC are percentages."""
    from rich.table import Table

    systems = list(result.systems.values())
    title = (
        f"{result.dataset}: {result.n_rows} rows"
        f" ({result.n_bad} bad: {result.n_bad_load} unreadable, {result.n_failed} failed)"
        f" in {result.seconds:.1f}s"
    )
    table = Table(title=title, title_justify="left")
    table.add_column("metric")
    table.add_column("n", justify="right")
    for s in systems:
        table.add_column(s.name, justify="right")

    def row(label: str, n: str, values: list[float]) -> None:
        table.add_row(label, n, *map(_pct, values))

    o = [s.overall for s in systems]
    row("overall bal. acc.", str(o[0].n), [m.balanced_accuracy for m in o])
    row("overall bal. acc. (CV thr.)", "", [m.balanced_accuracy_cv for m in o])
    row("overall ROC AUC", "", [m.roc_auc for m in o])
    groups = systems[0].by_group
    if len(groups) > 1:
        table.add_section()
        for g in groups:
            row(
                f"{g} bal. acc.",
                str(groups[g].n),
                [s.by_group[g].balanced_accuracy for s in systems],
            )
    recall = systems[0].error_type_recall
    if recall:
        table.add_section()
        for e, (_, n) in recall.items():
            row(f"recall {e}", str(n), [s.error_type_recall[e][0] for s in systems])
    located = next((s.located_recall for s in systems if s.located_recall), {})
    if located:
        table.add_section()
        for e, (_, n) in located.items():
            values = [s.located_recall.get(e, (None, 0))[0] for s in systems]
            row(f"located {e}", str(n), values)
    table.add_section()
    per_row = 1000 * result.seconds_product / max(result.n_rows + result.n_failed, 1)
    base_per_row = 1000 * result.seconds_baseline / max(result.n_rows, 1)
    times = [f"{per_row:.0f}"] * (len(systems) - 1) + [f"{base_per_row:.1f}"]
    table.add_row("ms per row", "", *times)
    return table
