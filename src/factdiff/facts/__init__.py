"""The extract-facts stage: one SentenceFacts per sentence, read from a spaCy parse.

Each sentence is parsed on its own (so a faulty sentence split in one version cannot bleed
into the next) and every Mention carries absolute offsets: ``sentence.start + token.idx``.
The spaCy pipeline is passed in (see ``factdiff.models.spacy_model.load_nlp``), never loaded
here.
"""

from __future__ import annotations

from collections.abc import Sequence

from factdiff.facts.attribution import extract_attributions
from factdiff.facts.content import extract_content
from factdiff.facts.directions import extract_directions
from factdiff.facts.entities import extract_entities
from factdiff.facts.modality import extract_modals
from factdiff.facts.polarity import extract_negations
from factdiff.facts.quantities import extract_quantities
from factdiff.facts.times import extract_times
from factdiff.facts.triples import extract_triples
from factdiff.facts.truecase import parse_texts, restore_text
from factdiff.types import Sentence, SentenceFacts

__all__ = ["extract_facts", "extract_sentence_facts"]

BATCH_SIZE = 64


def extract_sentence_facts(doc, sentence: Sentence) -> SentenceFacts:
    """The facts of one sentence from ``doc``, the spaCy parse of ``sentence.text`` (or of a
    prefix of it, when the text was longer than the pipeline accepts)."""
    offset = sentence.start
    return SentenceFacts(
        sentence=sentence,
        entities=extract_entities(doc, offset),
        quantities=extract_quantities(doc, offset),
        times=extract_times(doc, offset),
        negations=extract_negations(doc, offset),
        modals=extract_modals(doc, offset),
        attributions=extract_attributions(doc, offset),
        directions=extract_directions(doc, offset),
        triples=extract_triples(doc, offset),
        content=extract_content(doc, offset),
    )


def extract_facts(
    sentences: Sequence[Sentence], nlp, batch_size: int = BATCH_SIZE
) -> tuple[SentenceFacts, ...]:
    """SentenceFacts for every sentence, in input order, parsing them in batches.

    A Title-Case headline is parsed re-cased (see ``truecase``) so its capitals are not read
    as names; its mentions still quote the text as written."""
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    limit = nlp.max_length
    parsed = parse_texts(sentences)
    texts = (t[:limit] for t in parsed)  # a runaway "sentence" is read in part
    docs = nlp.pipe(texts, batch_size=batch_size)
    out = []
    for doc, s, text in zip(docs, sentences, parsed, strict=True):
        facts = extract_sentence_facts(doc, s)
        out.append(facts if text == s.text else restore_text(facts, s))
    return tuple(out)
