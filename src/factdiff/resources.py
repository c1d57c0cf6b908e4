"""Loaded models for one run, made lazily and passed in — never global.

A command that needs no model (``--help``, ``eval`` of the baseline, rendering a saved
report) never pays for loading one: each model loads on first use, once per Resources.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from factdiff.options import Options

if TYPE_CHECKING:
    from factdiff.models.embedder import Embedder


class Resources:
    """The models a pipeline run uses. Create one per process and reuse it across calls."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()

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
    def embedder(self) -> Embedder | None:
        if not self.options.use_embeddings:
            return None
        from factdiff.models.embedder import load_embedder

        return load_embedder()

    @cached_property
    def verifier(self) -> Any | None:
        """The learned consistency verifier, or None when it is disabled or not shipped."""
        if not self.options.use_model:
            return None
        try:
            from factdiff.verify.onnx_verifier import load_verifier
        except ImportError:
            return None
        return load_verifier()
