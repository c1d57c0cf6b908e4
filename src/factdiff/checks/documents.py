"""Checking whole documents: which sentence is judged against which, and what is reported.

For each (claim document, evidence document) direction, every claim sentence is judged against
its aligned counterparts with the pair checks (``run_pair_checks``); a sentence with no
counterpart against the source sentences nearest to it; and inside one document, a later
restatement against the earlier sentence it restates. The pipeline calls these; the checks
themselves stay small pure functions over one pair.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from factdiff.checks import (
    check_omitted,
    check_unaligned,
    run_pair_checks,
    run_sentence_checks,
    same_text,
)
from factdiff.options import Options, Tuning
from factdiff.types import Alignment, Finding, Pair, Sentence, SentenceFacts
from factdiff.verify.combine import Request, premises

DEFAULT = Tuning()
# Alignments the verifier does not score (see check_documents).
RULES_ONLY_RELATIONS = frozenset({"verbatim", "near_verbatim"})
# Inside one page, a later sentence may add to an earlier one: that is writing, not a change.
WITHIN_SKIPPED = frozenset({"unsupported_addition", "omission"})


@dataclass(frozen=True, slots=True)
class DocPairFindings:
    """The findings of one claim document judged against one evidence document."""

    claim_doc: str
    evidence_doc: str
    findings: tuple[Finding, ...]
    carried: frozenset[int]  # start offsets of the claim sentences that found evidence
    requests: tuple[Request, ...] = ()  # claim sentences with evidence, for the verifier


def claim_evidence_pairs(reference: str | None, doc_ids: Sequence[str]) -> list[tuple[str, str]]:
    """Which (claim doc, evidence doc) directions to check: copies against the reference, or
    every ordered pair in consensus mode (the majority decides afterwards)."""
    if reference is not None:
        return [(d, reference) for d in doc_ids if d != reference]
    return [(x, y) for x in doc_ids for y in doc_ids if x != y]


def counterparts(
    alignments: Sequence[Alignment], claim_doc: str, evidence_doc: str
) -> dict[int, list[tuple[Sentence, float, str]]]:
    """For each claim sentence index, its aligned evidence sentences, best first."""
    found: dict[int, list[tuple[Sentence, float, str]]] = {}
    for al in alignments:
        if al.a.doc == evidence_doc and al.b.doc == claim_doc:
            claim, evidence = al.b, al.a
        elif al.b.doc == evidence_doc and al.a.doc == claim_doc:
            claim, evidence = al.a, al.b
        else:
            continue
        found.setdefault(claim.index, []).append((evidence, al.similarity, al.relation))
    for items in found.values():
        items.sort(key=lambda t: -t[1])
    return found


def check_documents(
    doc_ids: Sequence[str],
    reference: str | None,
    sentences: Mapping[str, Sequence[Sentence]],
    alignments: Sequence[Alignment],
    facts: Mapping[str, Sequence[SentenceFacts]],
    vectors: Mapping[str, Any] | None,
    embedder: Any,
    options: Options,
    with_requests: bool = False,
) -> list[DocPairFindings]:
    """Run every check for each (claim doc, evidence doc) direction, and note what the
    verifier should score (only when one is loaded: building passages costs time)."""
    from factdiff.align import nearest_sentences

    tuning = options.tuning
    results: list[DocPairFindings] = []
    for claim_doc, evidence_doc in claim_evidence_pairs(reference, doc_ids):
        claim_facts = facts[claim_doc]
        evidence_facts = facts[evidence_doc]
        aligned = counterparts(alignments, claim_doc, evidence_doc)
        # A summary fuses several source sentences into one, so its unaligned sentences are
        # judged against their nearest source sentences. A copy of a whole article rewrites
        # sentence by sentence: an unaligned sentence of it has no counterpart, and a finding
        # built against whatever sentence is nearest compares things that are not
        # counterparts (no counterpart, no finding).
        summary = is_summary(sentences[claim_doc], sentences[evidence_doc], tuning)
        # The verifier's passage for a sentence also takes its nearest source sentences (a
        # summary sentence fuses several), so with a verifier every sentence needs them.
        loose = [
            s for s in sentences[claim_doc] if with_requests or (summary and s.index not in aligned)
        ]
        nearest = {}
        if loose and sentences[evidence_doc]:
            nearest = nearest_sentences(
                loose,
                sentences[evidence_doc],
                embedder,
                k=tuning.evidence_k,
                claim_vecs=vectors[claim_doc][[s.index for s in loose]] if vectors else None,
                source_vecs=vectors[evidence_doc] if vectors else None,
            )
        findings: list[Finding] = []
        carried: set[int] = set()
        requests: list[Request] = []
        for cf in claim_facts:
            index = cf.sentence.index
            if index in aligned:
                items = aligned[index]
                relation = items[0][2] if len(items) == 1 else "partial"
            elif summary:
                items = [
                    (s, sim, "partial")
                    for s, sim in nearest.get(index, [])
                    if sim >= tuning.evidence_floor
                ]
                relation = "partial"
            else:
                items = []
            if items:
                carried.add(cf.sentence.start)
                pair = Pair(
                    claim=cf,
                    evidence=tuple(evidence_facts[s.index] for s, _, _ in items),
                    relation=relation,
                    similarity=items[0][1],
                    context=tuple(evidence_facts),
                )
                findings.extend(run_pair_checks(pair))
                # Near-identical sentences are the rules' ground: they see every changed
                # word, while the verifier, trained mostly on one-word edits, takes a
                # harmless one ("fire" -> "blaze") for a contradiction.
                if with_requests and relation not in RULES_ONLY_RELATIONS:
                    near = [s for s, sim in nearest.get(index, []) if sim >= tuning.evidence_floor]
                    chosen = {s.index: s for s in [*(s for s, _, _ in items), *near]}
                    evidence = tuple(chosen[i] for i in sorted(chosen))
                    requests.append(
                        Request(cf.sentence, evidence, premises(evidence, sentences[evidence_doc]))
                    )
            else:
                findings.extend(check_unaligned(cf, evidence_facts))
        if options.omissions and reference == evidence_doc and not summary:
            carried = set(counterparts(alignments, evidence_doc, claim_doc))
            for ef in evidence_facts:
                if ef.sentence.index not in carried:
                    findings.append(check_omitted(ef, claim_doc))
        results.append(
            DocPairFindings(
                claim_doc, evidence_doc, tuple(findings), frozenset(carried), tuple(requests)
            )
        )
    return results


def check_within_documents(
    alignments: Sequence[Alignment],
    facts: Mapping[str, Sequence[SentenceFacts]],
    reference: str | None,
    tuning: Tuning = DEFAULT,
) -> list[Finding]:
    """Findings inside one document: a sentence that contradicts itself, and a page that holds
    an original sentence and, later, its rewrite (the later one is checked against the earlier
    one). Every page is checked so, the reference too (a page alone, or first, may carry
    spun captions); only a restatement right after its original counts (``restates_nearby``);
    and a later sentence elaborating on an earlier one is ordinary writing, not an addition.

    A later sentence that has its own counterpart in another version (the reference, or in
    consensus mode any other version) is judged against that counterpart by
    ``check_documents``, not against its neighbour: a copy that faithfully repeats two
    similar source sentences ("revenue was $76 million in the quarter" ... "$95 million for
    the year") differs from itself exactly as the source does, and that is no change."""
    # A copy sentence found word for word in another version (the reference, in reference
    # mode) is not checked against itself: the version it repeats says the same, and in
    # reference mode the reference is trusted.
    repeated = with_counterpart(alignments, reference, lambda al: same_text(al.a, al.b))
    findings = [
        f
        for doc_facts in facts.values()
        for sf in doc_facts
        if (sf.sentence.doc, sf.sentence.index) not in repeated
        for f in run_sentence_checks(sf)
    ]
    anchored = with_counterpart(alignments, reference, lambda al: al.relation != "partial")
    nearby = [
        al
        for al in alignments
        if al.a.doc == al.b.doc and facts.get(al.a.doc) and restates_nearby(al, tuning)
    ]
    # A sentence restated, or restating, more than once nearby is a frame the page repeats
    # (live commentary, listings: "X shot from outside the box is saved" ... "Y shot ..."),
    # not a caption and its rewrite: each fills the frame with its own facts.
    uses = Counter((s.doc, s.index) for al in nearby for s in (al.a, al.b))
    for al in nearby:
        if uses[(al.a.doc, al.a.index)] > 1 or uses[(al.b.doc, al.b.index)] > 1:
            continue
        if (al.b.doc, al.b.index) in anchored:
            continue
        doc_facts = facts[al.a.doc]
        pair = Pair(
            claim=doc_facts[al.b.index],
            evidence=(doc_facts[al.a.index],),
            relation=al.relation,
            similarity=al.similarity,
            context=(doc_facts[al.a.index],),
        )
        found = [f for f in run_pair_checks(pair) if f.type not in WITHIN_SKIPPED]
        # A rewrite keeps the facts and breaks one; two sentences that differ in several
        # facts ("up 12% to $41.2 million in the quarter" ... "up 8% to $118.5 million in
        # nine months") are two statements, not one restated.
        if sum(f.severity != "info" for f in found) <= tuning.max_within_changes:
            findings.extend(found)
    return findings


def restates_nearby(al: Alignment, tuning: Tuning = DEFAULT) -> bool:
    """The later sentence comes right after the one it restates (in the same or the next
    paragraph, a few sentences on): a quoted caption followed by its rewrite. An article that
    sums up its story in a lead and tells it again below restates from afar, and does so in
    its own words: that is writing, not a change."""
    return (
        al.b.paragraph - al.a.paragraph <= tuning.within_paragraphs
        and al.b.index - al.a.index <= tuning.within_sentences
    )


def with_counterpart(
    alignments: Sequence[Alignment],
    reference: str | None,
    accept: Callable[[Alignment], bool],
) -> set[tuple[str, int]]:
    """(doc, index) of every sentence with an ``accept``-ed alignment to a sentence of the
    reference (in consensus mode, of any other version)."""
    return {
        (s.doc, s.index)
        for al in alignments
        if al.a.doc != al.b.doc and accept(al)
        for s, other in ((al.a, al.b), (al.b, al.a))
        if reference is None or other.doc == reference
    }


def is_summary(
    copy: Sequence[Sentence], reference: Sequence[Sentence], tuning: Tuning = DEFAULT
) -> bool:
    """A copy much shorter than the reference leaves things out on purpose."""
    return len(copy) < tuning.summary_ratio * len(reference)
