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

from factdiff.corpus import EVENT_COSINE, STORY_COSINE, components, labels, link, sketch_many
from factdiff.corpus.vectors import tfidf


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


def ecbplus(data: Path) -> tuple[list[str], list[str], list[int]]:
    rows = [json.loads(x) for x in (data / "ecbplus" / "ecbplus_topics01-35.jsonl").open()]
    return [r["text"] for r in rows], [r["event"] for r in rows], [int(r["topic"]) for r in rows]


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
    """datasketch MinHashLSH, 128 permutations, word 5-grams; groups = connected
    components of the pairs it returns."""
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes = []
    for i, t in enumerate(texts):
        words = t.lower().split()
        m = MinHash(num_perm=128, seed=1)
        m.update_batch([" ".join(words[k : k + 5]).encode() for k in range(max(1, len(words) - 4))])
        lsh.insert(str(i), m)
        hashes.append(m)
    edges = [(i, int(j)) for i, m in enumerate(hashes) for j in lsh.query(m) if int(j) != i]
    return components(len(texts), edges)


def tfidf_average_link(texts: list[str], threshold: float) -> tuple[int, ...]:
    """The quadratic baseline: every pair's TF-IDF cosine, average-link (scipy)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    rows = tfidf(sketch_many(texts))
    dist = np.clip(1.0 - (rows @ rows.T).toarray(), 0.0, None)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), "average")
    return tuple(int(x) for x in fcluster(tree, 1.0 - threshold, "distance"))


def score(labels: list[str], groups) -> str:
    p, r, f = pairwise(labels, tuple(groups))
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f} ARI {adjusted_rand(labels, tuple(groups)):.3f}"


GRID = [round(x, 3) for x in np.arange(0.15, 0.71, 0.05)]  # thresholds tried on tuning halves


def factdiff_groups(texts: list[str], level: str, threshold: float) -> np.ndarray:
    rows, found = link(sketch_many(texts), floor=GRID[0])
    if level == "story":
        return labels(rows, found, story_cosine=threshold)[0]
    return labels(rows, found, event_cosine=threshold)[1]


def halves(data: Path):
    """(name, level, shipped threshold, tuning set, check set, whole set)."""
    texts, gold = spun_mix(data)
    dev = [int(g.split("-")[1]) <= 16 if g.startswith("dev-") else None for g in gold]
    frank = [i for i, g in enumerate(gold) if g.startswith("frank-")]
    tune_frank = set(frank[: len(frank) // 2])
    tune = [i for i, d in enumerate(dev) if d or (d is None and i in tune_frank)]
    check = [i for i, d in enumerate(dev) if d is False or (d is None and i not in tune_frank)]
    yield "spun mix", "story", STORY_COSINE, texts, gold, tune, check, "dev-01..16", "dev-17..24"
    texts, gold, topic = ecbplus(data)
    tune = [i for i, t in enumerate(topic) if t <= 17]
    check = [i for i, t in enumerate(topic) if t > 17]
    yield "ECB+", "event", EVENT_COSINE, texts, gold, tune, check, "topics 1-17", "topics 18-35"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path)
    a = ap.parse_args()
    grid = GRID
    for name, level, shipped, texts, gold, tune, check, tname, cname in halves(a.data):
        print(f"\n{name} ({level} level): {len(texts)} documents, {len(set(gold))} groups")

        def pick(idx, texts=texts, gold=gold):
            return [texts[i] for i in idx], [gold[i] for i in idx]

        t_texts, t_gold = pick(tune)
        tuned = {x: pairwise(t_gold, tuple(factdiff_groups(t_texts, level, x)))[2] for x in grid}
        best = max(grid, key=lambda x: (tuned[x], -abs(x - shipped)))
        print(
            "  tuning half F1 by threshold: "
            + ", ".join(f"{x:.2f} {f:.3f}" for x, f in tuned.items())
        )
        print(f"  best factdiff threshold on the tuning half ({tname}): {best} (shipped {shipped})")
        base_best = max(grid, key=lambda x: pairwise(t_gold, tfidf_average_link(t_texts, x))[2])
        for part, idx in (
            (f"tuning half {tname}", tune),
            (f"check half {cname}", check),
            ("whole set", list(range(len(texts)))),
        ):
            x_texts, x_gold = pick(idx)
            t0 = time.perf_counter()
            ours = factdiff_groups(x_texts, level, shipped)
            seconds = time.perf_counter() - t0
            print(f"  {part}: {len(x_texts)} documents")
            print(f"    factdiff (cosine {shipped}, {seconds:.1f} s): {score(x_gold, ours)}")
            t0 = time.perf_counter()
            mh = minhash_groups(x_texts)
            print(
                f"    datasketch MinHashLSH ({time.perf_counter() - t0:.1f} s): {score(x_gold, mh)}"
            )
            t0 = time.perf_counter()
            tf = tfidf_average_link(x_texts, base_best)
            print(
                f"    TF-IDF average link, all pairs (threshold {base_best} best on tuning half, "
                f"{time.perf_counter() - t0:.1f} s): {score(x_gold, tf)}"
            )


if __name__ == "__main__":
    main()
