"""Readers for the benchmark files, each turning one format into ``EvalRow`` records.

Every benchmark says the same thing in its own shape: a source text, a rewrite of it, and
whether the rewrite keeps the facts. Reading them into one record lets a single runner score
them all. A malformed row (missing field, empty text, wrong type, broken JSON line) is counted
and skipped, never raised: one bad line must not cost a whole evaluation run. A missing file or
an unknown dataset name is a user error and raises ``InputError``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from factdiff.errors import InputError
from factdiff.perturb.tables import CHANGE_TYPES, FAITHFUL_TYPES

# FRANK error categories, 1.0 = no such error in the summary. The file spells the last one
# "Other"; we report it as "OtherE" so every name has the same shape.
FRANK_ERROR_TYPES: tuple[str, ...] = (
    "RelE",
    "EntE",
    "CircE",
    "OutE",
    "GramE",
    "LinkE",
    "CorefE",
    "OtherE",
)
_FRANK_ORIGIN = {"cnndm": "cnndm", "bbc": "xsum", "xsum": "xsum"}

# NLI labels → 1 (the hypothesis follows from the premise) or 0 (it does not).
_NLI_LABELS: dict[str, int] = {
    "entailment": 1,
    "supports": 1,
    "contradiction": 0,
    "neutral": 0,
    "not_entailment": 0,
    "refutes": 0,
    "not enough info": 0,
    "nei": 0,
}

DATASET_NAMES: tuple[str, ...] = ("summedits", "frank", "summac", "nli", "perturb")


@dataclass(frozen=True, slots=True)
class EvalRow:
    """One benchmark item: is ``rewrite`` consistent with ``source``?

    ``label`` is 1 for consistent, 0 for inconsistent. ``group`` is what results are broken
    down by (domain, subset, origin). ``meta["error_types"]``, when present, lists the kinds of
    error the annotators saw, so the runner can report recall per error type.
    """

    id: str
    source: str
    rewrite: str
    label: int
    group: str
    meta: dict = field(default_factory=dict, compare=False, hash=False)


class _BadRow(Exception):
    """Internal signal: this row is unusable; count it and go on."""


def _text(record: dict, key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _BadRow(f"field {key!r} missing, empty or not text")
    return value


def _binary_label(value: object) -> int:
    # bool is an int subclass; a JSON true/false is not a valid label here.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value not in (0, 1):
        raise _BadRow(f"label {value!r} is not 0 or 1")
    return int(value)


def _require_file(path: str | Path) -> Path:
    p = Path(path)
    if not p.is_file():
        raise InputError("eval_missing_file", f"Evaluation file not found: {p}")
    return p


def _json_records(path: Path) -> Iterator[object]:
    """Yield the records of a JSONL file, or of a JSON list/dict file; ``None`` for a line that
    is not valid JSON (so the caller counts it)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    head = text.lstrip()[:1]
    if head in ("[", "{"):
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None  # not one JSON value: fall through to JSON lines
        if isinstance(whole, list):
            yield from whole
            return
        if isinstance(whole, dict) and not all(isinstance(v, dict) for v in whole.values()):
            yield whole  # a one-line JSONL file: one record
            return
        if isinstance(whole, dict):  # {id: record}, as in the SummaC files
            for key, value in whole.items():
                yield {**value, "_key": key}
            return
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError:
            yield None


def _collect(
    records: Iterator[object], make: Callable[[dict, int], EvalRow]
) -> tuple[list[EvalRow], int]:
    rows: list[EvalRow] = []
    n_bad = 0
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            n_bad += 1
            continue
        try:
            rows.append(make(record, i))
        except _BadRow:
            n_bad += 1
    return rows, n_bad


# --------------------------------------------------------------------------- SummEdits


def _summedits_row(record: dict, i: int) -> EvalRow:
    label = _binary_label(record.get("label"))
    row_id = str(record.get("id") or f"summedits-{i}")
    domain = record.get("domain")
    if not isinstance(domain, str) or not domain:
        domain = row_id.split("_", 1)[0] if "_" in row_id else "unknown"
    edit_types = record.get("edit_types") or []
    if not isinstance(edit_types, list):
        edit_types = []
    return EvalRow(
        id=row_id,
        source=_text(record, "doc"),
        rewrite=_text(record, "summary"),
        label=label,
        group=domain,
        meta={
            "error_types": tuple(str(t) for t in edit_types) if label == 0 else (),
            # The seed summary the rewrite was edited from (consistent by construction): it
            # tells which sentence was edited, for training data (training/summary_data.py).
            "original_summary": str(record.get("original_summary") or ""),
        },
    )


def load_summedits(path: str | Path) -> tuple[list[EvalRow], int]:
    """SummEdits JSONL (or the repository's JSON list): doc, summary, label, domain."""
    return _collect(_json_records(_require_file(path)), _summedits_row)


# --------------------------------------------------------------------------- FRANK


def _frank_error_value(record: dict, name: str) -> float | None:
    value = record.get(name)
    if value is None and name == "OtherE":
        value = record.get("Other")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _BadRow(f"error field {name!r} is not a number")
    return float(value)


def _frank_row(record: dict, i: int) -> EvalRow:
    factuality = record.get("Factuality")
    if isinstance(factuality, bool) or not isinstance(factuality, (int, float)):
        raise _BadRow("Factuality missing or not a number")
    errors = {}
    for name in FRANK_ERROR_TYPES:
        value = _frank_error_value(record, name)
        if value is not None:
            errors[name] = value
    origin = str(record.get("dataset") or "").lower()
    model = str(record.get("model_name") or "")
    row_id = str(record.get("id") or record.get("hash") or f"frank-{i}")
    if model and "id" not in record:
        row_id = f"{row_id}:{model}"
    return EvalRow(
        id=row_id,
        source=_text(record, "article"),
        rewrite=_text(record, "summary"),
        label=1 if float(factuality) == 1.0 else 0,
        group=_FRANK_ORIGIN.get(origin, origin or "unknown"),
        meta={
            **errors,
            "model_name": model,
            "factuality": float(factuality),
            "error_types": tuple(name for name, v in errors.items() if v < 1.0),
        },
    )


def load_frank(path: str | Path) -> tuple[list[EvalRow], int]:
    """FRANK JSONL: article, summary, Factuality (== 1.0 → consistent), error-type fields."""
    return _collect(_json_records(_require_file(path)), _frank_row)


# --------------------------------------------------------------------------- SummaC


def _summac_maker(subset: str) -> Callable[[dict, int], EvalRow]:
    def make(record: dict, i: int) -> EvalRow:
        errors = record.get("errors")
        error_types: tuple[str, ...] = ()
        if isinstance(errors, list):
            error_types = tuple(sorted({str(e) for e in errors}))
        return EvalRow(
            id=f"{subset}:{record.get('_key', record.get('id', i))}",
            source=_text(record, "document"),
            rewrite=_text(record, "claim"),
            label=_binary_label(record.get("label")),
            group=subset,
            meta={"origin": str(record.get("origin", "")), "error_types": error_types},
        )

    return make


def load_summac(path_or_dir: str | Path) -> tuple[list[EvalRow], int]:
    """SummaC JSON files ({id: {document, claim, label}}); a directory loads every ``*.json``
    in name order. The group of a row is its file name (factcc, polytope, ...)."""
    p = Path(path_or_dir)
    if p.is_dir():
        files = sorted(f for f in p.glob("*.json") if f.is_file())
        if not files:
            raise InputError("eval_missing_file", f"No SummaC *.json files in {p}")
    else:
        files = [_require_file(p)]
    rows: list[EvalRow] = []
    n_bad = 0
    for f in files:
        sub_rows, sub_bad = _collect(_json_records(f), _summac_maker(f.stem))
        rows.extend(sub_rows)
        n_bad += sub_bad
    return rows, n_bad


# --------------------------------------------------------------------------- NLI


def _nli_label(value: object) -> tuple[int, str]:
    if not isinstance(value, str):
        raise _BadRow("NLI label missing")
    name = value.strip().lower()
    if name not in _NLI_LABELS:
        raise _BadRow(f"unknown NLI label {value!r}")  # e.g. SNLI '-' (no consensus)
    return _NLI_LABELS[name], name.replace(" ", "_")


def _nli_json_row(stem: str) -> Callable[[dict, int], EvalRow]:
    def make(record: dict, i: int) -> EvalRow:
        if "gold_label" in record:  # SNLI
            premise, hypothesis = _text(record, "sentence1"), _text(record, "sentence2")
            label, name = _nli_label(record.get("gold_label"))
            row_id = str(record.get("pairID") or f"{stem}-{i}")
        else:  # VitaminC: the claim is judged against the evidence
            premise, hypothesis = _text(record, "evidence"), _text(record, "claim")
            label, name = _nli_label(record.get("label"))
            row_id = str(record.get("id") or f"{stem}-{i}")
        return EvalRow(row_id, premise, hypothesis, label, name, {"source_file": stem})

    return make


def _tsv_records(path: Path) -> Iterator[object]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for fields in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not fields:
                continue
            if len(fields) != 3:
                yield None
                continue
            yield {"label": fields[0], "premise": fields[1], "hypothesis": fields[2]}


def load_nli(path: str | Path) -> tuple[list[EvalRow], int]:
    """NLI pairs as consistency items: DocNLI binary TSV (label, premise, hypothesis), SNLI
    JSONL or VitaminC JSONL. The premise/evidence is the source, the hypothesis/claim the
    rewrite; the group is the original label (so contradiction and neutral recall show apart)."""
    p = _require_file(path)
    if p.suffix.lower() in (".tsv", ".txt"):

        def make(record: dict, i: int) -> EvalRow:
            label, name = _nli_label(record.get("label"))
            source, rewrite = _text(record, "premise"), _text(record, "hypothesis")
            return EvalRow(f"{p.stem}-{i}", source, rewrite, label, name, {"source_file": p.stem})

        return _collect(_tsv_records(p), make)
    return _collect(_json_records(p), _nli_json_row(p.stem))


# --------------------------------------------------------------------------- perturb


def _perturb_row(record: dict, i: int) -> EvalRow:
    label = _binary_label(record.get("label"))
    change_type = record.get("change_type")
    # The type must agree with the label, or the row would score a change as faithful.
    if label == 0 and change_type not in CHANGE_TYPES:
        raise _BadRow(f"change_type {change_type!r} is not a fact change")
    if label == 1 and change_type not in FAITHFUL_TYPES:
        raise _BadRow(f"change_type {change_type!r} is not a faithful control")
    source, rewrite = _text(record, "source"), _text(record, "rewrite")
    if label == 0 and source == rewrite:
        raise _BadRow("a changed row whose rewrite equals its source")
    # Where the change is (factdiff perturb writes it), so recall can count only findings there.
    bounds = (record.get("sentence_start"), record.get("sentence_end"))
    changed = bounds if all(isinstance(b, int) for b in bounds) else None
    return EvalRow(
        id=str(record.get("id") or f"perturb-{i}:{change_type}"),
        source=source,
        rewrite=rewrite,
        label=label,
        group="faithful" if label == 1 else "changed",
        meta={
            "error_types": (change_type,) if label == 0 else (),
            "change_type": change_type,
            **({"changed_sentence": changed} if label == 0 and changed else {}),
        },
    )


def load_perturb(path: str | Path) -> tuple[list[EvalRow], int]:
    """JSONL written by ``factdiff perturb`` (or scripts/make_synthetic.py): source, rewrite,
    label, change_type. Groups are "changed" and "faithful", each one class, so a group's
    balanced accuracy is its recall (changes caught / controls passed); the change type is the
    row's error type, so the runner reports recall per change type."""
    return _collect(_json_records(_require_file(path)), _perturb_row)


# --------------------------------------------------------------------------- dispatch

_LOADERS: dict[str, Callable[[str | Path], tuple[list[EvalRow], int]]] = {
    "summedits": load_summedits,
    "frank": load_frank,
    "summac": load_summac,
    "nli": load_nli,
    "perturb": load_perturb,
}


def load_dataset(name: str, path: str | Path) -> tuple[list[EvalRow], int]:
    """Load benchmark ``name`` from ``path``; returns (rows, number of bad rows skipped)."""
    loader = _LOADERS.get(name.lower())
    if loader is None:
        raise InputError(
            "eval_unknown_dataset",
            f"Unknown dataset {name!r}: choose one of {', '.join(DATASET_NAMES)}",
        )
    return loader(path)
