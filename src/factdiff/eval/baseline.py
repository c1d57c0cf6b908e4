"""The simple baseline every benchmark is compared against: novel names and numbers.

A rewrite that names someone or gives a number the source never mentions is suspicious. The
baseline flags a rewrite when any capitalised word that does not start a sentence, or any
token containing a digit, does not occur in the source (case-sensitive, after stripping
punctuation at the token's edges and a possessive 's). Its score for ROC AUC is the fraction
of those candidate tokens that are novel; ``consistency = 1 - fraction``. If factdiff does not
beat this, its checks add nothing.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

_EDGE_PUNCT = string.punctuation + "“”‘’«»—–…"
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_POSSESSIVE = re.compile(r"['’]s$")
# "I" is capitalised by grammar, not because it names something.
_ALWAYS_CAPITALISED = frozenset({"I"})


@dataclass(frozen=True, slots=True)
class BaselineResult:
    flagged: bool  # True = predicted inconsistent
    novel_fraction: float  # novel candidates / candidates, 0.0 when there are none
    candidates: int
    novel: tuple[str, ...]

    @property
    def consistency(self) -> float:
        return 1.0 - self.novel_fraction


def _clean(token: str) -> str:
    return _POSSESSIVE.sub("", token.strip(_EDGE_PUNCT)).strip(_EDGE_PUNCT)


def _candidates(text: str) -> list[str]:
    """Capitalised non-initial words and numbers of ``text``, cleaned, in order."""
    out: list[str] = []
    sentence_start = True
    for raw in text.split():
        token = _clean(raw)
        if token:
            has_digit = any(ch.isdigit() for ch in token)
            is_name = token[0].isupper() and not sentence_start
            if (has_digit or is_name) and token not in _ALWAYS_CAPITALISED:
                out.append(token)
            sentence_start = False
        if _SENTENCE_END.search(raw):
            sentence_start = True
    return out


def baseline_check(source: str, rewrite: str) -> BaselineResult:
    """Judge ``rewrite`` against ``source`` with the novel-token rule."""
    source_tokens = {_clean(t) for t in source.split()}
    candidates = _candidates(rewrite)
    novel = tuple(t for t in candidates if t not in source_tokens)
    fraction = len(novel) / len(candidates) if candidates else 0.0
    return BaselineResult(bool(novel), fraction, len(candidates), novel)
