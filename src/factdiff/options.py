"""One options object for a whole run, built once by the CLI or the API and passed down.

Borrowed from trafilatura's ``Extractor``: no stage takes a long list of keyword arguments,
and no stage reads global state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_INPUT_BYTES = 10 * 1024 * 1024  # per input; a news story is ~10-100 kB


@dataclass(frozen=True, slots=True)
class Tuning:
    """The thresholds that decide which sentence is judged against which (checks/documents.py),
    in one place. Chosen on spun dev-01..16 and SummEdits; change them only with the figures
    of ``factdiff eval`` beside the change."""

    # A copy this much shorter than its reference is a summary: it omits by design, and its
    # unaligned sentences are judged against their nearest source sentences.
    summary_ratio: float = 0.5
    # Below this similarity a sentence's nearest source sentences are no evidence.
    evidence_floor: float = 0.3
    evidence_k: int = 3
    # Inside one page, a rewrite follows its original this closely ...
    within_paragraphs: int = 1
    within_sentences: int = 3
    # ... and changes at most this many facts (more: two statements, not one restated).
    max_within_changes: int = 1


@dataclass(frozen=True, slots=True)
class RecordFields:
    """Which JSON/JSONL fields hold a record's id, text, URL and date (corpus flags
    ``--id-field`` etc.). The text falls back to the usual names when ``text`` is absent."""

    id: str = "id"
    text: str = "text"
    url: str = "url"
    date: str = "date"


@dataclass(frozen=True, slots=True)
class Options:
    reference: int | str | None = 0  # index or id of the reference version; None = consensus
    use_embeddings: bool = True  # sentence embeddings for paraphrase alignment
    use_model: bool = True  # learned verifier, when one is installed
    within_document: bool = True  # align sentences of a document with each other too
    omissions: bool = True  # report reference sentences no copy carries (severity info)
    max_input_bytes: int = MAX_INPUT_BYTES
    fetch_timeout: float = 20.0
    tuning: Tuning = field(default_factory=Tuning)
    fields: RecordFields = field(default_factory=RecordFields)
