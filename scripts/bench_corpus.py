#!/usr/bin/env python3
"""Grouping speed and memory (a benchmark script, not a test): factdiff's corpus grouping
against datasketch MinHashLSH (128 permutations, word 5-grams) on the same generated
corpus, in the same run, and how factdiff's time and peak memory grow with the corpus.

The corpus is written by factdiff.corpus.synthetic (seeded: made-up news articles, four in
ten with 1-6 copies: verbatim, edited or spun), as JSONL, once per size. Each run is a
separate process so its peak memory is its own; both read the same JSONL file.

    python scripts/bench_corpus.py --sizes 10000 100000 1000000 --baseline-up-to 100000

Each tool runs ``--repeat`` times per size, taking turns, and the median run is reported
with the spread: on a shared machine single runs of either tool vary, and one run of each
can put the ratio between them anywhere in that spread.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def generate(path: Path, n: int, seed: int) -> None:
    from factdiff.corpus.synthetic import corpus

    if path.exists():
        return
    tmp = path.with_suffix(".partial")
    with tmp.open("w", encoding="utf-8") as f:
        for d in corpus(n, seed):
            f.write(json.dumps({"id": d.id, "text": d.text}) + "\n")
    tmp.rename(path)


def run_factdiff(path: Path, workers: int) -> dict:
    from factdiff.corpus import group_sketches
    from factdiff.corpus.engine import LocalEngine
    from factdiff.options import Options

    t0 = time.perf_counter()
    corpus = LocalEngine(workers).sketch([str(path)], Options(), seed=0)
    t1 = time.perf_counter()
    ids = [d.doc for d in corpus.docs]
    grouping, _ = group_sketches(ids, [d.source for d in corpus.docs], corpus.sketches)
    t2 = time.perf_counter()
    truth = [i.split("-")[0] for i in ids]
    return {
        "docs": len(ids),
        "seconds": t2 - t0,
        "read_and_sketch": t1 - t0,
        "group": t2 - t1,
        "f1": pairwise_f1(truth, grouping.story),
    }


def run_datasketch(path: Path) -> dict:
    from datasketch import MinHash, MinHashLSH

    from factdiff.corpus.linking import components

    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    ids, hashes = [], []
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            words = row["text"].lower().split()
            m = MinHash(num_perm=128, seed=1)
            m.update_batch(
                [" ".join(words[k : k + 5]).encode() for k in range(max(1, len(words) - 4))]
            )
            lsh.insert(str(len(ids)), m)
            ids.append(row["id"])
            hashes.append(m)
    edges = [(i, int(j)) for i, m in enumerate(hashes) for j in lsh.query(m) if int(j) != i]
    groups = components(len(ids), edges)
    seconds = time.perf_counter() - t0
    return {"docs": len(ids), "seconds": seconds,
            "f1": pairwise_f1([i.split("-")[0] for i in ids], groups)}  # fmt: skip


def pairwise_f1(truth: list[str], groups) -> float:
    """Pairwise F1 of the groups against the planted families (counted per group, so it
    stays linear)."""
    from collections import Counter

    both = Counter(zip(truth, groups, strict=True))
    same_truth = Counter(truth)
    same_group = Counter(groups)
    pairs = lambda c: sum(v * (v - 1) // 2 for v in c.values())  # noqa: E731
    tp, t, g = pairs(both), pairs(same_truth), pairs(same_group)
    p, r = tp / max(1, g), tp / max(1, t)
    return round(2 * p * r / max(1e-9, p + r), 4)


def child(args) -> None:
    path = Path(args.run_on)
    result = run_factdiff(path, args.workers) if args.tool == "factdiff" else run_datasketch(path)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result.update(peak_mb=round(own), worker_peak_mb=round(workers))
    print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--baseline-up-to", type=int, default=100_000,
                    help="run datasketch on sizes up to this (it is the slow one)")  # fmt: skip
    ap.add_argument("--dir", type=Path, default=Path("/tmp/factdiff-bench"))
    ap.add_argument("--workers", type=int, default=0, help="factdiff processes (0: all cores)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool and size (median)")
    ap.add_argument("--tool", choices=["factdiff", "datasketch"], help=argparse.SUPPRESS)
    ap.add_argument("--run-on", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run_on:
        child(args)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"Median of {args.repeat} runs per tool and size, the tools taking turns; the")
    print("spread (min-max) shows how much single runs vary on this machine.\n")
    print("| documents | tool | seconds (median; min-max) | documents/s | peak MB (driver / "
          "worker) | story F1 |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    rates: dict[int, dict[str, float]] = {}
    for n in args.sizes:
        path = args.dir / f"corpus-{n}-seed{args.seed}-v2.jsonl"  # v2: templates cycle
        generate(path, n, args.seed)
        tools = ["factdiff"] + (["datasketch"] if n <= args.baseline_up_to else [])
        runs: dict[str, list[dict]] = {tool: [] for tool in tools}
        for _ in range(args.repeat):
            for tool in tools:
                runs[tool].append(run_child(tool, path, args.workers))
        for tool in tools:
            r = sorted(runs[tool], key=lambda x: x["seconds"])[len(runs[tool]) // 2]
            low, high = min(x["seconds"] for x in runs[tool]), max(x["seconds"] for x in runs[tool])
            rates.setdefault(n, {})[tool] = r["seconds"]
            extra = (
                f" (read+sketch {r['read_and_sketch']:.1f} s, group {r['group']:.1f} s)"
                if tool == "factdiff" else ""
            )  # fmt: skip
            peak = (
                max(x["peak_mb"] for x in runs[tool]),
                max(x["worker_peak_mb"] for x in runs[tool]),
            )
            print(
                f"| {n:,} | {tool} | {r['seconds']:.1f}{extra}; {low:.1f}-{high:.1f} | "
                f"{r['docs'] / r['seconds']:,.0f} | {peak[0]:,} / {peak[1]:,} | {r['f1']:.3f} |",
                flush=True,
            )
    print()
    for n, r in rates.items():
        if "datasketch" in r:
            print(f"{n:,} documents: factdiff {r['datasketch'] / r['factdiff']:.2f}x "
                  "the documents/s of datasketch MinHashLSH")  # fmt: skip
    sizes = sorted(rates)
    for a, b in zip(sizes, sizes[1:], strict=False):
        ratio = rates[b]["factdiff"] / rates[a]["factdiff"]
        print(f"factdiff time {a:,} -> {b:,} documents: x{ratio:.2f} (linear: x{b / a:.0f})")


def run_child(tool: str, path: Path, workers: int) -> dict:
    """One run of one tool in a process of its own (its peak memory is its own)."""
    command = [sys.executable, __file__, "--tool", tool, "--run-on", str(path)]
    out = subprocess.run(
        [*command, "--workers", str(workers)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
