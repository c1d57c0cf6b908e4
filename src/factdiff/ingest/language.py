"""Which language a document is in, so the pipeline can warn about unsupported ones.

py3langid (a maintained fork of langid.py, model shipped inside the wheel, offline) names the
language. Its first call loads the model (~1.5 s, kept by py3langid itself); pass a
``LanguageIdentifier`` to control that. Very short texts carry too little signal for a
classifier, so they are judged by script and English function words instead.
"""

from __future__ import annotations

import re

import py3langid

_SAMPLE_CHARS = 2_000  # a page's language is plain in its first lines; the rest only costs time
_MIN_LETTERS = 200  # below this, py3langid is unreliable (headlines, captions)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_FUNCTION_WORDS_TEXT = (
    "a an the and or but of in on at to for from by with without about after before over "
    "under into than that this these those is are was were be been being has have had do does "
    "did will would can could may might must shall should not no it its he she they we you i "
    "his her their our your who which what when where said says"
)
_ENGLISH_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())


def _looks_english(sample: str) -> bool:
    words = _WORD.findall(sample.lower())
    if not words:
        return False
    hits = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    return hits / len(words) >= 0.2


_LETTERS = frozenset(b"abcdefghijklmnopqrstuvwxyz'")
_ONLY_LETTERS = bytes.maketrans(
    bytes(range(256)), bytes(c if c in _LETTERS else 32 for c in range(256))
)
_BYTE_WORD = re.compile(_WORD.pattern.encode())  # the same words, on bytes
_FUNCTION_BYTES = frozenset(w.encode() for w in _ENGLISH_FUNCTION_WORDS)


def _count_function_words(lowered: str) -> tuple[int, int]:
    """(words, English function words) as ``_WORD.findall`` counts them, on bytes: every
    document of a crawl passes here, and the regex over str was most of the reading time.
    Runs of [a-z'] split at anything else are the regex's words, except around an
    apostrophe, where the regex itself decides."""
    raw = lowered.encode("utf-8", "replace").translate(_ONLY_LETTERS)
    chunks = raw.split()
    words, hits = len(chunks), sum(map(_FUNCTION_BYTES.__contains__, chunks))
    at = raw.find(b"'")
    while at >= 0:
        start = raw.rfind(b" ", 0, at) + 1
        end = raw.find(b" ", at)
        end = len(raw) if end < 0 else end
        found = _BYTE_WORD.findall(raw, start, end)
        words += len(found) - 1  # the chunk, counted once above, is these words
        hits += sum(map(_FUNCTION_BYTES.__contains__, found))  # the chunk was no hit: it has '
        at = raw.find(b"'", end)
    return words, hits


def detect_language(
    text: str, identifier: py3langid.langid.LanguageIdentifier | None = None
) -> str:
    """ISO 639-1 code of the text's language ("en", "fr", ...), or "und" when unknown."""
    sample = text[:_SAMPLE_CHARS]
    words, hits = _count_function_words(sample[:1000].lower())
    if words >= 30 and hits >= 0.3 * words:
        return "en"  # plainly English (a third of its words are English function words)
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < _MIN_LETTERS:
        if not letters:
            return "und"
        ascii_share = sum(1 for c in letters if c.isascii()) / len(letters)
        # Too short to classify: Latin-script text with English function words (or a bare
        # headline in plain ASCII) is taken as English, anything else is left undetermined.
        if (ascii_share >= 0.9 and _looks_english(sample)) or (
            ascii_share >= 0.97 and len(_WORD.findall(sample)) < 6
        ):
            return "en"
        if len(letters) < 40:
            return "und"
    classify = identifier.classify if identifier is not None else py3langid.classify
    language, _score = classify(sample)
    return str(language) or "und"
