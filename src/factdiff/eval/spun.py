"""The spun-stories benchmark (``../shared/data/spun``): precision and recall of changed facts
on real articles copied and spun the way content farms do it.

The scoring is the one of ``spun/README.md`` and of the reference scorer
``shared/tools/score_spun.py``, which this module must agree with figure for figure:

- mode **R** compares ``original copy page [rereport]``, the original as the reference;
- mode **N** compares ``page copy [rereport]`` (only copies were found); recall counts only
  changed units whose source unit some other unit carries faithfully.

Every finding above ``info`` is matched to the gold unit its claim overlaps most in the claim's
document (overlap at least half the shorter span). On a ``changed`` unit it is right; on a
``copied``/``faithful``/``neutral`` unit or anywhere in the original it is a false alarm (and a
changed unit under its evidence counts as caught, the wrong way round); on ``added`` it is
ignored. Beyond the reference figures this module counts precision per *finding* type, so a
rule that cries wolf shows under its own name.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

MODES = ("R", "N")
# P (not one of the reference scorer's modes): the content-farm page alone, as a user who
# found one page compares it with itself; only the page's units count.
ALL_MODES = (*MODES, "P")
# A gold subject/object swap is caught with the right type by any of these finding types.
TYPE_OK: dict[str, frozenset[str] | None] = {
    "subject_object_swap": frozenset(
        {"claim_reversal", "entity_substitution", "subject_object_swap"}
    ),
    "other": None,  # any type will do
}
SAFE_LABELS = ("copied", "faithful")


def version_names(mode: str) -> list[str]:
    """The files compared in ``mode``, the reference first."""
    if mode == "P":
        return ["page"]
    return ["original", "copy", "page", "rereport"] if mode == "R" else ["page", "copy", "rereport"]


@dataclass
class Tally:
    """Counts of one story, one mode (or their sum)."""

    tp: int = 0
    fp: int = 0
    changed: int = 0
    caught: int = 0
    typed: int = 0
    safe: int = 0
    false_alarm_units: int = 0
    changed_by_type: Counter = field(default_factory=Counter)
    caught_by_type: Counter = field(default_factory=Counter)
    right_by_finding: Counter = field(default_factory=Counter)
    wrong_by_finding: Counter = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if isinstance(value, Counter):
                getattr(self, name).update(value)
            else:
                setattr(self, name, getattr(self, name) + value)

    @property
    def precision(self) -> float:
        return self.tp / max(1, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.caught / max(1, self.changed)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / max(1e-9, p + r)

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarm_units / max(1, self.safe)

    def figures(self) -> dict[str, Any]:
        finding_types = sorted(set(self.right_by_finding) | set(self.wrong_by_finding))
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "typed_recall": round(self.typed / max(1, self.changed), 4),
            "faithful_units_falsely_flagged": round(self.false_alarm_rate, 4),
            "findings_right": self.tp,
            "findings_wrong": self.fp,
            "changed_units": self.changed,
            "changed_caught": self.caught,
            "safe_units": self.safe,
            "safe_units_flagged": self.false_alarm_units,
            "recall_by_change_type": {
                t: {"caught": self.caught_by_type[t], "of": n}
                for t, n in sorted(self.changed_by_type.items())
            },
            "precision_by_finding_type": {
                t: {"right": self.right_by_finding[t], "wrong": self.wrong_by_finding[t]}
                for t in finding_types
            },
        }


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def locate(items: Sequence[Mapping], doc: str | None, start: int, end: int) -> Mapping | None:
    """The gold unit of ``doc`` that [start, end) overlaps most, if by half the shorter span."""
    best, score = None, 0.0
    for it in items:
        if it["doc"] != doc:
            continue
        ov = _overlap(start, end, it["start"], it["end"])
        if ov <= 0:
            continue
        frac = ov / max(1, min(end - start, it["end"] - it["start"]))
        if frac > score:
            best, score = it, frac
    return best if score >= 0.5 else None


def detectable(items: Sequence[Mapping], unit: Mapping) -> bool:
    """Mode N: does another unit carry this changed unit's source faithfully?"""
    src = set(unit["from"])
    return any(j is not unit and j["label"] in SAFE_LABELS and src & set(j["from"]) for j in items)


def type_matches(gold_type: str | None, finding_type: str | None) -> bool:
    ok = TYPE_OK.get(gold_type or "", frozenset({gold_type}))
    return ok is None or finding_type in ok


def score_story(report: Mapping, gold: Mapping, mode: str) -> Tally:
    """Score one report (schema 1, as a dict) against one story's gold labels."""
    docmap = {d["id"]: Path(str(d.get("source", ""))).stem for d in report.get("documents", [])}
    items = [dict(it, idx=i) for i, it in enumerate(gold["items"])]
    if mode == "P":
        items = [it for it in items if it["doc"] == "page"]
    tally = Tally()
    caught: set[int] = set()
    right_type: set[int] = set()
    flagged_units: set[int] = set()
    for f in report.get("findings", []):
        if f.get("severity") == "info":
            continue
        ftype = f.get("type", "")
        claim = f.get("claim", {})
        doc = docmap.get(claim.get("doc"))
        if doc == "original":
            tally.fp += 1
            tally.wrong_by_finding[ftype] += 1
            continue
        unit = locate(items, doc, claim.get("start", 0), claim.get("end", 0))
        if unit is None or unit["label"] == "added":
            continue
        if unit["label"] == "changed":
            tally.tp += 1
            tally.right_by_finding[ftype] += 1
            caught.add(unit["idx"])
            if type_matches(unit.get("type"), ftype):
                right_type.add(unit["idx"])
            continue
        tally.fp += 1
        tally.wrong_by_finding[ftype] += 1
        flagged_units.add(unit["idx"])
        for e in f.get("evidence") or []:
            edoc = docmap.get(e.get("doc"))
            if edoc == "original":
                continue
            j = locate(items, edoc, e.get("start", 0), e.get("end", 0))
            if j is not None and j["label"] == "changed":
                caught.add(j["idx"])
    changed = [
        it for it in items if it["label"] == "changed" and (mode == "R" or detectable(items, it))
    ]
    safe = [it for it in items if it["label"] in SAFE_LABELS]
    tally.changed = len(changed)
    tally.caught = sum(it["idx"] in caught for it in changed)
    tally.typed = sum(it["idx"] in right_type for it in changed)
    tally.safe = len(safe)
    tally.false_alarm_units = sum(it["idx"] in flagged_units for it in safe)
    tally.changed_by_type = Counter(it.get("type") for it in changed)
    tally.caught_by_type = Counter(it.get("type") for it in changed if it["idx"] in caught)
    return tally


# --------------------------------------------------------------------------- story selection

_RANGE = re.compile(r"^(.*?)(\d+)\.\.(?:\1)?(\d+)$")


def select_stories(folder: Path, only: Sequence[str] = ()) -> list[Path]:
    """The story folders (those with a gold.json) under ``folder``, sorted; ``only`` keeps the
    named ones, where ``dev-17..dev-24`` (or ``dev-17..24``) names a range."""
    dirs = sorted(p for p in folder.iterdir() if (p / "gold.json").is_file())
    if not only:
        return dirs
    wanted: set[str] = set()
    for name in only:
        m = _RANGE.match(name)
        if not m:
            wanted.add(name)
            continue
        prefix, lo, hi = m.group(1), m.group(2), m.group(3)
        wanted.update(f"{prefix}{i:0{len(lo)}d}" for i in range(int(lo), int(hi) + 1))
    return [d for d in dirs if d.name in wanted]


# --------------------------------------------------------------------------- the run

CompareFn = Callable[[list[str]], Mapping]


@dataclass
class SpunResult:
    folder: str
    stories: list[str]
    seconds: float
    errors: list[str]
    totals: dict[str, Tally]  # mode -> sum over stories
    per_story: dict[str, dict[str, Tally]]  # story -> mode -> tally

    def to_dict(self) -> dict[str, Any]:
        return {
            "benchmark": "spun",
            "folder": self.folder,
            "stories": self.stories,
            "seconds": round(self.seconds, 1),
            "errors": self.errors,
            "modes": {m: t.figures() for m, t in self.totals.items()},
            "per_story": {
                s: {m: asdict_short(t) for m, t in modes.items()}
                for s, modes in self.per_story.items()
            },
        }


def asdict_short(t: Tally) -> dict[str, int]:
    return {k: v for k, v in asdict(t).items() if not isinstance(v, dict)}


def run_spun(
    folder: Path,
    compare: CompareFn,
    *,
    only: Sequence[str] = (),
    modes: Sequence[str] = MODES,
    save: Path | None = None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] = lambda xs: xs,
) -> SpunResult:
    """Compare every story in every mode with ``compare(paths) -> report dict`` and score it.
    A story whose comparison raises scores as nothing found, as in the reference scorer."""
    dirs = select_stories(folder, only)
    totals = {m: Tally() for m in modes}
    per_story: dict[str, dict[str, Tally]] = {}
    errors: list[str] = []
    t0 = time.perf_counter()
    for d in progress(dirs):
        try:
            gold = json.loads((d / "gold.json").read_text(encoding="utf-8"))
            if not isinstance(gold.get("items"), list):
                raise ValueError("no list of items")
        except (OSError, ValueError, AttributeError) as exc:  # one bad story, not the run
            errors.append(f"{d.name}: unreadable gold.json ({type(exc).__name__}: {exc})")
            continue
        per_story[d.name] = {}
        for m in modes:
            paths = [str(d / f"{n}.txt") for n in version_names(m) if (d / f"{n}.txt").exists()]
            try:
                report = compare(paths)
            except Exception as exc:  # scored as nothing found; the message is kept
                errors.append(f"{d.name} {m}: {type(exc).__name__}: {str(exc)[:200]}")
                report = {"documents": [], "findings": []}
            if save is not None:
                save.mkdir(parents=True, exist_ok=True)
                (save / f"{d.name}.{m}.json").write_text(json.dumps(report), encoding="utf-8")
            tally = score_story(report, gold, m)
            per_story[d.name][m] = tally
            totals[m].add(tally)
    return SpunResult(
        str(folder), list(per_story), time.perf_counter() - t0, errors, totals, per_story
    )


def format_spun(result: SpunResult) -> str:
    """The figures as plain text, the reference scorer's summary line last per mode."""
    lines = [
        f"spun: {len(result.stories)} stories, {len(result.errors)} errors, {result.seconds:.0f} s"
    ]
    lines += [f"  error: {e}" for e in result.errors]
    for m, t in result.totals.items():
        lines.append(f"mode {m} - recall by change type:")
        for ty, n in sorted(t.changed_by_type.items()):
            lines.append(
                f"  {ty:<26} {t.caught_by_type[ty]:>3}/{n:<3} = {t.caught_by_type[ty] / n:.2f}"
            )
        lines.append(f"mode {m} - precision by finding type:")
        for ty, fig in t.figures()["precision_by_finding_type"].items():
            n = fig["right"] + fig["wrong"]
            lines.append(f"  {ty:<26} {fig['right']:>3}/{n:<3} = {fig['right'] / n:.2f}")
    for m, t in result.totals.items():
        lines.append(
            f"spun mode {m}: precision {t.precision:.3f}, recall {t.recall:.3f}, F1 {t.f1:.3f}, "
            f"typed recall {t.typed / max(1, t.changed):.3f}, faithful units falsely flagged "
            f"{t.false_alarm_rate:.3f} ({t.caught}/{t.changed} changed, {t.tp}+{t.fp} findings)"
        )
    return "\n".join(lines)
