#!/usr/bin/env bash
# The stage-2 experiment (not shipped): fine-tune the stage-1 verifier on sentence pairs from
# the summary dev sets (SummEdits, FRANK, SummaC; training/summary_data.py), cross-fitted by
# document so it can be measured honestly. Needs a finished stage-1 run
# (bash scripts/train_verifier.sh) and ../shared/data. About 45 min per fold model on 2 cores.
# Figures: the "done" line of each runs/*/log.jsonl ("summaries" = the held-out fold's pairs).
# Then: factdiff eval summedits ../shared/data/summedits/summedits_dev.jsonl \
#         --fold-models runs/stage2-fold0/export --fold-models runs/stage2-fold1/export
set -euo pipefail
cd "$(dirname "$0")/.."
STAGE1="${1:-runs/verifier-v3}"
stage2() {  # stage2 OUT FOLD [more train options]
    local out="$1" fold="$2"; shift 2
    python -m factdiff.training.train --out "$out" --pooling mean --balance --epochs 2 \
        --lr 5e-5 --warmup-ratio 0.1 --init-from "$STAGE1/model_final.pt" \
        --summaries ../shared/data --exclude-fold "$fold" "$@"
}
for k in 0 1; do
    # Zero steps: the stage-1 model's figures on the same held-out pairs (the "before").
    stage2 "runs/stage2-before-fold$k" "$k" --max-steps 0
    stage2 "runs/stage2-fold$k" "$k"
    python -m factdiff.training.export --run "runs/stage2-fold$k" --dest "runs/stage2-fold$k/export"
done
