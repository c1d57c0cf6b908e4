"""Loaded models for one run, made lazily and passed in — never global.

A command that needs no model (``--help``, ``eval`` of the baseline, rendering a saved
report) never pays for loading one: each model loads on first use, once per Resources. Which
models a run uses is a setting, and settings live in ``Options`` only: the pipeline asks
for the embedder or the verifier when its options say so. Resources knows where models are
(``verifier_dir``), not whether to use them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factdiff.models.embedder import Embedder


class Resources:
    """The models a pipeline run uses. Create one per process and reuse it across calls."""

    def __init__(self, verifier_dir: str | Path | None = None, cache_size: int = 64) -> None:
        self.verifier_dir = None if verifier_dir is None else Path(verifier_dir)
        # Per-document stage outputs (sentences, vectors, facts) are pure functions of the
        # document, so a run that sees the same source many times (an eval set, a service)
        # computes them once. Bounded, and private to this Resources.
        self.cache: OrderedDict[tuple, Any] = OrderedDict()
        self.cache_size = cache_size

    def cached(self, key: tuple, make: Callable[[], Any]) -> Any:
        """``make()`` once per key, for the last ``cache_size`` keys."""
        if key in self.cache:
            self.cache.move_to_end(key)
            return self.cache[key]
        value = make()
        self.cache[key] = value
        if len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)
        return value

    @cached_property
    def nlp(self) -> Any:
        from factdiff.models.spacy_model import load_nlp

        return load_nlp()

    @cached_property
    def splitter(self) -> Any:
        """The sentence splitter (spaCy's rule-based sentencizer; no model)."""
        from factdiff.segment import make_sentence_splitter

        return make_sentence_splitter()

    @cached_property
    def embedder(self) -> Embedder:
        from factdiff.models.embedder import load_embedder

        return load_embedder()

    @cached_property
    def calibration(self) -> Any | None:
        """The shipped finding calibration (``calibrate.py``), or None when none is shipped."""
        from factdiff.calibrate import load_calibration

        return load_calibration()

    @cached_property
    def verifier(self) -> Any | None:
        """The learned consistency verifier, or None when none is shipped (or in
        ``verifier_dir``)."""
        try:
            from factdiff.verify.onnx_verifier import load_verifier
        except ImportError:
            return None
        return load_verifier(self.verifier_dir)
