"""The compiled sketch kernel equals its Python specification (corpus_sketch_reference.py)
bit for bit: same feature ids, counts, offsets and MinHash signatures, on made-up texts full
of what tokenising gets wrong (typographic punctuation, accents, other scripts, emoji, line
ends, control bytes, abbreviations, numbers, empty and very long texts)."""

from __future__ import annotations

import random

import numpy as np
import pytest

import corpus_sketch_reference as reference
from factdiff.corpus.sketch import MAX_CHARS, sketch_many

BASE = [
    "Fire destroyed the old fish market at Port Merrow harbour on Tuesday. "
    "Firefighters from four stations fought the flames for almost six hours.",
    "The U.S. envoy met Mr. O'Neil at 3:15 in Zürich; the talks — “frank” — ran to 2024…",
    "«Nous sommes prêts», said the École's head. Then: ÉCOLE, naïve, café.\nNew line Here",
    "Line one ends\r\nLine Two starts\tTabbed\x0bVertical\x0cFeed\x01Marked",
    "日本語 text with 😀 emoji and ＡＢＣ wide letters, 12 and 123456 and 1999.",
    "?!... A. I. Bc Def Gh 42 The end",
]
PIECES = ["’", "‘", "“", "”", "—", "–", "…", "«", "»", "é", "\n", "\r\n", "\x00", "\x01",
          "\u00a0", "\u2028", ". ", "U.S.", "A.", "1999", "12.", "3:15", "?!", "'", '"', "-",
          "N:", "e\u0301", "...", "Name", "x"]  # fmt: skip


def made_up_texts(seed: int = 3) -> list[str]:
    rnd = random.Random(seed)
    out = list(BASE)
    for text in BASE * 20:
        words = text.split(" ")
        for _ in range(rnd.randint(1, 10)):
            words.insert(rnd.randrange(len(words) + 1), rnd.choice(PIECES) + rnd.choice(["", " "]))
        out.append((" " if rnd.random() < 0.7 else "").join(words))
    out += ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 12))) for _ in range(200)]
    out += ["", " ", "\n", "A", "Big Apple", "x " * (MAX_CHARS // 2 + 10), "Word Name. " * 5000]
    return out


@pytest.mark.parametrize("seed", [0, 7])
def test_kernel_equals_the_python_specification(seed):
    texts = made_up_texts()
    want, got = reference.sketch_many(texts, seed), sketch_many(texts, seed)
    for name in ("features", "counts", "offsets", "signatures"):
        a, b = getattr(want, name), getattr(got, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name


def test_a_document_sketches_alike_alone_and_in_a_batch():
    texts = made_up_texts()[:50]
    whole = sketch_many(texts)
    for i in (0, 7, 49):
        alone = sketch_many([texts[i]])[0]
        assert np.array_equal(alone.features, whole[i].features)
        assert np.array_equal(alone.signature, whole[i].signature)
