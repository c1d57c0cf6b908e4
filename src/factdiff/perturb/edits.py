"""One edit = one contiguous replacement in the source text, and the record it becomes.

Every operator returns candidate ``Edit``s; the engine picks some and applies each alone, so a
copy carries exactly one labelled change and its span in the rewrite is known exactly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` by ``new``. ``sent_start``/``sent_end`` bound the
    sentence(s) of the source the edit touches (for sentence-level training pairs)."""

    change_type: str
    start: int
    end: int
    new: str
    sent_start: int
    sent_end: int


@dataclass(frozen=True, slots=True)
class Perturbation:
    """A copy of ``source`` with one labelled change (label 0) or a faithful control (label 1).

    ``span_start``/``span_end`` locate the changed words in ``rewrite``; ``original_span`` is
    what stood there in ``source``. ``sentence_start``/``sentence_end`` bound the changed
    sentence(s) in ``rewrite``, ``source_sentence_start``/``source_sentence_end`` in source.
    """

    source: str
    rewrite: str
    label: int
    change_type: str
    span_start: int
    span_end: int
    original_span: str
    sentence_start: int
    sentence_end: int
    source_sentence_start: int
    source_sentence_end: int

    @property
    def span(self) -> str:
        return self.rewrite[self.span_start : self.span_end]

    @property
    def source_sentence(self) -> str:
        return self.source[self.source_sentence_start : self.source_sentence_end]

    @property
    def rewrite_sentence(self) -> str:
        return self.rewrite[self.sentence_start : self.sentence_end]

    def to_dict(self) -> dict:
        return asdict(self)


def apply_edit(text: str, edit: Edit, label: int) -> Perturbation:
    """Apply one edit to ``text`` and record where the change sits in the result."""
    rewrite = text[: edit.start] + edit.new + text[edit.end :]
    delta = len(edit.new) - (edit.end - edit.start)
    return Perturbation(
        source=text,
        rewrite=rewrite,
        label=label,
        change_type=edit.change_type,
        span_start=edit.start,
        span_end=edit.start + len(edit.new),
        original_span=text[edit.start : edit.end],
        sentence_start=edit.sent_start,
        sentence_end=edit.sent_end + delta,
        source_sentence_start=edit.sent_start,
        source_sentence_end=edit.sent_end,
    )


def match_case(template: str, word: str) -> str:
    """Give ``word`` the capitalisation of ``template`` (first letter, or all caps)."""
    if not template or not word:
        return word
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[0].isupper():
        return word[0].upper() + word[1:]
    return word
