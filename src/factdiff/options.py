"""One options object for a whole run, built once by the CLI or the API and passed down.

Borrowed from trafilatura's ``Extractor``: no stage takes a long list of keyword arguments,
and no stage reads global state.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_INPUT_BYTES = 10 * 1024 * 1024  # per input; a news story is ~10-100 kB


@dataclass(frozen=True, slots=True)
class Options:
    reference: int | str | None = 0  # index or id of the reference version; None = consensus
    use_embeddings: bool = True  # sentence embeddings for paraphrase alignment
    use_model: bool = True  # learned verifier, when one is installed
    verifier_dir: str | None = None  # a verifier folder other than the shipped one (eval)
    within_document: bool = True  # align sentences of a document with each other too
    omissions: bool = True  # report reference sentences no copy carries (severity info)
    max_input_bytes: int = MAX_INPUT_BYTES
    fetch_timeout: float = 20.0
