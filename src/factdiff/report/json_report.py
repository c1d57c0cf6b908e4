"""The JSON boundary: Report <-> the schema-1 dict of DESIGN.md, and back.

Key order is fixed by construction and floats are rounded, so the same report gives the same
bytes every time (determinism is a feature: reports get diffed and cached). Fields may be added
to the contract, never renamed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import metadata
from typing import Any

from factdiff.errors import InputError
from factdiff.types import (
    FINDING_TYPES,
    SCHEMA_VERSION,
    SEVERITY_ORDER,
    Alignment,
    DocumentInfo,
    Finding,
    IngestError,
    Report,
    Sentence,
    Span,
    Summary,
    Verdict,
)

_FALLBACK_VERSION = "0.1.0"


def factdiff_version() -> str:
    """The package version: ``factdiff.__version__``, else the installed metadata."""
    import factdiff

    version = getattr(factdiff, "__version__", None)
    if isinstance(version, str) and version:
        return version
    try:
        return metadata.version("factdiff")
    except metadata.PackageNotFoundError:
        return _FALLBACK_VERSION


def _r4(value: float) -> float:
    return round(float(value), 4)


def _type_order(name: str) -> tuple[int, str]:
    """Known finding types in contract order, unknown ones after, alphabetically."""
    if name in FINDING_TYPES:
        return (FINDING_TYPES.index(name), name)
    return (len(FINDING_TYPES), name)


def _sentence_to_dict(s: Sentence) -> dict[str, Any]:
    return {
        "doc": s.doc,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "index": s.index,
        "paragraph": s.paragraph,
    }


def _span_to_dict(s: Span) -> dict[str, Any]:
    return {
        "doc": s.doc,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "span": s.span,
        "span_start": s.span_start,
        "span_end": s.span_end,
    }


def _document_to_dict(d: DocumentInfo, text: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": d.id,
        "source": d.source,
        "title": d.title,
        "sentences": d.sentences,
        "language": d.language,
    }
    if text is not None:
        out["text"] = text
    return out


def finding_id(finding: Finding, index: int) -> str:
    """The finding's id, or a stable positional one (``f1``, ``f2``...) when it has none."""
    return finding.id or f"f{index + 1}"


def _finding_to_dict(f: Finding, index: int) -> dict[str, Any]:
    return {
        "id": finding_id(f, index),
        "type": f.type,
        "severity": f.severity,
        "confidence": _r4(f.confidence),
        "claim": _span_to_dict(f.claim),
        "evidence": [_span_to_dict(e) for e in f.evidence],
        "introduced_by": f.introduced_by,
        "explanation": f.explanation,
        "source": f.source,
        "rule_severity": f.rule_severity,
    }


def _summary_to_dict(s: Summary, doc_order: list[str]) -> dict[str, Any]:
    by_type = {k: int(s.findings_by_type[k]) for k in sorted(s.findings_by_type, key=_type_order)}
    rank = {doc: i for i, doc in enumerate(doc_order)}
    docs = sorted(s.consistency_by_doc, key=lambda d: (rank.get(d, len(rank)), d))
    return {
        "consistency": _r4(s.consistency),
        "findings_by_type": by_type,
        "consistency_by_doc": {d: _r4(s.consistency_by_doc[d]) for d in docs},
        "support_by_doc": {d: _r4(s.support_by_doc[d]) for d in docs if d in s.support_by_doc},
    }


def _verdict_to_dict(v: Verdict) -> dict[str, Any]:
    return {
        "claim": _span_to_dict(v.claim),
        "evidence": [_span_to_dict(e) for e in v.evidence],
        "p_consistent": _r4(v.p_consistent),
    }


def report_to_dict(report: Report, *, include_texts: bool = False) -> dict[str, Any]:
    """The schema-1 contract. ``include_texts`` adds each document's full ``text`` (needed to
    re-render the side-by-side HTML from a JSON file; off by default to keep reports small)."""
    doc_order = [d.id for d in report.documents]
    return {
        "schema": SCHEMA_VERSION,
        "factdiff_version": factdiff_version(),
        "mode": report.mode,
        "reference": report.reference,
        "documents": [
            _document_to_dict(d, report.texts.get(d.id) if include_texts else None)
            for d in report.documents
        ],
        "alignments": [
            {
                "a": _sentence_to_dict(al.a),
                "b": _sentence_to_dict(al.b),
                "relation": al.relation,
                "similarity": _r4(al.similarity),
            }
            for al in report.alignments
        ],
        "findings": [_finding_to_dict(f, i) for i, f in enumerate(report.findings)],
        "summary": _summary_to_dict(report.summary, doc_order),
        "errors": [
            {"source": e.source, "code": e.code, "message": e.message} for e in report.errors
        ],
        "warnings": list(report.warnings),
        "verdicts": [_verdict_to_dict(v) for v in report.verdicts],
    }


def report_to_json(report: Report, *, include_texts: bool = False) -> str:
    """Deterministic JSON text of :func:`report_to_dict` (UTF-8 kept, 2-space indent)."""
    return json.dumps(
        report_to_dict(report, include_texts=include_texts), ensure_ascii=False, indent=2
    )


# --------------------------------------------------------------------------- reading back


def _bad(message: str) -> InputError:
    return InputError("bad_report", f"Not a factdiff schema-1 report: {message}.")


def _get(d: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(d, Mapping):
        raise _bad(f"{where} must be an object")
    if key not in d:
        raise _bad(f"{where} has no {key!r}")
    value = d[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise _bad(f"{where}.{key} has the wrong type ({type(value).__name__})")
    return value


def _opt_int(d: Mapping, key: str, where: str) -> int | None:
    value = d.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad(f"{where}.{key} must be an integer or null")
    return value


def _sentence_from_dict(d: Any, where: str) -> Sentence:
    return Sentence(
        doc=_get(d, "doc", str, where),
        index=int(d.get("index", 0)),
        start=_get(d, "start", int, where),
        end=_get(d, "end", int, where),
        text=_get(d, "text", str, where),
        paragraph=int(d.get("paragraph", 0)),
    )


def _span_from_dict(d: Any, where: str) -> Span:
    return Span(
        doc=_get(d, "doc", str, where),
        start=_get(d, "start", int, where),
        end=_get(d, "end", int, where),
        text=_get(d, "text", str, where),
        span=str(d.get("span") or ""),
        span_start=_opt_int(d, "span_start", where),
        span_end=_opt_int(d, "span_end", where),
    )


def _finding_from_dict(d: Any, where: str) -> Finding:
    evidence = _get(d, "evidence", list, where)
    introduced_by = d.get("introduced_by")
    return Finding(
        type=_get(d, "type", str, where),
        severity=_get(d, "severity", str, where),
        confidence=_get(d, "confidence", float, where),
        claim=_span_from_dict(_get(d, "claim", dict, where), f"{where}.claim"),
        evidence=tuple(
            _span_from_dict(e, f"{where}.evidence[{i}]") for i, e in enumerate(evidence)
        ),
        explanation=str(d.get("explanation") or ""),
        introduced_by=str(introduced_by) if introduced_by is not None else None,
        id=str(d.get("id") or ""),
        source=str(d.get("source") or "rule"),
        rule_severity=d.get("rule_severity") if d.get("rule_severity") in SEVERITY_ORDER else None,
    )


def report_from_dict(d: Any) -> Report:
    """Rebuild a Report from :func:`report_to_dict` output (e.g. a saved ``--format json``).

    Raises InputError (code ``bad_report``) on anything that is not a schema-1 report."""
    schema = _get(d, "schema", int, "report")
    if schema != SCHEMA_VERSION:
        raise _bad(f"schema {schema} is not supported (this factdiff reads {SCHEMA_VERSION})")
    documents: list[DocumentInfo] = []
    texts: dict[str, str] = {}
    for i, doc in enumerate(_get(d, "documents", list, "report")):
        where = f"documents[{i}]"
        info = DocumentInfo(
            id=_get(doc, "id", str, where),
            source=str(doc.get("source") or ""),
            title=str(doc.get("title") or ""),
            sentences=int(doc.get("sentences") or 0),
            language=str(doc.get("language") or "en"),
        )
        documents.append(info)
        if isinstance(doc.get("text"), str):
            texts[info.id] = doc["text"]
    alignments = tuple(
        Alignment(
            a=_sentence_from_dict(_get(al, "a", dict, f"alignments[{i}]"), f"alignments[{i}].a"),
            b=_sentence_from_dict(_get(al, "b", dict, f"alignments[{i}]"), f"alignments[{i}].b"),
            relation=_get(al, "relation", str, f"alignments[{i}]"),
            similarity=_get(al, "similarity", float, f"alignments[{i}]"),
        )
        for i, al in enumerate(_get(d, "alignments", list, "report"))
    )
    findings = tuple(
        _finding_from_dict(f, f"findings[{i}]")
        for i, f in enumerate(_get(d, "findings", list, "report"))
    )
    s = _get(d, "summary", dict, "report")
    summary = Summary(
        consistency=_get(s, "consistency", float, "summary"),
        findings_by_type={
            str(k): int(v) for k, v in _get(s, "findings_by_type", dict, "summary").items()
        },
        consistency_by_doc={
            str(k): float(v) for k, v in (s.get("consistency_by_doc") or {}).items()
        },
        support_by_doc={str(k): float(v) for k, v in (s.get("support_by_doc") or {}).items()},
    )
    verdicts = tuple(
        Verdict(
            claim=_span_from_dict(_get(v, "claim", dict, f"verdicts[{i}]"), f"verdicts[{i}]"),
            evidence=tuple(
                _span_from_dict(e, f"verdicts[{i}].evidence")
                for e in _get(v, "evidence", list, f"verdicts[{i}]")
            ),
            p_consistent=float(_get(v, "p_consistent", (int, float), f"verdicts[{i}]")),
        )
        for i, v in enumerate(d.get("verdicts") or [])
    )
    errors = tuple(
        IngestError(
            source=str(_get(e, "source", str, f"errors[{i}]")),
            code=str(_get(e, "code", str, f"errors[{i}]")),
            message=str(_get(e, "message", str, f"errors[{i}]")),
        )
        for i, e in enumerate(d.get("errors") or [])
    )
    reference = d.get("reference")
    return Report(
        reference=str(reference) if reference is not None else None,
        documents=tuple(documents),
        alignments=alignments,
        findings=findings,
        summary=summary,
        errors=errors,
        warnings=tuple(str(w) for w in d.get("warnings") or []),
        texts=texts,
        mode=str(d.get("mode") or "reference"),
        verdicts=verdicts,
    )
