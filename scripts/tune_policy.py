"""Choose the verifier policy (verify/combine.Policy) on dev data, and store it in the model's
manifest. Run after exporting a new verifier:

    python scripts/tune_policy.py --write

The procedure (the only place thresholds are chosen; nothing is tuned per benchmark):
1. Run the pipeline once per row, rules and verifier scores kept apart (``combine=False``), on
   SummEdits dev (all rows) and a seeded stratified sample of FRANK valid (``--frank-limit``).
2. For every policy on a fixed grid, fold the verifier into the rules and compute the balanced
   accuracy of the product's decision (a finding of medium severity or worse, or consistency
   under 0.5) on each set.
3. Keep the policy with the best mean balanced accuracy over the two sets; ties go to the
   higher mean ROC AUC, then to the lower contradiction threshold (the policy that adds
   fewest findings). The grid, the figures of the best policies and the date go into the
   manifest.
4. Separately, for measuring the verifier alone, ``alone_below``: the threshold on the least
   supported sentence with the best mean balanced accuracy over the two sets.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
from rich.progress import track

from factdiff.eval.datasets import load_dataset
from factdiff.eval.metrics import balanced_accuracy, roc_auc
from factdiff.eval.runner import make_score_fn, product_flags, stratified_subsample
from factdiff.verify.combine import Policy, apply_policy, verifier_only_score
from factdiff.verify.onnx_verifier import MANIFEST, VERIFIER_DIR

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
GRID = {
    "contradict_below": (0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5),
    "support_above": (0.92, 0.95, 0.98, 0.995, 1.01),  # 1.01 = never lower a rule finding
    "model_weight": (0.0, 0.25, 0.5, 0.75),
}
ALONE_GRID = tuple(round(x, 2) for x in np.arange(0.05, 0.96, 0.05))
CONSISTENCY_THRESHOLD = 0.5


def score_rows(name: str, path: Path, limit: int | None, score):
    rows, _ = load_dataset(name, path)
    if limit is not None:
        rows = stratified_subsample(rows, limit, seed=0)
    out = []
    for row in track(rows, description=f"score {name}", transient=True):
        try:
            out.append((row.label, score(row.source, row.rewrite)))
        except Exception as exc:  # a bad row is left out, as in factdiff eval
            print(f"skipped {row.id}: {exc}", file=sys.stderr)
    return out


def evaluate(scored, policy: Policy) -> tuple[float, float]:
    labels = np.array([label for label, _ in scored])
    reports = [apply_policy(r, policy) for _, r in scored]
    flagged = np.array([product_flags(r, CONSISTENCY_THRESHOLD) for r in reports])
    scores = np.array([r.summary.consistency for r in reports])
    return balanced_accuracy(labels, (~flagged).astype(int)), roc_auc(labels, scores)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--summedits", type=Path, default=DATA / "summedits" / "summedits_dev.jsonl")
    p.add_argument("--frank", type=Path, default=DATA / "frank" / "frank_valid.jsonl")
    p.add_argument("--frank-limit", type=int, default=300)
    p.add_argument("--summedits-limit", type=int, default=None, help="(smoke runs only)")
    p.add_argument("--write", action="store_true", help="store the chosen policy in the manifest")
    a = p.parse_args(argv)

    score, loaded = make_score_fn()
    if not loaded:
        print("no verifier installed", file=sys.stderr)
        return 2
    t0 = time.time()
    sets = {
        "summedits": score_rows("summedits", a.summedits, a.summedits_limit, score),
        "frank": score_rows("frank", a.frank, a.frank_limit, score),
    }
    results = []
    for values in itertools.product(*GRID.values()):
        policy = Policy(**dict(zip(GRID, values, strict=True)))
        figs = {n: evaluate(s, policy) for n, s in sets.items()}
        mean_ba = float(np.mean([f[0] for f in figs.values()]))
        mean_auc = float(np.mean([f[1] for f in figs.values()]))
        results.append(
            (round(mean_ba, 4), round(mean_auc, 4), -policy.contradict_below, policy, figs)
        )
    results.sort(key=lambda r: r[:3], reverse=True)
    alone = {
        n: (np.array([lab for lab, _ in s]), np.array([verifier_only_score(r) for _, r in s]))
        for n, s in sets.items()
    }
    alone_scores = []
    for t in ALONE_GRID:
        bas = [balanced_accuracy(y, (x >= t).astype(int)) for y, x in alone.values()]
        alone_scores.append((round(float(np.mean(bas)), 4), -t, t))
    alone_scores.sort(reverse=True)
    best = replace(results[0][3], alone_below=alone_scores[0][2])
    print(
        f"verifier alone: best threshold {alone_scores[0][2]} (mean bal. acc. {alone_scores[0][0]})"
    )
    print(f"scored in {time.time() - t0:.0f}s; best policies (mean bal. acc., mean AUC):")
    for ba, auc, _, policy, figs in results[:10]:
        per = ", ".join(f"{n} {f[0]:.4f}/{f[1]:.4f}" for n, f in figs.items())
        print(f"  {ba:.4f} {auc:.4f}  {asdict(policy)}  ({per})")
    if a.write:
        path = VERIFIER_DIR / MANIFEST
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["policy"] = asdict(best)
        manifest["policy_tuning"] = {
            "command": "python scripts/tune_policy.py --write",
            "data": {
                "summedits": "summedits_dev.jsonl, all rows",
                "frank": f"frank_valid.jsonl, stratified sample of {a.frank_limit}, seed 0",
            },
            "grid": GRID,
            "criterion": "mean balanced accuracy of the product decision over the two sets",
            "alone_grid": ALONE_GRID,
            "best": {
                n: {"balanced_accuracy": round(f[0], 4), "roc_auc": round(f[1], 4)}
                for n, f in results[0][4].items()
            },
            "date": time.strftime("%Y-%m-%d"),
        }
        path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        print(f"wrote policy {asdict(best)} to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
