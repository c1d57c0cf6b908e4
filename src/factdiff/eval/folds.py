"""Document folds for cross-fitting: no row is judged by a model that saw its document."""

from __future__ import annotations

import hashlib

FOLDS = 2


def fold_of(source: str, folds: int = FOLDS) -> int:
    """The document's fold: a hash of its whitespace-normalised, lower-cased text, so the same
    article in two benchmarks (FRANK and SummaC share CNN/DM and XSum) lands in one fold."""
    key = " ".join(source.lower().split())[:4000]
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % folds
