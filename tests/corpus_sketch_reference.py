"""The pure-Python sketch that corpus/sketch.py's compiled kernel replaced, kept as the
specification the kernel must equal bit for bit (tests/test_corpus_sketch.py): same words,
names, feature ids, counts and MinHash signature for any text."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from factdiff.corpus.sketch import BINS, FEATURES, MAX_CHARS, SHINGLE, Sketches

_PUNCT = bytes(c for c in range(33, 127) if not chr(c).isalnum())
_TO_SPACE = bytes.maketrans(_PUNCT, b" " * len(_PUNCT))
_WIDE_PUNCT = tuple(c.encode() for c in "’‘“”—–…«»")  # typographic, not ASCII
_END = b"\x01"  # stands for a sentence end (". ! ? :") in the marked copy
_MARK_ENDS = bytes.maketrans(_PUNCT, bytes(1 if chr(c) in ".!?:" else 32 for c in _PUNCT))
_NAME_START = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_MEMO: dict[bytes, int] = {}
_EMPTY = np.uint32(0xFFFFFFFF)
_BIN_SHIFT = np.uint64(32 - 6)


def tokens(text: str) -> tuple[list[bytes], list[bytes]]:
    """(words, names) of a text as lower-case UTF-8 bytes: words split at white space and
    ASCII punctuation; names are capitalised words not opening a sentence, and numbers of
    two to four digits, the who/where/when that tells two events of one topic apart.

    Bytes, not str: ``bytes.translate`` and ``split`` run in C, and this runs once per
    document of a crawl. Multi-byte letters pass through untouched."""
    raw = text[:MAX_CHARS].encode("utf-8", "replace")
    for mark in _WIDE_PUNCT:
        raw = raw.replace(mark, b" ")
    words = raw.translate(_TO_SPACE).lower().split()
    marked = raw.replace(b"\n", b" \x01 ").translate(_MARK_ENDS).split()  # a line ends too
    names = []
    for prev, word in zip([_END, *marked], marked, strict=False):
        if word[0] not in _NAME_START:
            continue
        bare = word.rstrip(_END)
        if word[0] >= 65:  # a capital: a name unless it opens a sentence ("I", "A": no)
            if not prev.endswith(_END) and len(bare) > 1:
                names.append(bare.lower())
        elif bare.isdigit() and 2 <= len(bare) <= 4:  # a year, a count
            names.append(bare)
    return words, names


def _ids(tokens: list[bytes]) -> list[int]:
    """Feature id of each token: crc32 into FEATURES. ``_MEMO`` only saves time (the ids are
    a pure function of the token), so it lives for the process and is bounded."""
    ids = list(map(_MEMO.get, tokens))
    if None in ids:
        for k, (token, f) in enumerate(zip(tokens, ids, strict=True)):
            if f is None:
                f = zlib.crc32(token) & (FEATURES - 1)
                if len(_MEMO) < 1_000_000:
                    _MEMO[token] = f
                ids[k] = f
    return ids


def _mix(h: np.ndarray, seed: int) -> np.ndarray:
    """A seeded 32-bit hash of 64-bit values (multiply-shift)."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 1 << 63, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 1 << 63, dtype=np.uint64)
    return (h * a + b) >> np.uint64(32)


def shingle_hashes(ids: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hash, document) of every run of SHINGLE consecutive words inside one document of a
    batch (``ends``: where each document's words end); a document shorter than SHINGLE
    words gives one shingle of all of them."""
    w = np.concatenate([ids.astype(np.uint64), np.zeros(SHINGLE, dtype=np.uint64)])
    n = len(ids)
    h = np.zeros(n, dtype=np.uint64)
    doc = np.repeat(np.arange(len(ends)), np.diff(np.concatenate([[0], ends])))
    end_of = ends[doc] if n else np.zeros(0, dtype=np.int64)
    pos = np.arange(n)
    for k in range(SHINGLE):  # polynomial hash of the window, wrapping mod 2**64
        inside = pos + k < end_of
        h = h * np.uint64(1_000_003) + np.where(inside, w[k : k + n], 0)
    starts = np.concatenate([[0], ends[:-1]]) if len(ends) else ends
    keep = (pos + SHINGLE <= end_of) | (pos == starts[doc]) if n else pos > 0
    return h[keep], doc[keep]


def signatures(hashes: np.ndarray, doc: np.ndarray, n_docs: int, seed: int) -> np.ndarray:
    """One-permutation MinHash, densified: (n_docs, BINS) uint32."""
    h = _mix(hashes, seed)
    flat = doc.astype(np.int64) * BINS + (h >> _BIN_SHIFT).astype(np.int64)
    sig = np.full(n_docs * BINS, _EMPTY, dtype=np.uint32)
    np.minimum.at(sig, flat, (h & np.uint64((1 << 26) - 1)).astype(np.uint32))
    sig = sig.reshape(n_docs, BINS)
    for row in np.flatnonzero((sig == _EMPTY).any(axis=1)):  # short texts: borrow a bin
        filled = np.flatnonzero(sig[row] != _EMPTY)
        if not len(filled):
            continue
        for b in np.flatnonzero(sig[row] == _EMPTY):
            donor = filled[np.searchsorted(filled, b) % len(filled)]
            sig[row, b] = sig[row, donor] ^ np.uint32((b - donor) % BINS << 26)
    return sig


def sketch_many(texts: Sequence[str], seed: int = 0) -> Sketches:
    """Sketches of a batch of texts (hashing, counting and MinHash are one numpy pass per
    batch)."""
    words: list[int] = []
    lengths: list[int] = []
    names: list[int] = []
    word_ends, name_ends = [], []
    for text in texts:
        ws, ns = tokens(text)
        words += _ids(ws)
        lengths += map(len, ws)
        word_ends.append(len(words))
        names += _ids([b"N:" + n for n in ns])
        name_ends.append(len(names))
    n = len(texts)
    ids = np.array(words, dtype=np.uint32)
    wends = np.array(word_ends, dtype=np.int64)
    hashes, doc = shingle_hashes(ids, wends)
    sig = signatures(hashes, doc, n, seed)
    # Features: words of three letters or more ("a", "of", "s" say nothing of the topic)
    # and the names, counted per document in one sort: key = document * FEATURES + feature.
    wdoc = np.repeat(np.arange(n), np.diff(np.concatenate([[0], wends])))
    long = np.array(lengths, dtype=np.int32) > 2
    ndoc = np.repeat(np.arange(n), np.diff(np.concatenate([[0], name_ends])).astype(np.int64))
    key = np.concatenate([wdoc[long], ndoc]).astype(np.int64) * FEATURES + np.concatenate(
        [ids[long], np.array(names, dtype=np.uint32)]
    )
    keys, counts = np.unique(key, return_counts=True)
    offsets = np.searchsorted(keys // FEATURES, np.arange(n + 1)).astype(np.int64)
    return Sketches(
        (keys % FEATURES).astype(np.uint32),
        np.minimum(counts, np.iinfo(np.uint16).max).astype(np.uint16),
        offsets,
        sig,
    )
