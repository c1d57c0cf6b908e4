"""The records that flow through the pipeline, one way: ingest → segment → align → facts →
check → reconcile → report.

Every record is a plain, frozen dataclass so a stage can be tested alone, cached, pickled to
another process, or serialised. Offsets are always character offsets into the ORIGINAL text
of the document (``Document.text``), never into a normalised copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SCHEMA_VERSION = 1

Relation = Literal["verbatim", "near_verbatim", "paraphrase", "partial"]
Severity = Literal["high", "medium", "low", "info"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3}
# A finding below this confidence is shown but does not count as a changed fact: the rules
# never go this low on their own; the verifier takes a rule finding there when it judges the
# sentence clearly supported (see verify/combine.py).
MIN_CONFIDENCE = 0.1

FINDING_TYPES: tuple[str, ...] = (
    "entity_substitution",
    "role_change",
    "number_change",
    "quantity_swap",
    "date_change",
    "negation",
    "claim_reversal",
    "attribution_change",
    "modality_change",
    "unsupported_addition",
    "internal_inconsistency",
    "omission",
    "contradiction",
)


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class Document:
    """One version of a story. ``text`` is the original text every offset refers to."""

    id: str
    text: str
    source: str = ""
    title: str = ""
    meta: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class IngestError:
    """An input that could not be read; reported, never raised past the batch."""

    source: str
    code: str  # e.g. "empty", "binary", "too_large", "fetch_failed", "unreadable", "not_english"
    message: str


# --------------------------------------------------------------------------- segment


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document; ``doc.text[start:end] == text``."""

    doc: str
    index: int  # position of the sentence within its document, 0-based
    start: int
    end: int
    text: str
    paragraph: int = 0


# --------------------------------------------------------------------------- align


@dataclass(frozen=True, slots=True)
class Alignment:
    """Sentence ``a`` has counterpart ``b``. For one-to-many (split/merged sentences) there is
    one Alignment per counterpart, each with relation ``partial``. ``a`` is the earlier
    version (reference side), ``b`` the later (copy side) when that is known."""

    a: Sentence
    b: Sentence
    relation: Relation
    similarity: float


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True, slots=True)
class Mention:
    """A piece of a sentence that carries a fact. Offsets are absolute (into Document.text).

    ``label`` is the kind (spaCy NER label such as PERSON/ORG/GPE/DATE/CARDINAL, or a kind of
    our own such as NEG, MODAL, DIRECTION, HEDGE). ``norm`` is the key used for comparison
    (lower-cased, normalised); ``value`` is a number when the mention has one.
    """

    text: str
    start: int
    end: int
    label: str
    norm: str
    value: float | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity and, for people, the role and affiliation the sentence gives them
    ("Norway's foreign minister Kari Dahl" → role "foreign minister", affiliation "Norway")."""

    mention: Mention
    role: Mention | None = None
    affiliation: Mention | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it counts and its hedge: "at least 12 people" →
    value 12, noun "people", hedge "at least"."""

    mention: Mention
    value: float | None
    noun: str = ""  # lemma of the counted noun, "" if unknown
    hedge: str = ""  # normalised hedge ("at least", "more than", "about", ...), "" if none
    hedge_mention: Mention | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A date or time: "since 2015" → norm "2015", relation "since"; "the day after the fire"
    → norm "day after", relation "after"."""

    mention: Mention
    norm: str
    relation: str = ""  # since | in | on | before | after | until | same | ""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says it: "police said ..." → speaker "police", verb "said", stance "assert"."""

    speaker: Mention
    verb: Mention
    stance: str = "assert"  # assert | claim | deny | ...


@dataclass(frozen=True, slots=True)
class Triple:
    """A subject-verb-object reading of a clause, for possession/subject swaps."""

    subject: Mention
    verb: Mention
    object: Mention | None
    negated: bool = False


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """Everything the checks may compare for one sentence."""

    sentence: Sentence
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    negations: tuple[Mention, ...] = ()  # "not", "never", "no", "without" ...
    modals: tuple[Mention, ...] = ()  # norm is the modal class: possible | certain | necessary
    attributions: tuple[Attribution, ...] = ()
    directions: tuple[Mention, ...] = ()  # norm "up" | "down" (increase/decrease/revise down)
    triples: tuple[Triple, ...] = ()
    content: tuple[Mention, ...] = ()  # content words (nouns, verbs, adjectives) with lemma norm
    language: str = "en"


# --------------------------------------------------------------------------- check


@dataclass(frozen=True, slots=True)
class Pair:
    """What a pair check looks at: a claim sentence in one version and its evidence (the
    aligned sentence(s), best first) in another version or the same one. ``context`` holds the
    facts of every sentence of the evidence document, for "does this occur anywhere" tests."""

    claim: SentenceFacts
    evidence: tuple[SentenceFacts, ...]
    relation: Relation
    similarity: float
    context: tuple[SentenceFacts, ...] = ()


@dataclass(frozen=True, slots=True)
class Span:
    """A place in a document: the whole sentence (``start``/``end``/``text``) and, inside it,
    the changed words (``span`` at ``span_start``/``span_end``; absolute offsets)."""

    doc: str
    start: int
    end: int
    text: str
    span: str = ""
    span_start: int | None = None
    span_end: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    type: str
    severity: Severity
    confidence: float
    claim: Span
    evidence: tuple[Span, ...]
    explanation: str
    introduced_by: str | None = None
    id: str = ""
    source: str = "rule"  # rule | model | rule+model
    # The severity the rule gave, before calibration (calibrate.py) judged how likely the
    # finding is to be right; None when the finding was not calibrated.
    rule_severity: Severity | None = None


# --------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    id: str
    source: str
    title: str
    sentences: int
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The learned verifier's judgement of one copy sentence against its source passage."""

    claim: Span  # the whole copy sentence
    evidence: tuple[Span, ...]  # the source sentences the passage was built around
    p_consistent: float  # P(the sentence is supported by the passage)


@dataclass(frozen=True, slots=True)
class Summary:
    consistency: float
    findings_by_type: dict[str, int]
    consistency_by_doc: dict[str, float] = field(default_factory=dict)
    # Share of each copy's content words found in its source: kept so the consistency can be
    # recomputed from the findings alone (e.g. after the verifier has been applied).
    support_by_doc: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Report:
    reference: str | None
    documents: tuple[DocumentInfo, ...]
    alignments: tuple[Alignment, ...]
    findings: tuple[Finding, ...]
    summary: Summary
    errors: tuple[IngestError, ...] = ()
    warnings: tuple[str, ...] = ()
    texts: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    mode: str = "reference"  # reference | consensus
    verdicts: tuple[Verdict, ...] = ()  # empty when the verifier did not run

    def to_dict(self) -> dict:
        """The JSON contract (schema 1, see DESIGN.md)."""
        from factdiff.report.json_report import report_to_dict

        return report_to_dict(self)

    def changed_facts(self, floor: Severity = "low") -> tuple[Finding, ...]:
        """Findings of severity ``floor`` or worse about the copies: the product's one answer to
        "did a fact change?" (CLI ``check --fail-on``, benchmarks, corpus scan). Findings
        inside the reference say nothing about a copy, unless the page was compared alone:
        then it is the one being checked (its own rewrite of a caption it quotes, a sentence
        contradicting itself). A finding the verifier disputed (confidence under
        MIN_CONFIDENCE) is shown, not counted."""
        least = SEVERITY_ORDER[floor]
        alone = len(self.documents) == 1
        return tuple(
            f
            for f in self.findings
            if SEVERITY_ORDER[f.severity] >= least
            and (alone or f.claim.doc != self.reference)
            and f.confidence >= MIN_CONFIDENCE
        )

    @property
    def changed(self) -> bool:
        """True when some fact of a copy changed (a finding above severity info)."""
        return bool(self.changed_facts("low"))
