#!/usr/bin/env python3
"""Render a saved JSON report (``factdiff ... --format json``, with document texts for the side
by side view) to HTML and take a headless-Chromium screenshot of it.

    python scripts/screenshot.py tests/report_fixtures/three_versions.json report.png

Needs Chromium (Debian: ``apt-get install -y chromium``). Writes the HTML next to the PNG.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from factdiff.report.html import render_html
from factdiff.report.json_report import report_from_dict

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium_args(browser: str, profile: str) -> list[str]:
    """Flags for a quiet, offline, throw-away headless run."""
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path, help="JSON report file (schema 1)")
    parser.add_argument("out", type=Path, help="PNG to write")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args(argv)

    browser = find_browser()
    if browser is None:
        print("chromium not found; install it with: apt-get install -y chromium", file=sys.stderr)
        return 2
    report = report_from_dict(json.loads(args.report.read_text(encoding="utf-8")))
    html_path = args.out.with_suffix(".html")
    html_path.write_text(render_html(report), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        cmd = chromium_args(browser, profile) + [
            f"--screenshot={args.out.resolve()}",
            f"--window-size={args.width},{args.height}",
            html_path.resolve().as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not args.out.exists():
        print(done.stderr[-2000:], file=sys.stderr)
        return 1
    print(f"wrote {args.out} and {html_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
