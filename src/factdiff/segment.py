"""Segment: paragraphs, then sentences, with exact character offsets into ``Document.text``.

Paragraphs and bullet items are found with plain line logic (a caption line without a full
stop is its own sentence). Sentences inside a paragraph come from spaCy's tokenizer (its
abbreviation exceptions: "Mr.", "U.S.", "Jan.", "3.5") and its rule-based ``sentencizer``,
plus a few repairs the sentencizer gets wrong ("No. 5", an opening quote left at the end of
the previous sentence, a sentence that "starts" in lower case). pySBD was tried first: its
quality is similar but it is quadratic in paragraph length and ~100x slower.

Everything is linear in the text length: a 50 MB text is cut into lines and paragraphs with
``str.find``, paragraphs without an inner sentence boundary skip spaCy altogether, and very
long paragraphs are cut into chunks before spaCy sees them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer

from factdiff.types import Document, Sentence

# Abbreviations spaCy's English tokenizer does not know; each becomes one token, so the
# sentencizer never sees its full stop.
EXTRA_ABBREVIATIONS: tuple[str, ...] = (
    "Col.", "Lt.", "Sgt.", "Capt.", "Cpl.", "Pvt.", "Cmdr.", "Maj.", "Brig.", "Supt.", "Insp.",
    "Det.", "Pres.", "Hon.", "Atty.", "Dept.", "Univ.", "Assn.", "Ave.", "Blvd.", "Hwy.",
    "Rd.", "Sr.", "Fig.", "Figs.", "Vol.", "Tues.", "Thur.", "Thurs.", "Ft.", "approx.",
    "Approx.", "Govt.", "Sept.",
)  # fmt: skip

# A sentence that ends with one of these and is followed by a digit continues: "No. 5".
_NUMBER_ABBREVIATIONS = frozenset(
    ("no", "nos", "nr", "art", "arts", "fig", "figs", "p", "pp", "vol", "ch", "sec", "para")
    + ("ref", "op", "cf", "tel", "ca", "c", "approx", "no.")
)

_EXTRA_PUNCT = ("...", "…")
_MAX_CHUNK = 100_000  # characters handed to spaCy at once
_TERMINAL = ".!?…:;\"'”’»)]"

_MAYBE_BOUNDARY = re.compile(r"[.!?…。！？][\"'”’»)\]]*\s+\S")
_CHUNK_CUT = re.compile(r"[.!?…][\"'”’»)\]]*\s+")
_BULLET = re.compile(r"[ \t]*(?:[-*•▪‣◦+]|\d{1,3}[.)])[ \t]+(?=\S)")
_INLINE_BULLET = re.compile(r"\s•\s")
_TRAILING_OPENERS = re.compile(r"\s+([\"'“‘«„(\[]+)\s*$")
_LAST_WORD = re.compile(r"([A-Za-z]+)\.$")
_TOKENISED_END = re.compile(r"\w\s[.!?]$")
# Sentences glued without a space ("on Wednesday.Latham emerged"), as scraped pages often have
# them: a word of two or more lower-case letters, the end mark, then a capitalised word.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z]{2}[.!?][\"”’])(?=[A-Z][a-z])")


def make_sentence_splitter() -> Language:
    """A blank English spaCy pipeline with a sentencizer (~0.3 s): build it once per run and
    pass it to ``segment_document``; it holds no trained model."""
    nlp = spacy.blank("en")
    for abbreviation in EXTRA_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    punct = sorted(set(Sentencizer.default_punct_chars) | set(_EXTRA_PUNCT))
    nlp.add_pipe("sentencizer", config={"punct_chars": punct})
    nlp.max_length = 2 * _MAX_CHUNK
    return nlp


# --------------------------------------------------------------------------- paragraphs


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    while pos <= end:
        cut = text.find("\n", pos, end)
        if cut < 0:
            cut = end
        spans.append((pos, cut))
        pos = cut + 1
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _continues(text: str, prev: tuple[int, int], line: tuple[int, int]) -> bool:
    """A soft line break: the line before has no final punctuation, this one starts in lower
    case ("...signed the\\norder on Tuesday")."""
    return text[prev[1] - 1] not in _TERMINAL and text[line[0]].islower()


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """A block of plain text wrapped at a fixed width (e-mail, wire copy): every line but the
    last has nearly the same length and many breaks fall inside a sentence."""
    if len(lines) < 3:
        return False
    lengths = [end - start for start, end in lines[:-1]]
    width = max(lengths)
    if width < 40 or width > 200 or min(lengths) < 0.6 * width:
        return False
    inside = sum(_continues(text, a, b) for a, b in zip(lines[:-1], lines[1:], strict=True))
    return inside >= 0.3 * (len(lines) - 1)


def _paragraphs(text: str) -> list[list[tuple[int, int, bool]]]:
    """Paragraphs as lists of (start, end, is_bullet) units; a bullet marker is left out."""
    paragraphs: list[list[tuple[int, int, bool]]] = []
    block: list[tuple[int, int]] = []

    def close_block() -> None:
        if not block:
            return
        wrapped = _hard_wrapped(text, block)
        current: list[tuple[int, int, bool]] = []
        for i, (start, end) in enumerate(block):
            bullet = _BULLET.match(text, start, end)
            if bullet:
                start = bullet.end()
            soft = (
                i > 0
                and not bullet
                and current
                and (wrapped or _continues(text, block[i - 1], (start, end)))
            )
            if soft:
                first, _, is_bullet = current[-1]
                current[-1] = (first, end, is_bullet)
                continue
            if current:
                paragraphs.append(current)
            current = [(start, end, bool(bullet))]
        if current:
            paragraphs.append(current)
        block.clear()

    for start, end in _line_spans(text, 0, len(text)):
        start, end = _strip(text, start, end)
        if start == end:
            close_block()
        else:
            block.append((start, end))
    close_block()
    return [_split_inline_bullets(text, units) for units in paragraphs]


def _split_inline_bullets(
    text: str, units: list[tuple[int, int, bool]]
) -> list[tuple[int, int, bool]]:
    """ "Politics • World • Sport": each item is a unit of its own."""
    out = []
    for start, end, bullet in units:
        pos = start
        for match in _INLINE_BULLET.finditer(text, start, end):
            out.append((pos, match.start(), bullet))
            pos = match.end()
        out.append((pos, end, bullet))
    return out


# --------------------------------------------------------------------------- sentences


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a very long unit at sentence-like boundaries so spaCy sees at most _MAX_CHUNK."""
    chunks = []
    while end - start > _MAX_CHUNK:
        limit = start + _MAX_CHUNK
        cut = None
        for match in _CHUNK_CUT.finditer(text, limit - _MAX_CHUNK // 10, limit):
            cut = match.end()
        if cut is None:
            space = text.rfind(" ", start + 1, limit)
            cut = space + 1 if space > start else limit
        chunks.append((start, cut))
        start = cut
    chunks.append((start, end))
    return chunks


def _ends_with_number_abbreviation(sentence: str) -> bool:
    match = _LAST_WORD.search(sentence)
    return bool(match) and match.group(1).lower() in _NUMBER_ABBREVIATIONS


def _repair(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fix what the sentencizer gets wrong, on absolute offsets."""
    spans = list(spans)
    for i in range(len(spans) - 1):
        start, end = spans[i]
        opener = _TRAILING_OPENERS.search(text, start, end)
        if opener and opener.start() > start:
            spans[i] = (start, opener.start())
            spans[i + 1] = (opener.start(1), spans[i + 1][1])
    # A lower-case start continues the sentence ("e.g. the ..."), except in text written all
    # in lower case or tokenised with a space before the full stop ("... on friday . the
    # 39-year-old ..."), as model summaries often are: there it is a new sentence.
    lowercased = bool(spans) and not any(c.isupper() for c in text[spans[0][0] : spans[-1][1]])
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = _strip(text, start, end)
        if start == end:
            continue
        first = text[start]
        if merged and (
            (first.islower() and not lowercased and not _TOKENISED_END.search(text, *merged[-1]))
            or first in ",;:)]}%.!?…"
            or (first.isdigit() and _ends_with_number_abbreviation(text[slice(*merged[-1])]))
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def segment_document(doc: Document, splitter: Language | None = None) -> tuple[Sentence, ...]:
    """Sentences of ``doc`` in order; ``doc.text[s.start:s.end] == s.text`` for each.

    Pass ``splitter`` (``make_sentence_splitter()``) when segmenting many documents.
    """
    text = doc.text
    paragraphs = _paragraphs(text)
    pending: list[tuple[int, int, int]] = []  # (unit start, chunk start, chunk end) for spaCy
    for units in paragraphs:
        for start, end, _ in units:
            if _MAYBE_BOUNDARY.search(text, start, end):
                pending.extend((start, a, b) for a, b in _chunks(text, start, end))
    split: dict[int, list[tuple[int, int]]] = {}  # unit start -> sentence spans
    if pending:
        nlp = splitter if splitter is not None else make_sentence_splitter()
        pieces = (text[a:b] for _, a, b in pending)
        for (unit, a, _b), parsed in zip(pending, nlp.pipe(pieces, batch_size=64), strict=True):
            spans = [(a + s.start_char, a + s.end_char) for s in parsed.sents]
            split.setdefault(unit, []).extend(spans)
    sentences: list[Sentence] = []
    for number, units in enumerate(paragraphs):
        for start, end, _ in units:
            found = split.get(start)
            spans = [(start, end)] if found is None else _repair(text, _clip(found, start, end))
            for s_start, s_end in _unglue(text, spans):
                s_start, s_end = _strip(text, s_start, s_end)
                if s_start < s_end:
                    sentences.append(
                        Sentence(
                            doc=doc.id,
                            index=len(sentences),
                            start=s_start,
                            end=s_end,
                            text=text[s_start:s_end],
                            paragraph=number,
                        )
                    )
    return tuple(sentences)


def _unglue(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split spans at sentence ends glued to the next sentence (see ``_GLUED``)."""
    out = []
    for start, end in spans:
        for m in _GLUED.finditer(text, start, end):
            if any(c.isalpha() for c in text[start : m.start()]):
                out.append((start, m.start()))
                start = m.start()
        out.append((start, end))
    return out


def _clip(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [(max(a, start), min(b, end)) for a, b in spans if min(b, end) > max(a, start)]


def segment_documents(
    docs: Iterable[Document], splitter: Language | None = None
) -> dict[str, tuple[Sentence, ...]]:
    """Sentences of every document, by document id, sharing one splitter."""
    nlp = splitter if splitter is not None else make_sentence_splitter()
    return {doc.id: segment_document(doc, nlp) for doc in docs}
