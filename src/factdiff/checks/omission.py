"""omission: a source sentence no copy carries. Severity info: a dropped detail is not a
changed fact (DESIGN.md); whether the drop reverses the story's meaning is not something a
rule can tell, so the rule never raises it above info."""

from __future__ import annotations

from factdiff.checks._common import doc_of, finding, quote, span_of
from factdiff.types import Finding, SentenceFacts, Span


def check_omitted(ref: SentenceFacts, copy_doc: str) -> Finding:
    """``copy_doc`` has no counterpart of ``ref``; the claim Span is empty (offset 0) in
    ``copy_doc`` because there are no words there to point at."""
    return finding(
        "omission",
        "info",
        0.8,
        Span(copy_doc, 0, 0, ""),
        [span_of(ref)],
        f"{copy_doc} leaves out this sentence of {doc_of(ref)}: '{quote(ref.sentence.text)}'.",
    )
