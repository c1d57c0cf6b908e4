"""Throughput of the shipped verifier against the architecture AlignScore-large uses
(RoBERTa-large, 355M parameters), on the same pairs, on this machine.

The RoBERTa-large stand-in is built from its configuration with random weights (speed does not
depend on the weights) and run the way AlignScore runs, in PyTorch float32; so this needs the
``[train]`` extra. RoBERTa differs from BERT in its embeddings only (no token-type use, offset
positions), which costs nothing measurable, so the BERT module of ``modeling`` is used.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

ROBERTA_LARGE = {
    "vocab_size": 50265,
    "hidden_size": 1024,
    "num_hidden_layers": 24,
    "num_attention_heads": 16,
    "intermediate_size": 4096,
    "max_position_embeddings": 514,
    "type_vocab_size": 1,
}


def verifier_throughput(
    verifier, premises: Sequence[str], hypotheses: Sequence[str], batch_size: int = 32
) -> float:
    """Pairs per second of ``verifier.score`` (one warm-up batch first)."""
    verifier.score(premises[:batch_size], hypotheses[:batch_size], batch_size=batch_size)
    start = time.perf_counter()
    verifier.score(premises, hypotheses, batch_size=batch_size)
    return len(premises) / (time.perf_counter() - start)


def roberta_large_throughput(
    tokenizer,
    premises: Sequence[str],
    hypotheses: Sequence[str],
    batch_size: int = 32,
    threads: int | None = None,
) -> tuple[float, int]:
    """Pairs per second of a random-weight RoBERTa-large cross-encoder in PyTorch float32 on
    the same pairs (tokenised with ``tokenizer`` so sequence lengths match); returns
    (pairs/s, parameter count)."""
    import torch

    from factdiff.training.modeling import BertConfig, CrossEncoder

    if threads is not None:
        torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = CrossEncoder(BertConfig(**ROBERTA_LARGE)).eval()
    params = sum(p.numel() for p in model.parameters())
    order = sorted(range(len(premises)), key=lambda i: len(premises[i]) + len(hypotheses[i]))

    def run(idx: list[int]) -> None:
        enc = tokenizer.encode_batch([(premises[i], hypotheses[i]) for i in idx])
        ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
        mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
        model(ids, mask, torch.zeros_like(ids))

    with torch.inference_mode():
        run(order[: min(4, len(order))])  # warm-up
        start = time.perf_counter()
        for lo in range(0, len(order), batch_size):
            run(order[lo : lo + batch_size])
        elapsed = time.perf_counter() - start
    return len(premises) / elapsed, params
