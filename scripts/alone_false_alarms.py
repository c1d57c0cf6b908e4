#!/usr/bin/env python3
"""False alarms on real news read alone: every distinct article of FRANK (CNN/DM and BBC
news) compared with nothing else, as `factdiff compare page.html` does. A news article does
not spin its own sentences, so every counted finding is a false alarm (a benchmark script,
not a test; held-out text: no rule was written against these articles).

    python scripts/alone_false_alarms.py ../shared/data/frank/frank_valid.jsonl [-v]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from factdiff.options import Options
from factdiff.pipeline import run
from factdiff.resources import Resources
from factdiff.types import MIN_CONFIDENCE as MIN
from factdiff.types import Document


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("frank", type=Path, help="FRANK JSONL (a field 'article' per row)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each false alarm")
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.frank.read_text(encoding="utf-8").splitlines()]
    articles = sorted({r["article"] for r in rows if r.get("article")})
    resources, types, pages = Resources(), Counter(), 0
    for k, text in enumerate(articles):
        report = run([Document(f"a{k}", text)], Options(), resources)
        # What Report.changed_facts() counts for a page alone, written out so the script
        # also measures older commits, whose changed_facts never counted the reference.
        counted = [f for f in report.findings if f.severity != "info" and f.confidence >= MIN]
        pages += bool(counted)
        for f in counted:
            types[f.type] += 1
            if args.verbose:
                print(f"a{k} {f.type}: {f.explanation}")
    print(f"{len(articles)} articles compared alone: {sum(types.values())} counted findings "
          f"(all false alarms) on {pages} articles; by type: {dict(types)}")  # fmt: skip


if __name__ == "__main__":
    main()
