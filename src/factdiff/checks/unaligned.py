"""A copy sentence with no counterpart in the source: shown as an addition (severity info)
when it carries facts the source never gives or is mostly new words.

It is never counted as a changed fact: with no counterpart there is nothing the sentence
changed, only material the source does not have, and the source may simply be partial (a
page that quotes part of an article is the reference when the original is not known). A
bridging sentence with nothing new ("The story continues below.") is no finding at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from factdiff.checks._common import doc_of, finding, quote, span_of, tokens, word_key, word_keys
from factdiff.checks._lexicon import STOPWORDS
from factdiff.checks.unsupported_addition import new_facts
from factdiff.types import Finding, SentenceFacts

_NEW_CONTENT_SHARE = 0.5


def check_unaligned(claim: SentenceFacts, context: Sequence[SentenceFacts]) -> list[Finding]:
    ref_doc = doc_of(context[0]) if context else "the reference"
    new = new_facts(claim, context)
    if new:
        kinds = {kind for kind, _, _ in new}
        listed = ", ".join(dict.fromkeys(what for _, _, what in new))
        return [
            finding(
                "unsupported_addition",
                "info",
                0.7 if kinds & {"entity", "number"} else 0.5,
                span_of(claim, *(m for _, m, _ in new)),
                [],
                f"{doc_of(claim)} adds a sentence with facts {ref_doc} does not give: {listed}.",
            )
        ]
    known = word_keys(context)
    content = [w for w in tokens(claim.sentence.text) if w not in STOPWORDS and len(w) > 2]
    unknown = [w for w in content if word_key(w) not in known]
    if len(content) >= 3 and len(unknown) / len(content) >= _NEW_CONTENT_SHARE:
        return [
            finding(
                "unsupported_addition",
                "info",
                0.4,
                span_of(claim),
                [],
                f"{doc_of(claim)} adds a sentence {ref_doc} does not carry: "
                f"'{quote(claim.sentence.text)}'.",
            )
        ]
    return []
