"""Sentence pairs from the summary-consistency dev sets (SummEdits, FRANK, SummaC): real
rewrites of real documents, the kind of pair the verifier sees at run time.

The NLI and perturbation pairs teach the verifier what a contradiction is; these teach it what
a summary's faithful paraphrase and its subtle fact edit look like. Because the same sets are
also the benchmarks, every document is given a fold (``fold_of``: a hash of its text, so all
summaries of one document, in any of the sets, share it). A model trained without fold k is
measured only on fold k's rows (``factdiff eval --fold-models``), which is the honest figure;
the shipped model is trained on every fold.

Sentence labels. A summary is labelled as a whole; the verifier scores sentences:

* SummEdits keeps the seed summary (``original_summary``, itself consistent): a sentence of an
  inconsistent summary that is not in the seed is the edited one (label 0), a sentence that is
  in the seed is consistent (1);
* FRANK and SummaC: every sentence of a consistent summary is consistent; an inconsistent
  summary is used only when it has a single sentence (otherwise the bad one is unknown).

Premise: the source sentences that share the most content words with the claim, each with one
neighbour (``combine.premise``), or the best ``combine.WINDOW``-sentence window of the source,
as the pipeline checks both and keeps the best. (Unlike the pipeline, a source longer than
``combine.MAX_WINDOWS`` windows still gets window premises here; the measured experiment was
run this way.)
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from pathlib import Path

from factdiff.align.lexical import prepare
from factdiff.eval.datasets import EvalRow, load_frank, load_summac, load_summedits
from factdiff.eval.folds import fold_of
from factdiff.training.data import PairExample
from factdiff.verify.combine import NEIGHBOURS, WINDOW, window_spans

EVIDENCE = 3  # source sentences retrieved per claim sentence (before neighbours)


def _words(text: str) -> frozenset[str]:
    return prepare(text).content


def _split(splitter, text: str) -> list[str]:
    from factdiff.ingest import document_from_text
    from factdiff.segment import segment_document

    doc = document_from_text(text, "d")
    return [s.text.strip() for s in segment_document(doc, splitter) if s.text.strip()]


def local_passage(claim: str, source: Sequence[str]) -> str:
    """The ``EVIDENCE`` source sentences sharing most content words with the claim, with
    ``NEIGHBOURS`` on each side, in source order."""
    want = _words(claim)
    ranked = sorted(range(len(source)), key=lambda i: (-len(want & _words(source[i])), i))
    keep: set[int] = set()
    for i in ranked[:EVIDENCE]:
        keep.update(range(max(0, i - NEIGHBOURS), min(len(source), i + NEIGHBOURS + 1)))
    return " ".join(source[i] for i in sorted(keep))


def best_window(claim: str, source: Sequence[str]) -> str:
    """The source window (``combine.window_spans``) covering most of the claim's content
    words; the whole source when it fits in one window."""
    want = _words(claim)
    spans = window_spans(len(source)) or [(0, len(source))]
    lo, hi = max(
        spans, key=lambda span: len(want & set().union(*map(_words, source[slice(*span)])))
    )
    return " ".join(source[lo:hi])


def _norm(sentence: str) -> str:
    return " ".join(sentence.lower().split())


def labelled_sentences(row: EvalRow, splitter) -> list[tuple[str, int]]:
    """(sentence, label) for the rewrite's sentences whose label is known (module docstring)."""
    sentences = _split(splitter, row.rewrite)
    if row.label == 1:
        return [(s, 1) for s in sentences]
    original = row.meta.get("original_summary")
    if original:
        seed = {_norm(s) for s in _split(splitter, original)}
        labelled = [(s, int(_norm(s) in seed)) for s in sentences]
        return labelled if any(label == 0 for _, label in labelled) else []
    return [(sentences[0], 0)] if len(sentences) == 1 else []


def summary_pairs(
    rows: Iterable[EvalRow], splitter, *, exclude_fold: int | None, seed: int
) -> list[PairExample]:
    """Pairs from ``rows`` whose document is not in ``exclude_fold``. Each claim sentence gets
    one premise, its local passage or its best window (seeded coin), as at run time."""
    rng = random.Random(seed)
    out: list[PairExample] = []
    seen: set[tuple[str, str, int]] = set()  # a seed sentence recurs in ~30 SummEdits variants
    split_cache: dict[str, list[str]] = {}
    for row in rows:
        if exclude_fold is not None and fold_of(row.source) == exclude_fold:
            continue
        source = split_cache.get(row.source)
        if source is None:
            source = split_cache[row.source] = _split(splitter, row.source)
        if not source:
            continue
        for sentence, label in labelled_sentences(row, splitter):
            key = (row.source, _norm(sentence), label)
            if key in seen:
                continue
            seen.add(key)
            make = local_passage if len(source) <= WINDOW or rng.random() < 0.5 else best_window
            out.append(PairExample(make(sentence, source), sentence, label, f"sum:{row.group}"))
    return out


def load_summary_rows(data_root: Path) -> list[EvalRow]:
    """Every row of SummEdits dev, FRANK valid and the SummaC subsets under ``data_root``
    (``../shared/data``), SummEdits rows carrying their seed summary."""
    rows, _ = load_summedits(data_root / "summedits" / "summedits_dev.jsonl")
    frank, _ = load_frank(data_root / "frank" / "frank_valid.jsonl")
    summac, _ = load_summac(data_root / "summac")
    return [*rows, *frank, *summac]
