"""Build src/factdiff/lexicon/synonyms.tsv from WordNet 3.0 (Debian's wordnet-base).

Run once by a developer (`apt-get install wordnet-base`); the TSV is committed, so users need
no WordNet. For each common word (one that the SemCor sense-tagged corpus uses: WordNet's
tagsense_cnt > 0), the other words of its two most frequent senses ("sole" -> "only"), and
the words whose most frequent sense is the direct hypernym of its most frequent sense ("dad"
-> "father", "hiker" -> "traveler"): what a rewrite may say instead without changing the
fact. Only single words; nouns, verbs and adjectives.
"""

from __future__ import annotations

import sys
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parents[1] / "src/factdiff/lexicon/synonyms.tsv"
SENSES = 2  # most frequent senses kept per word
POS = {"noun": "n", "verb": "v", "adj": "a"}


def parse_data(pos: str) -> dict[str, tuple[list[str], list[str]]]:
    """offset -> (words, hypernym offsets) for one part of speech."""
    out = {}
    for line in (WORDNET / f"data.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split(" ")
        n_words = int(parts[3], 16)
        words = [parts[4 + 2 * i].split("(")[0].lower() for i in range(n_words)]
        i = 4 + 2 * n_words
        n_ptr = int(parts[i])
        hypers = []
        for j in range(n_ptr):
            sym, target, tpos, _ = parts[i + 1 + 4 * j : i + 5 + 4 * j]
            if sym in ("@", "@i", "&") and tpos in ("n", "v", "a", "s"):
                hypers.append(target)
        out[parts[0]] = (words, hypers)
    return out


def parse_index(pos: str) -> dict[str, list[str]]:
    """lemma -> its synset offsets, most frequent sense first, for tagged lemmas only."""
    out = {}
    for line in (WORDNET / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split()
        lemma, n_synsets, n_ptr = parts[0], int(parts[2]), int(parts[3])
        tagged = int(parts[5 + n_ptr])
        if tagged > 0 and lemma.isalpha():
            out[lemma] = parts[6 + n_ptr : 6 + n_ptr + n_synsets]
    return out


def main() -> int:
    if not WORDNET.is_dir():
        print("WordNet not found: apt-get install wordnet-base", file=sys.stderr)
        return 1
    table: dict[str, set[str]] = {}
    for pos in POS:
        data, index = parse_data(pos), parse_index(pos)
        first = {lemma: offsets[0] for lemma, offsets in index.items()}
        for lemma, offsets in index.items():
            near: set[str] = set()
            for off in offsets[:SENSES]:
                near.update(data[off][0])
            for h in data[offsets[0]][1]:
                near.update(w for w in data.get(h, ((), ()))[0] if first.get(w) == h)
            near = {w for w in near if w.isalpha() and w != lemma}
            if near:
                table.setdefault(lemma, set()).update(near)
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write(
            "# Near-synonyms derived from WordNet 3.0 (Princeton University); see "
            "LICENSE-WordNet. Built by scripts/build_synonyms.py\n"
        )
        for lemma in sorted(table):
            fh.write(f"{lemma}\t{' '.join(sorted(table[lemma]))}\n")
    print(f"wrote {len(table)} words to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
