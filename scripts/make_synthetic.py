"""Make a synthetic eval set (for ``factdiff eval perturb FILE``) from SummEdits source documents.

The texts must be ones the verifier never trained on: it trains on ../shared/data/nli only (see
src/factdiff/training/data.py), so the unique ``doc`` fields of SummEdits dev are used. SummEdits
dev has only a few dozen distinct documents, so a document longer than ``--max-chars`` is cut
into passages at line or sentence ends rather than dropped (eval stays fast, no text is lost).

Each passage gets ``--per-doc`` one-change copies. The engine offers a few copies of every type
the passage allows, and the ones whose type is rarest in the set so far are kept: left to
chance, types that few texts allow (role_change, quantity_swap) would get one or two rows and
their recall would mean nothing. Passage ``i`` is seeded with ``seed + i``, so the same
arguments always write the same file.

    .venv/bin/python scripts/make_synthetic.py -o /tmp/synthetic.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from factdiff.perturb import ALL_TYPES, CHANGE_TYPES, FAITHFUL_TYPES, Perturbation, perturb_text

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "summedits" / "summedits_dev.jsonl"
MAX_CHARS = 4000
OFFERED = 2 * len(ALL_TYPES)  # copies asked of the engine per passage: up to two per type
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+")


def unique_docs(path: Path) -> list[str]:
    """The distinct ``doc`` texts of a JSONL file, in file order. Unreadable lines and missing
    docs are ignored: this picks input text, it does not score anything."""
    seen: set[str] = set()
    docs: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        doc = record.get("doc") if isinstance(record, dict) else None
        if isinstance(doc, str) and doc.strip() and doc not in seen:
            seen.add(doc)
            docs.append(doc)
    return docs


def _cut(window: str) -> int:
    """Where to end a passage inside ``window``: the last line break, else the last sentence
    end, else the last space, in the second half of the window; else its full length."""
    half = len(window) // 2
    cut = window.rfind("\n")
    if cut >= half:
        return cut + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() >= half]
    if ends:
        return ends[-1]
    cut = window.rfind(" ")
    return cut + 1 if cut >= half else len(window)


def passages(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """``text`` cut into stripped pieces of at most ``max_chars`` characters."""
    out: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        cut = _cut(text[start : start + max_chars])
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return [p.strip() for p in out if p.strip()]


def choose(items: Sequence[str], n: int, seed: int) -> list[str]:
    """``n`` items drawn with ``seed``, kept in their order (all of them if there are fewer)."""
    if n >= len(items):
        return list(items)
    picks = sorted(random.Random(seed).sample(range(len(items)), n))
    return [items[i] for i in picks]


def pick_rarest(
    offered: Sequence[Perturbation], k: int, counts: Counter, rng: random.Random
) -> list[Perturbation]:
    """Up to ``k`` of ``offered``, each time one whose type has the fewest rows so far (ties
    drawn with ``rng``); ``counts`` is updated, so it carries the balance across passages."""
    pool = list(offered)
    tie = {id(p): rng.random() for p in pool}
    chosen: list[Perturbation] = []
    while pool and len(chosen) < k:
        best = pool.pop(
            min(range(len(pool)), key=lambda j: (counts[pool[j].change_type], tie[id(pool[j])]))
        )
        counts[best.change_type] += 1
        chosen.append(best)
    return chosen


def make_records(
    texts: Sequence[str],
    nlp: Any,
    per_doc: int,
    seed: int,
    progress: Callable[[Sequence[str]], Iterable[str]] = iter,
) -> list[dict]:
    """The perturbation records of every text, in text order, ``per_doc`` at most per text."""
    records: list[dict] = []
    counts: Counter = Counter()
    for i, text in enumerate(progress(texts)):
        rng = random.Random(seed + i)
        offered = perturb_text(text, nlp, rng, OFFERED)
        for k, pert in enumerate(pick_rarest(offered, per_doc, counts, rng)):
            records.append({"id": f"synthetic-{i}-{k}", **pert.to_dict()})
    return records


def type_counts(records: Iterable[dict]) -> Counter:
    return Counter(r["change_type"] for r in records)


def summary(counts: Counter) -> str:
    """Counts per change type, then per faithful control; a type with no row shows as 0 and
    is listed as missing."""
    lines = []
    for title, types in (
        ("changed (label 0)", CHANGE_TYPES),
        ("faithful (label 1)", FAITHFUL_TYPES),
    ):
        lines.append(f"{title}: {sum(counts[t] for t in types)}")
        lines.extend(f"  {t:<22} {counts[t]}" for t in types)
    missing = [t for t in ALL_TYPES if not counts[t]]
    if missing:
        lines.append(f"missing types: {', '.join(missing)}")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="SummEdits JSONL (field doc)")
    ap.add_argument("--docs", type=int, default=150, help="how many passages to use at most")
    ap.add_argument("--per-doc", type=int, default=4, help="copies per passage")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-chars", type=int, default=MAX_CHARS, help="cut longer documents")
    ap.add_argument("-o", "--output", type=Path, required=True, help="JSONL to write")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None, nlp: Any = None) -> int:
    """Write the set; ``nlp`` lets tests pass the already-loaded pipeline."""
    from rich.console import Console
    from rich.progress import track

    args = parse_args(argv)
    err = Console(stderr=True)
    if args.docs < 1 or args.per_doc < 1 or args.max_chars < 100:
        err.print("--docs and --per-doc must be at least 1, --max-chars at least 100")
        return 2
    if not args.data.is_file():
        err.print(f"data file not found: {args.data}")
        return 1
    docs = unique_docs(args.data)
    # dict.fromkeys: documents that share an opening must not give the same passage twice
    texts = list(dict.fromkeys(p for doc in docs for p in passages(doc, args.max_chars)))
    chosen = choose(texts, args.docs, args.seed)
    if not chosen:
        err.print(f"no usable document in {args.data}")
        return 1
    if nlp is None:
        from factdiff.perturb.cli import load_spacy

        nlp = load_spacy()

    def progress(items: Sequence[str]) -> Iterable[str]:
        return track(items, description="perturbing", console=err, transient=True)

    records = make_records(chosen, nlp, args.per_doc, args.seed, progress)
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    args.output.write_text(lines, encoding="utf-8")
    err.print(
        f"{len(records)} records from {len(chosen)} of {len(texts)} passages "
        f"({len(docs)} unique documents) → {args.output}"
    )
    print(summary(type_counts(records)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
