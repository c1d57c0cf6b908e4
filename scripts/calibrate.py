#!/usr/bin/env python3
"""Fit the finding calibration (src/factdiff/models/calibration.json) on spun dev stories.

    .venv/bin/python scripts/calibrate.py ../shared/data/spun/dev --only dev-01..dev-16

1. Every story is compared in both modes (R: the original first; N: page, copy, rereport) with
   the shipped rules and verifier, uncalibrated (``pipeline.run(combine=False)`` then
   ``reconcile.finish`` without a calibration).
2. Every finding above info is labelled as ``factdiff eval spun`` scores it: 1 on a changed
   unit, 0 on a copied/faithful/neutral unit or in the original; others are left out.
3. A logistic regression (L2, Newton steps; numpy only) is fitted on ``calibrate.finding_features``.
   Out-of-fold probabilities (stories split into folds, never one story in two folds)
   choose ``medium_at``: the lowest threshold whose out-of-fold precision reaches
   --medium-precision (0.85). A finding whose calibrated probability of being right is under
   --report-at is shown at severity info, not counted; by default --report-at is that same
   threshold, so every counted finding is one of the kind that was right at least 85% of
   the time out of fold (precision first: the band between, "more likely right than
   wrong", was mostly wrong on stories held out from tuning). Then the model is refitted
   on every row and written with its sha256 pinned in models/manifest.json.

Only the stories named by --only are read: keep dev-17..dev-24 out to check on them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from datetime import date
from pathlib import Path

import numpy as np

from factdiff.calibrate import Calibration, finding_features
from factdiff.eval.spun import MODES, locate, select_stories, version_names
from factdiff.ingest import read_inputs
from factdiff.models import MANIFEST_PATH, MODELS_DIR
from factdiff.options import Options
from factdiff.pipeline import run
from factdiff.reconcile import finish
from factdiff.report.json_report import report_from_dict
from factdiff.resources import Resources
from factdiff.verify.combine import Policy

OUT = MODELS_DIR / "calibration.json"
FOLDS = 4
L2 = 1.0


def raw_report(paths: list[str], options: Options, resources: Resources):
    docs, _ = read_inputs(paths, options)
    report = run(docs, options, resources, combine=False)
    verifier = resources.verifier
    policy = Policy.from_manifest(verifier.manifest) if verifier is not None else None
    return finish(report, policy, None)


def labelled(report, gold: dict) -> list[tuple[dict[str, float], int]]:
    """(features, right?) for every finding above info the scorer counts."""
    docmap = {d.id: Path(d.source).stem for d in report.documents}
    rows = []
    for f in report.findings:
        if f.severity == "info":
            continue
        doc = docmap.get(f.claim.doc)
        if doc == "original":
            label = 0
        else:
            unit = locate(gold["items"], doc, f.claim.start, f.claim.end)
            if unit is None or unit["label"] == "added":
                continue
            label = int(unit["label"] == "changed")
        rows.append((finding_features(f, report.reference is None), label))
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 50) -> np.ndarray:
    """L2-regularised logistic regression by Newton steps; the last column is the bias."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def threshold_for(prob: np.ndarray, y: np.ndarray, precision: float) -> float:
    """The lowest threshold whose findings at or above it reach ``precision``."""
    best = 1.0
    for t in sorted(set(np.round(prob, 4)), reverse=True):
        keep = prob >= t
        if y[keep].mean() >= precision:
            best = float(t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stories", type=Path)
    ap.add_argument("--only", nargs="*", default=["dev-01..dev-16"])
    ap.add_argument(
        "--report-at",
        default="medium",
        help="a probability, or 'medium': count only findings at the medium threshold (the "
        "out-of-fold threshold for --medium-precision)",
    )
    ap.add_argument("--medium-precision", type=float, default=0.85)
    ap.add_argument("--cache", type=Path, help="keep (and reuse) the uncalibrated reports here")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()

    options = Options()
    resources = Resources()
    data: list[tuple[str, dict[str, float], int]] = []
    stories = select_stories(a.stories, a.only)
    for d in stories:
        gold = json.loads((d / "gold.json").read_text())
        rows = []
        for mode in MODES:
            cached = a.cache / f"{d.name}.{mode}.json" if a.cache else None
            if cached is not None and cached.exists():
                report = report_from_dict(json.loads(cached.read_text()))
            else:
                paths = [
                    str(d / f"{n}.txt") for n in version_names(mode) if (d / f"{n}.txt").exists()
                ]
                report = raw_report(paths, options, resources)
                if cached is not None:
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    cached.write_text(json.dumps(report.to_dict()))
            rows += [(d.name, feats, y) for feats, y in labelled(report, gold)]
        data += rows
        print(f"{d.name}: {len(rows)} findings, {sum(r[2] for r in rows)} right", flush=True)

    names = sorted({k for _, feats, _ in data for k in feats})
    x = np.array([[feats.get(k, 0.0) for k in names] + [1.0] for _, feats, _ in data])
    y = np.array([label for _, _, label in data], dtype=float)
    story_of = [s for s, _, _ in data]
    order = sorted(set(story_of))
    fold = np.array([order.index(s) % FOLDS for s in story_of])
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        w = fit(x[fold != k], y[fold != k])
        oof[fold == k] = 1.0 / (1.0 + np.exp(-(x[fold == k] @ w)))
    medium = threshold_for(oof, y, a.medium_precision)
    report_at = medium if a.report_at == "medium" else float(a.report_at)
    medium_at = max(report_at, medium)
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        sel = oof >= t
        print(
            f"  out of fold at {t:.1f}: {int(sel.sum())} findings kept, precision "
            f"{y[sel].mean() if sel.any() else 0:.3f}, {int(y[sel].sum())}/{int(y.sum())} right"
        )
    kept = oof >= report_at
    print(f"{len(y)} findings, {int(y.sum())} right (precision {y.mean():.3f} uncalibrated)")
    print(
        f"out of fold: report_at {report_at:.3f} keeps {kept.sum()} findings, precision "
        f"{y[kept].mean() if kept.any() else 0:.3f}, {int(y[kept].sum())}/{int(y.sum())} right kept"
    )
    w = fit(x, y)
    calibration = Calibration(
        weights={k: round(float(v), 6) for k, v in zip(names, w[:-1], strict=True)},
        bias=round(float(w[-1]), 6),
        report_at=round(report_at, 4),
        medium_at=round(medium_at, 4),
        meta={
            "fitted_on": [d.name for d in stories],
            "findings": len(y),
            "right": int(y.sum()),
            "report_at": a.report_at,
            "medium_precision_target": a.medium_precision,
            "l2": L2,
            "folds": FOLDS,
            "date": date.today().isoformat(),
            "command": "python scripts/calibrate.py ../shared/data/spun/dev --only "
            + " ".join(a.only),
        },
    )
    a.out.write_text(json.dumps(calibration.to_dict(), indent=2) + "\n", encoding="utf-8")
    if a.out == OUT:
        manifest = json.loads(MANIFEST_PATH.read_text())
        manifest["calibration"] = {
            "path": "calibration.json",
            "sha256": hashlib.sha256(OUT.read_bytes()).hexdigest(),
            "source": "fitted by scripts/calibrate.py on the spun dev stories named in its meta",
            "licence": "Apache-2.0",
        }
        MANIFEST_PATH.write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
