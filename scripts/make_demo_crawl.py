#!/usr/bin/env python3
"""Write a small made-up crawl for trying ``factdiff scan`` (and for the README picture):
the bundled harbour-fire story as three pages of three sites, with fetch dates, plus
generated news-like articles (factdiff.corpus.synthetic) of which some were copied or spun
by other sites, and a content-farm page nobody copied that quotes a caption and then its
spun rewrite (checked alone), as one JSONL file; and an empty file and a cut-off WARC to
show how bad inputs are reported.

    python scripts/make_demo_crawl.py demo-crawl && factdiff scan demo-crawl -o scan-out
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from factdiff.corpus.synthetic import story
from factdiff.ingest import read_inputs
from factdiff.options import Options

# Made up: a caption quoted word for word, then a spinner's rewrite of it with the number
# changed, as content farms publish them.
FARM_PAGE = (
    "Pictured: the lifeboat crew from Selwick pulled eleven fishermen from the sea after "
    "their trawler sank in a storm on Sunday.\n\n"
    "The lifeboat crew from Selwick pulled fifteen fishermen from the sea after their trawler "
    "went down in a storm on Sunday.\n\n"
    "Local people gathered on the quay to welcome the rescued men home."
)
SITES = ("dailywire.example", "newsfarm.example", "buzzcopy.example", "localpost.example")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--stories", type=int, default=30)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    example = Path(__file__).resolve().parent.parent / "examples" / "harbour-fire"
    docs, _ = read_inputs(
        [str(example / n) for n in ("original.html", "copy1.txt", "copy2.md")], Options()
    )
    rows = []
    for doc, site, day in zip(docs, ("portmerrow-gazette.example", *SITES[1:3]), (1, 2, 2),
                              strict=True):  # fmt: skip
        rows.append({"id": f"https://{site}/harbour-fire", "url": f"https://{site}/harbour-fire",
                     "date": f"2024-03-{day:02d}T08:00:00Z", "title": doc.title,
                     "text": doc.text})  # fmt: skip
    for i in range(a.stories):
        for k, d in enumerate(story(i, seed=11)):
            site = SITES[(i + k) % len(SITES)]
            rows.append({"id": f"https://{site}/{d.id}", "url": f"https://{site}/{d.id}",
                         "date": f"2024-03-{1 + k + i % 5:02d}", "title": d.text[:60],
                         "text": d.text})  # fmt: skip
    rows.append({"id": "https://newsfarm.example/rescue-gallery",
                 "url": "https://newsfarm.example/rescue-gallery", "date": "2024-03-04",
                 "title": "Rescue in pictures", "text": FARM_PAGE})  # fmt: skip
    with (a.out / "crawl.jsonl").open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    (a.out / "empty.html").write_text("")
    (a.out / "cut.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 64)
    print(f"wrote {len(rows)} documents and two bad files to {a.out}")


if __name__ == "__main__":
    main()
