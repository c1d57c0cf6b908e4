"""The pipeline, stage after stage: segment → align → extract facts → check → reconcile.

Ingest happens before (``factdiff.ingest``), rendering after (``factdiff.report``). This module
only wires stages together; each stage lives in its own module and knows nothing of the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from factdiff.errors import InputError
from factdiff.options import Options
from factdiff.resources import Resources
from factdiff.types import (
    Document,
    IngestError,
    Report,
    Sentence,
    SentenceFacts,
)
from factdiff.verify.combine import Policy, score_requests

StageCallback = Callable[[str], None]


def resolve_reference(docs: Sequence[Document], reference: int | str | None) -> str | None:
    """The id of the reference document, or None for consensus mode."""
    if reference is None:
        return None
    if isinstance(reference, int):
        if not -len(docs) <= reference < len(docs):
            raise InputError(
                "bad_reference",
                f"--reference {reference} is out of range: there are {len(docs)} documents",
            )
        return docs[reference].id
    for doc in docs:
        if reference in (doc.id, doc.source):
            return doc.id
    names = ", ".join(d.id for d in docs)
    raise InputError("bad_reference", f"no document named {reference!r} (have: {names})")


def run(
    docs: Sequence[Document],
    options: Options,
    resources: Resources,
    *,
    errors: Sequence[IngestError] = (),
    on_stage: StageCallback | None = None,
    combine: bool = True,
) -> Report:
    """Compare the versions in ``docs`` and build the report.

    With a verifier loaded, every copy sentence that has evidence is scored (one batched call)
    and the scores are folded into the findings (``verify.combine``); then every finding is
    calibrated (``calibrate``). ``combine=False`` keeps the rule findings untouched and only
    attaches the scores (``Report.verdicts``): the benchmark runner uses it to measure rules,
    verifier and both from one run (see ``finish``)."""
    from factdiff.align import align_documents
    from factdiff.reconcile import reconcile

    if not docs:
        raise InputError("no_input", "no readable document to compare")
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        raise InputError("duplicate_id", f"document ids must be unique, got {ids}")

    def stage(name: str) -> None:
        if on_stage:
            on_stage(name)

    reference = resolve_reference(docs, options.reference)
    warnings: list[str] = []
    if reference is None and len(docs) < 3:
        warnings.append("consensus needs three or more versions; using the first as reference")
        reference = docs[0].id
    unsupported = {d.id for d in docs if d.meta.get("language", "en") not in ("en", "und")}
    for doc in docs:
        if doc.id in unsupported:
            warnings.append(
                f"{doc.id} looks like language {doc.meta['language']!r}: factdiff checks "
                "English only, so its facts were not checked"
            )

    embedder = resources.embedder if options.use_embeddings else None
    verifier = resources.verifier if options.use_model else None
    stage("segment, embed, extract facts")
    prepared = {d.id: prepare(d, resources, embedder, d.id not in unsupported) for d in docs}
    sentences = {d: p.sentences for d, p in prepared.items()}
    facts = {d: p.facts for d, p in prepared.items()}
    vectors = {d: p.vectors for d, p in prepared.items()} if embedder is not None else None
    stage("align")
    alignments = align_documents(
        sentences, embedder, within_document=options.within_document, vectors=vectors
    )
    stage("check")
    from factdiff.checks.documents import check_documents, check_within_documents

    checked = [d.id for d in docs if d.id not in unsupported]
    results = check_documents(
        checked,
        reference,
        sentences,
        alignments,
        facts,
        vectors,
        embedder,
        options,
        verifier is not None,
    )
    within = check_within_documents(alignments, facts, reference, options.tuning)
    verdicts: tuple = ()
    policy = None
    if verifier is not None:
        stage("verify")
        requests = [q for r in results for q in r.requests]
        verdicts = tuple(score_requests(verifier, requests))
        policy = Policy.from_manifest(verifier.manifest)
    stage("reconcile")
    return reconcile(
        docs,
        sentences,
        alignments,
        results,
        within,
        facts,
        reference=reference,
        errors=errors,
        warnings=warnings,
        verdicts=verdicts,
        policy=policy if combine else None,
        calibration=resources.calibration if combine else None,
    )


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """What the per-document stages make of one document."""

    sentences: tuple[Sentence, ...]
    facts: tuple[SentenceFacts, ...]
    vectors: Any  # np.ndarray of sentence embeddings, or None without an embedder


def prepare(
    doc: Document, resources: Resources, embedder: Any = None, with_facts: bool = True
) -> PreparedDocument:
    """Segment, embed (with ``embedder``) and extract facts for one document, cached by its
    id and text."""
    from factdiff.facts import extract_facts
    from factdiff.segment import segment_document

    def make() -> PreparedDocument:
        sentences = segment_document(doc, resources.splitter)
        vectors = embedder.encode([s.text for s in sentences]) if embedder is not None else None
        facts = extract_facts(sentences, resources.nlp) if with_facts else ()
        return PreparedDocument(tuple(sentences), tuple(facts), vectors)

    key = ("prepared", doc.id, doc.text, with_facts, embedder is not None)
    return resources.cached(key, make)
