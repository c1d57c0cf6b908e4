"""Build src/factdiff/lexicon/antonyms.tsv from WordNet 3.0 (Debian's wordnet-base).

Run once by a developer (`apt-get install wordnet-base`); the TSV is committed, so users need
no WordNet. Only WordNet's direct (lexical) antonyms are kept: the indirect antonyms of
adjective satellites were measured to fire on a third of faithful SummEdits summaries.
"""

from __future__ import annotations

import sys
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parents[1] / "src/factdiff/lexicon/antonyms.tsv"


def parse(pos: str) -> dict[str, tuple[list[str], list[tuple[str, str, int, int]]]]:
    synsets = {}
    for line in (WORDNET / f"data.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split(" ")
        offset, ss_type = parts[0], parts[2]
        n_words = int(parts[3], 16)
        words = [parts[4 + 2 * i].lower() for i in range(n_words)]
        i = 4 + 2 * n_words
        n_ptr = int(parts[i])
        ptrs = []
        for j in range(n_ptr):
            sym, target, tpos, st = parts[i + 1 + 4 * j : i + 5 + 4 * j]
            ptrs.append((sym, f"{tpos}:{target}", int(st[:2], 16), int(st[2:], 16)))
        synsets[f"{ss_type if ss_type != 's' else 'a'}:{offset}"] = (words, ptrs)
    return synsets


def clean(word: str) -> str:
    word = word.split("(")[0]
    return word.replace("_", " ")


def main() -> int:
    if not WORDNET.is_dir():
        print("WordNet not found: apt-get install wordnet-base", file=sys.stderr)
        return 1
    synsets = {}
    for pos in ("adj", "adv", "noun", "verb"):
        synsets.update(parse(pos))
    pairs: set[tuple[str, str]] = set()
    for words, ptrs in synsets.values():
        for sym, target, src, dst in ptrs:
            if sym != "!" or target not in synsets:
                continue
            twords = synsets[target][0]
            a = clean(words[src - 1]) if src else None
            b = clean(twords[dst - 1]) if dst else None
            if a and b:
                pairs.add(tuple(sorted((a, b))))
    pairs = {p for p in pairs if p[0] != p[1] and " " not in p[0] + p[1]}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write(
            "# Antonym pairs derived from WordNet 3.0 (Princeton University); see LICENSE-WordNet\n"
        )
        for a, b in sorted(pairs):
            fh.write(f"{a}\t{b}\n")
    print(f"wrote {len(pairs)} pairs to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
