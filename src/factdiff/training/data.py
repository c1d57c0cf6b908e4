"""The verifier's training and validation pairs: public NLI data plus perturbation-engine
pairs made from the same premises, split by a fixed seed.

SummEdits, FRANK and SummaC are evaluation sets and are never read here. The validation slice
is taken from each source before anything else, and perturbation pairs are made from the
premises of each side separately, so no validation premise is ever seen in training.
"""

from __future__ import annotations

import csv
import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

NLI_FILES = {
    "mnli": ("docnli_binary_mnli_dev.tsv", "docnli_binary_mnli_test.tsv"),
    "fever": ("docnli_binary_fever-nli_dev.tsv", "docnli_binary_fever-nli_test.tsv"),
    "snli": ("snli_1.0_dev_subset.jsonl", "snli_1.0_test_subset.jsonl"),
    "vitaminc": ("vitaminc_sample.jsonl",),
}


@dataclass(frozen=True, slots=True)
class PairExample:
    premise: str
    hypothesis: str
    label: int  # 1 = hypothesis supported by premise (consistent), 0 = not
    source: str  # mnli | fever | snli | vitaminc | perturb:<change_type>


@dataclass(frozen=True)
class MixConfig:
    """How many pairs of each source go to training and validation."""

    train: dict[str, int]
    val: dict[str, int]
    perturb_train: int = 3600
    perturb_val: int = 300
    perturb_premises_per_source: dict[str, float] | None = None
    seed: int = 13


DEFAULT_TRAIN = {"mnli": 2600, "fever": 700, "snli": 1200, "vitaminc": 300}
DEFAULT_VAL = {"mnli": 250, "fever": 150, "snli": 200, "vitaminc": 100}


def read_source(data_dir: Path, name: str) -> list[PairExample]:
    """All binary pairs of one source, in file order."""
    out: list[PairExample] = []
    csv.field_size_limit(1 << 30)
    for filename in NLI_FILES[name]:
        path = data_dir / filename
        if filename.endswith(".tsv"):
            with path.open(encoding="utf-8", newline="") as fh:
                for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                    if len(row) != 3 or not row[1].strip() or not row[2].strip():
                        continue
                    label = 1 if row[0] == "entailment" else 0
                    out.append(PairExample(row[1].strip(), row[2].strip(), label, name))
        else:
            for line in path.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                if name == "snli":
                    if rec["gold_label"] not in ("entailment", "neutral", "contradiction"):
                        continue
                    label = int(rec["gold_label"] == "entailment")
                    out.append(PairExample(rec["sentence1"], rec["sentence2"], label, name))
                else:
                    label = int(rec["label"].lower() == "supports")
                    out.append(PairExample(rec["evidence"], rec["claim"], label, name))
    return out


def split_sources(
    data_dir: Path, cfg: MixConfig
) -> tuple[dict[str, list[PairExample]], dict[str, list[PairExample]]]:
    """Seeded split per source: validation rows first, then training rows; a premise that
    lands in validation never appears in training."""
    train, val = {}, {}
    for name in NLI_FILES:
        rows = read_source(data_dir, name)
        random.Random(f"{cfg.seed}:{name}").shuffle(rows)
        val_rows = rows[: cfg.val.get(name, 0)]
        held = {r.premise for r in val_rows}
        rest = [r for r in rows[len(val_rows) :] if r.premise not in held]
        val[name] = val_rows
        train[name] = rest[: cfg.train.get(name, 0)]
    return train, val


def _passage(text: str, sents: list[Any], first: int, last: int, rng: random.Random) -> str:
    """The premise for sentences first..last, built the way the pipeline builds it at run
    time (verify/combine.premise): the sentences, zero to two neighbours on each side, and
    sometimes other sentences of the text (the pipeline's evidence is the few most similar
    sentences, not always adjacent ones), in text order."""
    width = rng.choice((0, 1, 1, 2))
    keep = set(range(max(0, first - width), min(len(sents), last + width + 1)))
    others = [i for i in range(len(sents)) if i not in keep]
    if others and rng.random() < 0.5:
        keep.update(rng.sample(others, min(len(others), rng.choice((1, 2)))))
    return " ".join(text[sents[i].start_char : sents[i].end_char].strip() for i in sorted(keep))


def perturbation_pairs(
    premises: Iterable[str],
    nlp: Any,
    n_pairs: int,
    seed: int,
    faithful_share: float = 0.4,
    verbatim_share: float = 0.1,
) -> list[PairExample]:
    """Sentence-level pairs from the perturbation engine: premise = the source sentence(s)
    in a passage (see ``_passage``); hypothesis = the changed sentence (label 0), a faithful
    rewrite of it (label 1), or now and then the sentence verbatim (label 1).

    Change types are balanced: each text gets the type used least so far among those it
    allows, so frequent types (negation, additions) do not crowd out rare ones (swaps).
    """
    from factdiff.perturb.edits import apply_edit
    from factdiff.perturb.engine import candidate_edits
    from factdiff.perturb.tables import CHANGE_TYPES, FAITHFUL_TYPES

    rng = random.Random(seed)
    texts = [p for p in premises if 40 <= len(p) <= 3000]
    rng.shuffle(texts)
    used: Counter = Counter()
    out: list[PairExample] = []
    for doc in nlp.pipe(texts, batch_size=64):
        if len(out) >= n_pairs:
            break
        sents = list(doc.sents)
        r = rng.random()
        if r < verbatim_share:
            i = rng.randrange(len(sents))
            passage = _passage(doc.text, sents, i, i, rng)
            out.append(PairExample(passage, sents[i].text, 1, "perturb:verbatim"))
            continue
        family = FAITHFUL_TYPES if r < verbatim_share + faithful_share else CHANGE_TYPES
        candidates = {t: e for t, e in candidate_edits(doc, rng, family).items() if e}
        if not candidates:
            continue
        change_type = min(candidates, key=lambda t: (used[t], rng.random()))
        used[change_type] += 1
        edit = rng.choice(candidates[change_type])
        pert = apply_edit(doc.text, edit, 1 if change_type in FAITHFUL_TYPES else 0)
        idx = [
            i
            for i, s in enumerate(sents)
            if s.start_char < pert.source_sentence_end and s.end_char > pert.source_sentence_start
        ]
        if not idx:
            continue
        passage = _passage(doc.text, sents, idx[0], idx[-1], rng)
        out.append(
            PairExample(passage, pert.rewrite_sentence, pert.label, f"perturb:{change_type}")
        )
    return out[:n_pairs]


def build_mix(
    data_dir: Path, nlp: Any, cfg: MixConfig
) -> tuple[list[PairExample], list[PairExample]]:
    """The shuffled training list and the validation list."""
    train_src, val_src = split_sources(data_dir, cfg)
    # Perturbation premises: every text of the training side (not only the rows drawn as NLI
    # pairs), never one that appears in validation; in a seeded order.
    val_premises = list(dict.fromkeys(r.premise for rows in val_src.values() for r in rows))
    val_set = set(val_premises)
    pool = [r.premise for name in NLI_FILES for r in read_source(data_dir, name)]
    train_premises = list(dict.fromkeys(p for p in pool if p not in val_set))
    random.Random(cfg.seed).shuffle(train_premises)
    train = [r for rows in train_src.values() for r in rows]
    train += perturbation_pairs(train_premises, nlp, cfg.perturb_train, cfg.seed)
    val = [r for rows in val_src.values() for r in rows]
    val += perturbation_pairs(val_premises, nlp, cfg.perturb_val, cfg.seed + 1)
    random.Random(cfg.seed).shuffle(train)
    return train, val


def mix_summary(rows: list[PairExample]) -> dict[str, dict[str, int]]:
    """Counts per source and label, for the run log and the manifest."""
    by_source: dict[str, Counter] = {}
    for r in rows:
        key = "perturb" if r.source.startswith("perturb:") else r.source
        by_source.setdefault(key, Counter())[r.label] += 1
    types = Counter(r.source.split(":", 1)[1] for r in rows if r.source.startswith("perturb:"))
    out = {k: {"consistent": c[1], "inconsistent": c[0]} for k, c in sorted(by_source.items())}
    out["perturb_types"] = dict(sorted(types.items()))
    return out


def write_pairs(rows: list[PairExample], path: Path) -> None:
    path.write_text("".join(json.dumps(asdict(r)) + "\n" for r in rows), encoding="utf-8")


def read_pairs(path: Path) -> list[PairExample]:
    return [
        PairExample(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()
    ]
