#!/usr/bin/env bash
# Set everything up, then compare the three versions of the bundled example story.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
EX=examples/harbour-fire
.venv/bin/factdiff compare "$EX/original.html" "$EX/copy1.txt" "$EX/copy2.md"
.venv/bin/factdiff compare "$EX/original.html" "$EX/copy1.txt" "$EX/copy2.md" \
  --format html -o report.html --quiet
