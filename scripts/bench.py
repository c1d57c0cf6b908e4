"""Speed benchmark for factdiff (not a test): pipeline throughput and cold-start times.

It builds, from made-up template sentences (seeded, no external data), one story in three
versions of 100 sentences each: an original, a rewrite that paraphrases and changes a few
facts, and a second rewrite that also reorders sentences. It then measures

- model load time (spaCy, embedder, verifier), once;
- ``factdiff.compare_texts`` on the three versions with the loaded models (load excluded),
  as sentences per second;
- the cold start of ``factdiff --help`` and of ``python -c "import factdiff"`` (median of
  several subprocess runs), because a slow CLI start is felt on every call;
- the learned verifier's throughput in sentence pairs per second, and, in the same run on the
  same pairs, that of the architecture AlignScore-large uses (RoBERTa-large, 355M parameters,
  random weights, PyTorch float32: needs the ``[train]`` extra, skipped without it).

Usage: python scripts/bench.py [--runs 5] [--repeat 1] [--seed 0] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

FIRST = ["Anne", "Peter", "Kari", "Jonas", "Mira", "Tomas", "Lena", "Oskar", "Ines", "Ravi"]
LAST = ["Ross", "Lind", "Dahl", "Berg", "Okafor", "Nakamura", "Silva", "Moreau", "Haas", "Quist"]
ROLES = ["mayor", "police chief", "fire captain", "council member", "spokesperson", "minister"]
PLACES = ["Eastport", "Lakeview", "Norrvik", "Santa Lucia", "Greyford", "Port Amund"]
NOUNS = ["people", "homes", "vehicles", "workers", "students", "boats"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVENTS = ["the flood", "the fire", "the strike", "the storm", "the protest", "the blackout"]
VERBS = [("evacuated", "moved out"), ("counted", "tallied"), ("inspected", "checked")]

# Each fact can be told several ways; template 0 is the original's wording.
TEMPLATES = [
    (
        "{role_c} {name} said on {day} that {n} {noun} were {verb} in {place} after {event}.",
        "On {day}, {name}, the {role} of {place}, said {n} {noun} had been {verb2} after {event}.",
        "After {event}, {n} {noun} in {place} were {verb}, {role} {name} told reporters {day}.",
    ),
    (
        "{name} of {place} confirmed that at least {n} {noun} were affected by {event}.",
        "At least {n} {noun} were affected by {event}, {name} of {place} confirmed.",
        "According to {name} from {place}, {event} affected at least {n} {noun}.",
    ),
    (
        "Officials in {place} may reopen the road on {day}, {role} {name} said.",
        "{role_c} {name} said officials in {place} may reopen the road on {day}.",
        "The road in {place} may reopen on {day}, according to {role} {name}.",
    ),
    (
        "{name} did not expect {event} to reach {place} before {day}.",
        "{name} had not expected {event} to hit {place} before {day}.",
        "Before {day}, {name} did not think {event} would reach {place}.",
    ),
]


@dataclass(frozen=True)
class Fact:
    kind: int
    name: str
    role: str
    place: str
    n: int
    noun: str
    day: str
    event: str
    verb: tuple[str, str]


def random_fact(rng: random.Random) -> Fact:
    return Fact(
        kind=rng.randrange(len(TEMPLATES)),
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        role=rng.choice(ROLES),
        place=rng.choice(PLACES),
        n=rng.randrange(2, 500),
        noun=rng.choice(NOUNS),
        day=rng.choice(DAYS),
        event=rng.choice(EVENTS),
        verb=rng.choice(VERBS),
    )


def changed(fact: Fact, rng: random.Random) -> Fact:
    """The same fact with one detail broken, as a careless rewriter would."""
    what = rng.choice(["name", "number", "day", "place"])
    if what == "name":
        return Fact(**{**fact.__dict__, "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}"})
    if what == "number":
        return Fact(**{**fact.__dict__, "n": fact.n + rng.randrange(1, 40)})
    if what == "day":
        return Fact(**{**fact.__dict__, "day": rng.choice([d for d in DAYS if d != fact.day])})
    return Fact(**{**fact.__dict__, "place": rng.choice([p for p in PLACES if p != fact.place])})


def render(fact: Fact, variant: int) -> str:
    template = TEMPLATES[fact.kind][variant]
    return template.format(
        name=fact.name,
        role=fact.role,
        role_c=fact.role[0].upper() + fact.role[1:],
        place=fact.place,
        n=fact.n,
        noun=fact.noun,
        day=fact.day,
        event=fact.event,
        verb=fact.verb[0],
        verb2=fact.verb[1],
    )


def paragraphs(sentences: list[str], size: int = 5) -> str:
    return "\n\n".join(" ".join(sentences[i : i + size]) for i in range(0, len(sentences), size))


def build_story(n_sentences: int = 100, seed: int = 0) -> dict[str, str]:
    """Three versions of one made-up story, ``n_sentences`` sentences each."""
    rng = random.Random(seed)
    facts = [random_fact(rng) for _ in range(n_sentences)]
    original = [render(f, 0) for f in facts]
    rewrite = []
    for f in facts:
        fact = changed(f, rng) if rng.random() < 0.1 else f
        rewrite.append(render(fact, rng.choice([0, 1, 1, 2])))
    second = []
    for f in facts:
        fact = changed(f, rng) if rng.random() < 0.1 else f
        second.append(render(fact, rng.choice([0, 2, 2, 1])))
    for _ in range(n_sentences // 10):  # a few local reorderings
        i = rng.randrange(n_sentences - 1)
        second[i], second[i + 1] = second[i + 1], second[i]
    return {
        "original": paragraphs(original),
        "rewrite": paragraphs(rewrite),
        "rewrite2": paragraphs(second),
    }


def median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cli_command() -> list[str]:
    """The installed ``factdiff`` next to this interpreter, else ``python -m factdiff.cli``."""
    exe = shutil.which("factdiff", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "factdiff.cli"]


def bench_pipeline(story: dict[str, str], repeat: int) -> dict[str, float]:
    from factdiff import compare_texts
    from factdiff.options import Options
    from factdiff.resources import Resources

    options = Options()
    t0 = time.perf_counter()
    resources = Resources()
    _ = resources.nlp
    _ = resources.embedder
    _ = resources.verifier  # None when no verifier is shipped
    load = time.perf_counter() - t0
    runs = []
    findings = 0
    for _ in range(repeat):
        t1 = time.perf_counter()
        report = compare_texts(story, 0, options=options, resources=resources)
        runs.append(time.perf_counter() - t1)
        findings = len(report.findings)
    compare_s = min(runs)
    sentences = sum(d.sentences for d in report.documents)
    return {
        "model_load_s": load,
        "compare_s": compare_s,
        "compare_first_s": runs[0],
        "sentences": sentences,
        "sentences_per_s": sentences / compare_s if compare_s else float("inf"),
        "findings": findings,
    }


def verifier_pairs(story: dict[str, str], n: int) -> tuple[list[str], list[str]]:
    """(premise, hypothesis) pairs as the pipeline builds them: a copy sentence against the
    original's sentence at the same place with one neighbour each side."""
    original = [s.strip() + "." for s in story["original"].replace("\n", " ").split(". ") if s]
    copy = [s.strip() + "." for s in story["rewrite"].replace("\n", " ").split(". ") if s]
    premises, hypotheses = [], []
    for i in range(n):
        j = i % min(len(original), len(copy))
        premises.append(" ".join(original[max(0, j - 1) : j + 2]))
        hypotheses.append(copy[j])
    return premises, hypotheses


def bench_verifier(story: dict[str, str], n: int, n_large: int) -> dict[str, float | str]:
    from factdiff.verify.bench import roberta_large_throughput, verifier_throughput
    from factdiff.verify.onnx_verifier import load_verifier

    verifier = load_verifier()
    if verifier is None:
        return {"verifier": "not installed"}
    premises, hypotheses = verifier_pairs(story, n)
    out: dict[str, float | str] = {
        "verifier_pairs": n,
        "verifier_pairs_per_s": verifier_throughput(verifier, premises, hypotheses),
    }
    try:
        import torch  # noqa: F401 - only to know whether the [train] extra is there
    except ImportError:
        out["roberta_large"] = "skipped: needs the [train] extra (torch)"
        return out
    rate, params = roberta_large_throughput(
        verifier.tokenizer, premises[:n_large], hypotheses[:n_large]
    )
    out.update(
        roberta_large_pairs=n_large,
        roberta_large_params_m=params / 1e6,
        roberta_large_pairs_per_s=rate,
        speedup=out["verifier_pairs_per_s"] / rate,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="subprocess runs per cold start")
    parser.add_argument("--repeat", type=int, default=1, help="pipeline runs (best is kept)")
    parser.add_argument("--sentences", type=int, default=100, help="sentences per version")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    parser.add_argument("--skip-cold", action="store_true", help="skip the cold-start timings")
    parser.add_argument("--pairs", type=int, default=512, help="pairs for the verifier")
    parser.add_argument("--pairs-large", type=int, default=64, help="pairs for RoBERTa-large")
    args = parser.parse_args(argv)

    story = build_story(args.sentences, args.seed)
    results: dict[str, float | str] = {"versions": len(story)}
    results.update(bench_pipeline(story, max(args.repeat, 1)))
    results.update(bench_verifier(story, args.pairs, args.pairs_large))
    if not args.skip_cold:
        results["cli_help_s"] = median_seconds([*cli_command(), "--help"], args.runs)
        results["import_s"] = median_seconds([sys.executable, "-c", "import factdiff"], args.runs)

    from rich.console import Console
    from rich.table import Table

    table = Table(title="factdiff speed", title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("model load", f"{results['model_load_s']:.2f} s")
    table.add_row(f"compare 3 × {args.sentences} sentences", f"{results['compare_s']:.2f} s")
    table.add_row("throughput", f"{results['sentences_per_s']:.1f} sentences/s")
    table.add_row("findings", str(results["findings"]))
    if "verifier_pairs_per_s" in results:
        table.add_row(
            f"verifier ({results['verifier_pairs']} pairs)",
            f"{results['verifier_pairs_per_s']:.1f} pairs/s",
        )
    if "roberta_large_pairs_per_s" in results:
        table.add_row(
            f"RoBERTa-large, {results['roberta_large_params_m']:.0f}M params "
            f"({results['roberta_large_pairs']} pairs)",
            f"{results['roberta_large_pairs_per_s']:.2f} pairs/s",
        )
        table.add_row("verifier speed-up over RoBERTa-large", f"{results['speedup']:.1f}×")
    elif "roberta_large" in results:
        table.add_row("RoBERTa-large", str(results["roberta_large"]))
    if not args.skip_cold:
        table.add_row(
            f"`factdiff --help` (median of {args.runs})", f"{results['cli_help_s']:.2f} s"
        )
        table.add_row(f"`import factdiff` (median of {args.runs})", f"{results['import_s']:.2f} s")
    Console().print(table)
    if args.json is not None:
        rounded = {k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}
        args.json.write_text(json.dumps(rounded, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
