"""The shipped consistency verifier at run time: ONNX Runtime + ``tokenizers``, no PyTorch.

``models/verifier/`` holds ``model.onnx`` (int8), ``tokenizer.json`` and ``manifest.json``
(sha256 of both files, the training data mix, the validation figures and the command that
made them). Each file is checked against its sha256 when loaded, so a corrupt or swapped
model fails loudly instead of silently giving other scores.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from factdiff.errors import ModelError
from factdiff.models.hashes import verify_file
from factdiff.models.onnx import cpu_session

VERIFIER_DIR = Path(__file__).resolve().parents[1] / "models" / "verifier"
MANIFEST = "manifest.json"
REINSTALL = "pip install --force-reinstall factdiff"


class Verifier:
    """Scores (premise, hypothesis) pairs: P(the hypothesis is supported by the premise)."""

    def __init__(self, session, tokenizer, manifest: dict) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.manifest = manifest
        self._input_names = {i.name for i in session.get_inputs()}

    def score(
        self, premises: Sequence[str], hypotheses: Sequence[str], batch_size: int = 32
    ) -> np.ndarray:
        """P(consistent) per pair, float32, in input order. Pairs are batched by length so a
        batch pads little; the premise is truncated first when a pair is too long."""
        if len(premises) != len(hypotheses):
            raise ValueError(
                f"premises and hypotheses must have the same length "
                f"({len(premises)} != {len(hypotheses)})"
            )
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        out = np.zeros(len(premises), dtype=np.float32)
        order = sorted(range(len(premises)), key=lambda i: len(premises[i]) + len(hypotheses[i]))
        for lo in range(0, len(order), batch_size):
            idx = order[lo : lo + batch_size]
            out[idx] = self._score_batch([(premises[i], hypotheses[i]) for i in idx])
        return out

    def _score_batch(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        enc = self.tokenizer.encode_batch(pairs)
        feeds = {
            "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
        }
        feeds = {k: v for k, v in feeds.items() if k in self._input_names}
        logits = self.session.run(None, feeds)[0].reshape(-1).astype(np.float64)
        return (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)


def read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(
            "model_corrupt",
            f"verifier manifest {folder / MANIFEST} is unreadable ({exc}); reinstall with "
            f"{REINSTALL}",
        ) from exc


def load_verifier(folder: Path | None = None, threads: int | None = None) -> Verifier | None:
    """The shipped verifier, or None when this install carries none (no manifest).

    Raises ModelError when the manifest names a file that is missing, corrupt (sha256
    mismatch) or that ONNX Runtime cannot load.
    """
    from tokenizers import Tokenizer

    if threads is not None and threads < 1:
        raise ValueError("threads must be >= 1 or None")
    folder = VERIFIER_DIR if folder is None else Path(folder)
    if not (folder / MANIFEST).is_file():
        return None
    manifest = read_manifest(folder)
    files = manifest.get("files", {})
    for name in ("model.onnx", "tokenizer.json"):
        if name not in files or "sha256" not in files[name]:
            raise ModelError(
                "model_corrupt",
                f"verifier manifest has no sha256 for {name}; reinstall with {REINSTALL}",
            )
        verify_file(folder / name, files[name]["sha256"], f"verifier/{name}", REINSTALL)

    try:
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    except Exception as exc:  # tokenizers raises a bare Exception on bad JSON
        raise ModelError(
            "model_unloadable", f"verifier tokenizer could not be loaded: {exc}"
        ) from exc
    tokenizer.enable_truncation(
        max_length=int(manifest.get("max_length", 256)), strategy="longest_first"
    )
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    session = cpu_session(folder / "model.onnx", "verifier model", threads)
    return Verifier(session, tokenizer, manifest)
