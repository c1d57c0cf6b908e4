"""Check that retraining the shipped verifier reproduces it, without a full 70-minute run.

Training is seeded end to end (data mix, perturbations, batch order, dropout masks), and every
checkpoint logs a sha256 of the weights; the export copies those fingerprints into the
model's manifest. This script retrains with the manifest's exact configuration for the first
``--steps`` steps (from a clean clone: needs the [train] extra and ../shared/data/nli) and
compares the fingerprints it logs with the shipped ones. Equal weights at step N mean the run
is the same run so far; run without ``--steps`` limit (``bash scripts/train_verifier.sh``) to
redo all of it.

    python scripts/check_training_reproduces.py --steps 80
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields
from pathlib import Path

from factdiff.training.train import TrainConfig, train
from factdiff.verify.onnx_verifier import MANIFEST, VERIFIER_DIR


def config_from_manifest(manifest: dict, out: Path, steps: int) -> TrainConfig:
    saved = manifest["train_config"]
    known = {f.name for f in fields(TrainConfig)}
    # Paths of the machine that trained it do not carry over: use this clone's defaults.
    kept = {k: v for k, v in saved.items() if k in known and k not in ("out", "data_dir")}
    kept["base_model"] = None
    return TrainConfig(out=out, **{**kept, "max_steps": steps, "time_budget_min": None})


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--steps", type=int, default=80)
    p.add_argument("--out", type=Path, default=Path("runs/reproduce"))
    a = p.parse_args(argv)
    manifest = json.loads((VERIFIER_DIR / MANIFEST).read_text(encoding="utf-8"))
    shipped = manifest.get("checkpoint_fingerprints") or {}
    if not shipped:
        print("the shipped manifest has no checkpoint fingerprints", file=sys.stderr)
        return 2
    cfg = config_from_manifest(manifest, a.out, a.steps)
    if (a.out / "checkpoint.pt").exists():
        print(f"{a.out} holds an earlier run; remove it first", file=sys.stderr)
        return 2
    train(cfg)
    logged = [
        json.loads(line)
        for line in (a.out / "log.jsonl").read_text(encoding="utf-8").splitlines()
        if '"checkpoint"' in line
    ]
    compared = [(e["step"], e["weights_sha256"]) for e in logged if str(e["step"]) in shipped]
    if not compared:
        print("no checkpoint step in common with the shipped run", file=sys.stderr)
        return 1
    same = True
    for step, digest in compared:
        ok = shipped[str(step)] == digest
        same &= ok
        print(f"step {step}: {'same weights' if ok else 'DIFFERENT weights'} ({digest[:16]})")
    print("reproduced" if same else "NOT reproduced")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
