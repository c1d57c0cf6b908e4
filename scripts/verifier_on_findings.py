#!/usr/bin/env python3
"""Does the learned verifier tell right findings from wrong ones on the spun stories?

    factdiff eval spun ../shared/data/spun/dev --only dev-01..dev-16 --save reports/
    python scripts/verifier_on_findings.py ../shared/data/spun/dev reports/

For every counted finding (severity above info) that the scorer matches to a gold unit, the
verifier's least P(consistent) for the finding's claim sentence, and whether the finding was
right. Prints the counts per score band and the ROC AUC of (1 - P) for "right": 0.5 means the
verifier cannot tell them apart.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from factdiff.eval.metrics import roc_auc
from factdiff.eval.spun import locate


def rows(stories: Path, reports: Path) -> list[tuple[float, int]]:
    out = []
    for path in sorted(reports.glob("*.json")):
        story = path.name.split(".")[0]
        gold = json.loads((stories / story / "gold.json").read_text())
        rep = json.loads(path.read_text())
        docmap = {d["id"]: Path(d["source"]).stem for d in rep["documents"]}
        least: dict[tuple[str, int], float] = {}
        for v in rep.get("verdicts", []):
            key = (v["claim"]["doc"], v["claim"]["start"])
            least[key] = min(least.get(key, 1.0), v["p_consistent"])
        for f in rep["findings"]:
            key = (f["claim"]["doc"], f["claim"]["start"])
            if f["severity"] == "info" or key not in least:
                continue
            doc = docmap[f["claim"]["doc"]]
            if doc == "original":
                right = 0
            else:
                unit = locate(gold["items"], doc, f["claim"]["start"], f["claim"]["end"])
                if unit is None or unit["label"] == "added":
                    continue
                right = int(unit["label"] == "changed")
            out.append((least[key], right))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stories", type=Path)
    ap.add_argument("reports", type=Path, help="the --save folder of factdiff eval spun")
    a = ap.parse_args()
    data = rows(a.stories, a.reports)
    if not data:
        raise SystemExit("no scored finding with a verdict in those reports")
    p = np.array([d[0] for d in data])
    y = np.array([d[1] for d in data])
    for lo, hi in ((0, 0.55), (0.55, 0.6), (0.6, 0.65), (0.65, 0.7), (0.7, 0.75), (0.75, 1.01)):
        band = (p >= lo) & (p < hi)
        print(
            f"P(consistent) in [{lo:.2f}, {hi:.2f}): {int(band.sum())} findings, "
            f"{int(y[band].sum())} right"
        )
    print(
        f"{len(y)} findings, {int(y.sum())} right; ROC AUC of 1 - P for right: "
        f"{roc_auc(y, 1.0 - p):.3f}"
    )


if __name__ == "__main__":
    main()
