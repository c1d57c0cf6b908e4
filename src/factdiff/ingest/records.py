"""JSON and JSONL corpora: one record per document, the text in the first known field.

JSONL is streamed line by line (a corpus may be far larger than one article), so the size
limit applies to each record; a bad line becomes an error for that line only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

import orjson

from factdiff.errors import InputError
from factdiff.options import RecordFields
from factdiff.types import IngestError

TEXT_FIELDS = ("text", "content", "article", "document", "doc")
RECORD_EXTENSIONS = (".jsonl", ".ndjson", ".json")


@dataclass(frozen=True, slots=True)
class Record:
    """The fields of one record that ingest uses."""

    text: str
    id: str | None
    title: str
    url: str
    where: str  # "path:line" or "path#index", for error messages and a default source
    date: str = ""


def record_from_dict(obj: object, where: str, fields: RecordFields = RecordFields()) -> Record:
    """Pick the text, id, title, url and date of a JSON object; raise InputError
    "bad_record". ``where`` ("path:line") becomes the record's default source."""
    if not isinstance(obj, dict):
        raise InputError("bad_record", f"expected a JSON object, got {type(obj).__name__}")
    names = (fields.text, *TEXT_FIELDS) if fields.text not in TEXT_FIELDS else TEXT_FIELDS
    field = fields.text if fields.text in obj else next((n for n in names if n in obj), None)
    if field is None:
        raise InputError("bad_record", f"no text field (expected one of {', '.join(names)})")
    text = obj[field]
    if not isinstance(text, str):
        raise InputError("bad_record", f"field {field!r} is not a string")
    raw_id = obj.get(fields.id)
    return Record(
        text=text,
        id=None if raw_id is None or raw_id == "" else str(raw_id),
        title=str(obj.get("title") or ""),
        url=str(obj.get(fields.url) or obj.get("source") or ""),
        where=where,
        date=str(obj.get(fields.date) or ""),
    )


def _loads(raw: bytes | str):
    """orjson (several times faster: a crawl is millions of rows), else the standard parser,
    which accepts what orjson refuses (NaN, lone surrogates) and words the error."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def iter_jsonl(
    stream: BinaryIO | Iterable[bytes],
    path: str,
    max_bytes: int,
    fields: RecordFields = RecordFields(),
    start: int = 1,
) -> Iterator[Record | IngestError]:
    """Yield one Record (or the IngestError for that line) per non-blank line; ``start`` is
    the number of the first line (a corpus read in slices)."""
    for number, raw in enumerate(stream, start=start):
        where = f"{path}:{number}"
        if len(raw) > max_bytes:
            yield IngestError(where, "too_large", f"record is over {max_bytes} bytes")
            continue
        if not raw.strip():
            continue
        try:
            obj = _loads(raw)
        except (ValueError, RecursionError) as exc:
            yield IngestError(where, "bad_record", f"invalid JSON ({_first_line(exc)})")
            continue
        try:
            yield record_from_dict(obj, where, fields)
        except InputError as exc:
            yield IngestError(where, exc.code, exc.message)


def iter_json(
    data: str, path: str, fields: RecordFields = RecordFields()
) -> Iterator[Record | IngestError]:
    """A .json file: one record, or a list of records. Falls back to JSONL when the whole
    file is not one JSON value (JSONL saved as .json is common)."""
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError):
        lines = [line for line in data.split("\n") if line.strip()]
        if len(lines) < 2:
            raise InputError("bad_record", "not valid JSON") from None
        obj = None
    if obj is None:
        for number, line in enumerate(data.split("\n"), start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                yield record_from_dict(json.loads(line), where, fields)
            except (ValueError, RecursionError) as exc:
                yield IngestError(where, "bad_record", f"invalid JSON ({_first_line(exc)})")
            except InputError as exc:
                yield IngestError(where, exc.code, exc.message)
        return
    items = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(items):
        where = f"{path}#{index}" if isinstance(obj, list) else path
        try:
            yield record_from_dict(item, where, fields)
        except InputError as exc:
            yield IngestError(where, exc.code, exc.message)


def _first_line(exc: BaseException) -> str:
    return str(exc).split("\n", 1)[0][:200]
