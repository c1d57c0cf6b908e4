#!/usr/bin/env python3
"""Grouping quality (a benchmark script, not a test): factdiff's story and event grouping
against datasketch MinHash LSH (128 permutations, word 5-grams) in the same run.

- Story level, the spun mix: every version of the 24 spun dev stories (original, copy,
  page, re-report) and FRANK articles as distractors (those not used by a spun story); a
  version must be grouped with its own story and nothing else.
- Event level, ECB+ topics 1-35 (documents of one event together, of the other event of the
  same topic apart): adjusted Rand index and pairwise F1 against ``event``.

    python scripts/bench_grouping.py ../shared/data
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from factdiff.corpus import (
    EVENT_COSINE,
    STORY_COSINE,
    combined_vectors,
    components,
    neighbour_pairs,
)
from factdiff.resources import Resources
from factdiff.types import Document


def spun_mix(data: Path, distractors: int = 150) -> tuple[list[str], list[str]]:
    texts, labels, leads = [], [], []
    for story in sorted(p for p in (data / "spun" / "dev").iterdir() if (p / "gold.json").exists()):
        for name in ("original", "copy", "page", "rereport"):
            f = story / f"{name}.txt"
            if f.exists():
                texts.append(f.read_text(encoding="utf-8"))
                labels.append(story.name)
        leads.append((story / "original.txt").read_text(encoding="utf-8")[:60])
    seen: set[str] = set()
    for line in (data / "frank" / "frank_valid.jsonl").open(encoding="utf-8"):
        article = json.loads(line)["article"]
        if article[:100] in seen or any(lead in article for lead in leads):
            continue
        seen.add(article[:100])
        texts.append(article)
        labels.append(f"frank-{len(seen)}")
        if len(seen) >= distractors:
            break
    return texts, labels


def ecbplus(data: Path) -> tuple[list[str], list[str]]:
    rows = [json.loads(x) for x in (data / "ecbplus" / "ecbplus_topics01-35.jsonl").open()]
    return [r["text"] for r in rows], [r["event"] for r in rows]


def pairwise(labels: list[str], groups: tuple[int, ...]) -> tuple[float, float, float]:
    y, g = np.array(labels), np.array(groups)
    iu = np.triu_indices(len(y), 1)
    gold, pred = (y[:, None] == y[None, :])[iu], (g[:, None] == g[None, :])[iu]
    tp = float((gold & pred).sum())
    p, r = tp / max(1.0, float(pred.sum())), tp / max(1.0, float(gold.sum()))
    return p, r, 2 * p * r / max(1e-9, p + r)


def adjusted_rand(labels: list[str], groups: tuple[int, ...]) -> float:
    from math import comb

    y = {v: i for i, v in enumerate(dict.fromkeys(labels))}
    a = np.array([y[v] for v in labels])
    b = np.array(groups)
    table = np.zeros((a.max() + 1, b.max() + 1), dtype=np.int64)
    np.add.at(table, (a, b), 1)
    index = sum(comb(int(x), 2) for x in table.ravel())
    rows = sum(comb(int(x), 2) for x in table.sum(1))
    cols = sum(comb(int(x), 2) for x in table.sum(0))
    expected = rows * cols / max(1, comb(len(labels), 2))
    top = (rows + cols) / 2
    return float((index - expected) / (top - expected)) if top != expected else 1.0


def minhash_groups(texts: list[str], threshold: float = 0.5) -> tuple[int, ...]:
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes = []
    for i, t in enumerate(texts):
        words = t.lower().split()
        m = MinHash(num_perm=128, seed=1)
        for k in range(max(1, len(words) - 4)):
            m.update(" ".join(words[k : k + 5]).encode("utf-8"))
        lsh.insert(str(i), m)
        hashes.append(m)
    edges = [(i, int(j)) for i, m in enumerate(hashes) for j in lsh.query(m) if int(j) != i]
    return components(len(texts), edges)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path)
    a = ap.parse_args()
    res = Resources()
    for name, (texts, labels), level in (
        ("spun mix (story)", spun_mix(a.data), STORY_COSINE),
        ("ECB+ 1-35 (event)", ecbplus(a.data), EVENT_COSINE),
    ):
        docs = [Document(f"d{i}", t) for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        vectors = combined_vectors(docs, res.embedder, res.splitter)
        pairs = list(neighbour_pairs(vectors, floor=0.5))
        seconds = time.perf_counter() - t0
        print(
            f"{name}: {len(texts)} documents, {len(set(labels))} groups, "
            f"vectors+pairs {seconds:.1f} s"
        )
        for threshold in sorted({level, 0.55, 0.6, 0.65, 0.7, 0.75}):
            groups = components(len(docs), ((i, j) for i, j, c in pairs if c >= threshold))
            p, r, f = pairwise(labels, groups)
            mark = "  <- shipped" if threshold == level else ""
            print(
                f"  factdiff cosine {threshold:.2f}: pairwise P {p:.3f} R {r:.3f} F1 {f:.3f}, "
                f"ARI {adjusted_rand(labels, groups):.3f}{mark}"
            )
        t0 = time.perf_counter()
        groups = minhash_groups(texts)
        p, r, f = pairwise(labels, groups)
        print(
            f"  datasketch MinHashLSH (128 perm, 5-grams, 0.5): pairwise P {p:.3f} R {r:.3f} "
            f"F1 {f:.3f}, ARI {adjusted_rand(labels, groups):.3f} "
            f"({time.perf_counter() - t0:.1f} s)"
        )


if __name__ == "__main__":
    main()
