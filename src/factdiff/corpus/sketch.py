"""Sketch stage: a document's text → a small record of numbers (its words, its names and a
MinHash signature), computed once per document and streamed, so the text can be dropped.

Everything here is a pure function of the text and the seed: the same document gives the
same sketch on any worker, process or machine (crc32, never Python's salted ``hash()``),
which is what lets the local and Ray engines give identical groups.

What a sketch holds:

* words: split at white space and ASCII punctuation (typographic quotes, dashes, ellipses
  and guillemets count as punctuation), ASCII lower-cased, crc32 into ``FEATURES`` ids;
  words of three letters or more are features ("a", "of" say nothing of the topic);
* names: capitalised words not opening a sentence (after ". ! ? :" or a line end) and
  numbers of two to four digits, the who/where/when that tells two events of one topic
  apart; their own features ("N:" + the word);
* a one-permutation MinHash (Li, Owen and Zhang 2012, with densification) of word
  ``SHINGLE``-grams: one hash per shingle, split into ``BINS`` bins by its top bits, the
  minimum kept per bin. Two documents agree on a bin with probability close to the Jaccard
  similarity of their shingle sets, as with 64 independent permutations, at 1/64 of the
  hashing cost.

The work is one compiled loop (numba) over the UTF-8 bytes of a whole batch, several times
faster than the same steps in Python (``bytes.translate``, ``split``, a dict of crc32s).
The Python version is kept as the specification, ``tests/corpus_sketch_reference.py``, and
the kernel must equal it bit for bit (``tests/test_corpus_sketch.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numba import njit

FEATURES = 1 << 20  # hashed vocabulary: words and names share one space
BINS = 64  # MinHash signature length (16 bands of 4 rows: Jaccard ~0.5 collides)
SHINGLE = 5  # words per shingle: a verbatim or lightly edited copy shares most of them
MAX_CHARS = 40_000  # a longer page is sketched from its beginning (memory stays flat)
assert BINS == 64 and FEATURES == 1 << 20  # the kernel's bit arithmetic assumes both


@dataclass(frozen=True, slots=True)
class Sketch:
    """What grouping needs of one document: hashed feature ids with their counts (words;
    names are their own features, "N:" + the word) and a MinHash signature of its word
    shingles."""

    features: np.ndarray  # uint32, sorted, unique
    counts: np.ndarray  # uint16, same length
    signature: np.ndarray  # uint32 (BINS,)


@dataclass(frozen=True, slots=True)
class Sketches:
    """The sketches of many documents, packed into four arrays (a million documents are a
    few arrays, not three million small ones): document i's features are
    ``features[offsets[i]:offsets[i + 1]]``."""

    features: np.ndarray  # uint32
    counts: np.ndarray  # uint16
    offsets: np.ndarray  # int64, one more than there are documents
    signatures: np.ndarray  # uint32 (documents, BINS)

    def __len__(self) -> int:
        return len(self.signatures)

    def __getitem__(self, i: int) -> Sketch:
        lo, hi = self.offsets[i], self.offsets[i + 1]
        return Sketch(self.features[lo:hi], self.counts[lo:hi], self.signatures[i])

    @staticmethod
    def join(parts: Sequence[Sketches]) -> Sketches:
        parts = [p for p in parts if len(p)] or [empty()]
        sizes = np.concatenate([[0], *(np.diff(p.offsets) for p in parts)])
        return Sketches(
            np.concatenate([p.features for p in parts]),
            np.concatenate([p.counts for p in parts]),
            np.cumsum(sizes).astype(np.int64),
            np.concatenate([p.signatures for p in parts]),
        )


def empty() -> Sketches:
    return Sketches(
        np.zeros(0, np.uint32), np.zeros(0, np.uint16), np.zeros(1, np.int64),
        np.zeros((0, BINS), np.uint32),
    )  # fmt: skip


def _crc_table() -> np.ndarray:
    """zlib's crc32 table (reflected 0xEDB88320), as int64 so numba never mixes signed and
    unsigned integers."""
    table = []
    for byte in range(256):
        c = byte
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    return np.array(table, dtype=np.int64)


def _byte_class(members) -> np.ndarray:
    out = np.zeros(256, np.bool_)
    out[list(members)] = True
    return out


_CRC = _crc_table()
_SPACE = _byte_class(b" \t\n\r\x0b\x0c")  # what bytes.split() splits at
_PUNCT = _byte_class(c for c in range(33, 127) if not chr(c).isalnum())  # ASCII punctuation
_ENDS = _byte_class(b".!?:\x01")  # a sentence ends after these (\x01: the old end marker)
_NEWLINE = 10
_NOT_SEEN = np.uint32(0xFFFFFFFF)


def _mix_params(seed: int) -> tuple[np.uint64, np.uint64]:
    """The seeded multiply-shift hash of shingle values: odd multiplier, offset."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 1 << 63, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 1 << 63, dtype=np.uint64)
    return np.uint64(a), np.uint64(b)


@njit(cache=True, nogil=True)
def _crc(crc, byte):
    return (crc >> 8) ^ _CRC[(crc ^ byte) & 255]


@njit(cache=True, nogil=True)
def _plain(buf, lo, hi, out):
    """Copy buf[lo:hi] to out with typographic punctuation (’ ‘ “ ” — – … « ») as one space
    each; the length written. UTF-8 is self-synchronising, so a match is a whole char."""
    m = 0
    i = lo
    while i < hi:
        c = buf[i]
        if c == 0xE2 and i + 2 < hi and buf[i + 1] == 0x80:
            c2 = buf[i + 2]
            if c2 in (0x98, 0x99, 0x9C, 0x9D, 0x93, 0x94, 0xA6):
                out[m] = 32
                m += 1
                i += 3
                continue
        if c == 0xC2 and i + 1 < hi and (buf[i + 1] == 0xAB or buf[i + 1] == 0xBB):
            out[m] = 32
            m += 1
            i += 2
            continue
        out[m] = c
        m += 1
        i += 1
    return m


@njit(cache=True, nogil=True)
def _words(text, m, word_ids, features):
    """Words split at white space and ASCII punctuation, ASCII lower-cased, crc32 ids into
    word_ids; those of three bytes or more also into features. (words, features) written."""
    nw = 0
    nf = 0
    i = 0
    while i < m:
        if _SPACE[text[i]] or _PUNCT[text[i]]:
            i += 1
            continue
        crc = np.int64(0xFFFFFFFF)
        start = i
        while i < m and not (_SPACE[text[i]] or _PUNCT[text[i]]):
            c = np.int64(text[i])
            crc = _crc(crc, c + 32 if 65 <= c <= 90 else c)
            i += 1
        word = (crc ^ 0xFFFFFFFF) & (FEATURES - 1)
        word_ids[nw] = word
        nw += 1
        if i - start > 2:
            features[nf] = word
            nf += 1
    return nw, nf


@njit(cache=True, nogil=True)
def _names(text, m, features, nf):
    """Append the names' feature ids ("N:" + the word) to features; the new count.

    Tokens split at white space and punctuation other than ". ! ? :", which end a sentence
    and stay inside the token; a line end is a sentence end of its own. A name is a token
    starting with a capital, not opening a sentence, longer than one letter; or two to four
    digits, wherever they stand."""
    prefix = _crc(_crc(np.int64(0xFFFFFFFF), 78), 58)  # "N:"
    after_end = True
    i = 0
    while i < m:
        c = text[i]
        if c == _NEWLINE:
            after_end = True
            i += 1
            continue
        if _SPACE[c] or (_PUNCT[c] and not _ENDS[c]):
            i += 1
            continue
        start = i
        while i < m:
            c = text[i]
            if c == _NEWLINE or _SPACE[c] or (_PUNCT[c] and not _ENDS[c]):
                break
            i += 1
        bare = i  # the token without its trailing sentence ends
        while bare > start and _ENDS[text[bare - 1]]:
            bare -= 1
        first = text[start]
        if 65 <= first <= 90:
            if not after_end and bare - start > 1:
                crc = prefix
                for k in range(start, bare):
                    c = np.int64(text[k])
                    crc = _crc(crc, 1 if _ENDS[c] else (c + 32 if 65 <= c <= 90 else c))
                features[nf] = (crc ^ 0xFFFFFFFF) & (FEATURES - 1)
                nf += 1
        elif 48 <= first <= 57 and 2 <= bare - start <= 4:
            digits = True
            for k in range(start, bare):
                digits = digits and 48 <= text[k] <= 57
            if digits:
                crc = prefix
                for k in range(start, bare):
                    crc = _crc(crc, text[k])
                features[nf] = (crc ^ 0xFFFFFFFF) & (FEATURES - 1)
                nf += 1
        after_end = bare < i
    return nf


@njit(cache=True, nogil=True)
def _minhash(word_ids, nw, mix_a, mix_b, row):
    """One-permutation MinHash of the word SHINGLE-grams into row (BINS,), densified: an
    empty bin borrows the next filled bin, cyclically, marked by the distance. A text
    shorter than a shingle is one shingle of all its words."""
    if nw == 0:
        return
    for p in range(max(1, nw - SHINGLE + 1)):
        h = np.uint64(0)
        for k in range(SHINGLE):  # polynomial hash of the window, wrapping mod 2**64
            v = np.uint64(word_ids[p + k]) if p + k < nw else np.uint64(0)
            h = h * np.uint64(1_000_003) + v
        x = (h * mix_a + mix_b) >> np.uint64(32)
        b = np.int64(x >> np.uint64(26))  # top 6 of 32 bits: the bin
        value = np.uint32(x & np.uint64((1 << 26) - 1))
        if value < row[b]:
            row[b] = value
    filled = row != _NOT_SEEN
    if 0 < filled.sum() < BINS:
        for b in range(BINS):
            if not filled[b]:
                donor = (b + 1) % BINS
                while not filled[donor]:
                    donor = (donor + 1) % BINS
                row[b] = row[donor] ^ np.uint32(((b - donor) % BINS) << 26)


@njit(cache=True, nogil=True)
def _count(features, nf, spare, feats, counts, out):
    """Sort features[:nf] (an LSD radix sort of two 10-bit digits, FEATURES being 2**20)
    and append each distinct id with its count to feats/counts at out; the new out."""
    if nf == 0:
        return out
    if nf < 96:
        ordered = np.sort(features[:nf])
    else:
        src, dst = features, spare
        hist = np.zeros(1025, dtype=np.int64)
        for shift in (0, 10):
            hist[:] = 0
            for k in range(nf):
                hist[((src[k] >> shift) & 1023) + 1] += 1
            for k in range(1024):
                hist[k + 1] += hist[k]
            for k in range(nf):
                digit = (src[k] >> shift) & 1023
                dst[hist[digit]] = src[k]
                hist[digit] += 1
            src, dst = dst, src
        ordered = src[:nf]
    prev = ordered[0]
    run = 1
    for k in range(1, nf + 1):
        if k < nf and ordered[k] == prev:
            run += 1
            continue
        feats[out] = prev
        counts[out] = min(run, 65535)
        out += 1
        if k < nf:
            prev = ordered[k]
            run = 1
    return out


@njit(cache=True, nogil=True)
def _kernel(buf, offs, mix_a, mix_b):
    """Sketches of the documents buf[offs[d]:offs[d + 1]]: (features, counts, offsets,
    signatures), the arrays of Sketches."""
    n = len(offs) - 1
    longest = 0
    for d in range(n):
        longest = max(longest, offs[d + 1] - offs[d])
    signatures = np.full((n, BINS), _NOT_SEEN, dtype=np.uint32)
    feats = np.empty(len(buf) + n + 16, dtype=np.uint32)
    counts = np.empty(len(buf) + n + 16, dtype=np.uint16)
    offsets = np.zeros(n + 1, dtype=np.int64)
    text = np.empty(longest + 1, dtype=np.uint8)
    word_ids = np.empty(longest + 1, dtype=np.int64)
    features = np.empty(2 * longest + 2, dtype=np.int64)
    spare = np.empty(2 * longest + 2, dtype=np.int64)
    out = 0
    for d in range(n):
        m = _plain(buf, offs[d], offs[d + 1], text)
        nw, nf = _words(text, m, word_ids, features)
        nf = _names(text, m, features, nf)
        _minhash(word_ids, nw, mix_a, mix_b, signatures[d])
        out = _count(features, nf, spare, feats, counts, out)
        offsets[d + 1] = out
    return feats[:out].copy(), counts[:out].copy(), offsets, signatures


def sketch_many(texts: Sequence[str], seed: int = 0) -> Sketches:
    """Sketches of a batch of texts (see the module docstring)."""
    raws = [t[:MAX_CHARS].encode("utf-8", "replace") for t in texts]
    offs = np.zeros(len(raws) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, raws), np.int64, len(raws)), out=offs[1:])
    buf = np.frombuffer(b"".join(raws), dtype=np.uint8)
    return Sketches(*_kernel(buf, offs, *_mix_params(seed)))
