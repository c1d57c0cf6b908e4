"""Text clean-up at ingest, and a same-length normalisation for matching.

Two different jobs. ``clean_text`` runs once, BEFORE a Document exists, so it may change the
length (NFC, line endings): every offset later refers to its output. ``normalize_for_matching``
runs on a Document's text afterwards and must keep every offset valid, so it maps each
character to exactly one character.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that are removed at ingest: invisible, and they split words for every matcher.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))

# Line breaks other than "\n" (after "\r\n" has been folded): one char each → "\n".
_LINE_BREAKS = {ord(c): "\n" for c in "\r\x0b\x0c\x85\u2028\u2029"}


# Any of the characters the two tables above change (the common text has none).
_TO_CLEAN = re.compile("[" + "".join(map(chr, (*_LINE_BREAKS, *_INVISIBLE))) + "]")
_ASCII_TO_CLEAN = tuple(chr(c) for c in (*_LINE_BREAKS, *_INVISIBLE) if c < 128)


def clean_text(text: str) -> str:
    """The text a Document keeps: NFC, "\\n" line endings, no invisible characters."""
    # str.translate is slow: skip it when it would change nothing (most text).
    if text.isascii() and not any(c in text for c in _ASCII_TO_CLEAN):
        return text
    if _TO_CLEAN.search(text) is None:
        return unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS).translate(_INVISIBLE)
    return unicodedata.normalize("NFC", text)


def _matching_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for chars, target in (
        ("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u0060\u00b4\uff07", "'"),
        ("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u2039\u203a\uff02", '"'),
        ("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d", "-"),
        ("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009", " "),
        ("\u200a\u202f\u205f\u3000\t", " "),
        ("\u2022\u2023\u25e6\u2043\u2219\u00b7", "*"),
        ("\u2044\u2215", "/"),
        ("\u066b\uff0e", "."),
        ("\u066c\uff0c", ","),
    ):
        table.update({ord(c): target for c in chars})
    # Full-width ASCII (U+FF01..U+FF5E) → ASCII, one char each.
    table.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F) if cp not in table})
    return table


_MATCHING = _matching_table()


def normalize_for_matching(text: str) -> str:
    """Fold typographic variants (curly quotes, dashes, odd spaces, full-width forms) to ASCII.

    The result has exactly ``len(text)`` characters, so an offset found in it is an offset in
    ``text``. Case is kept: note that ``str.lower()`` can change the length (e.g. "İ"), so
    callers who lower-case must do it per character if they need offsets.
    """
    return text.translate(_MATCHING)
