"""Reading a crawl: inputs → work units → documents with corpus ids.

A corpus document's id is what names it everywhere: a JSONL row's ``id`` (else
``path:line``), a WARC response's URL, a file's path. So ids do not depend on the order in
which workers finish, and the Ray and local engines name documents alike.

Work units keep memory flat and the cores busy: small files (HTML, text, Markdown) travel in
groups of ``FILES_PER_UNIT`` and are read by the workers; a JSONL corpus travels as byte
ranges of about ``JSONL_UNIT_BYTES`` cut at line ends, which the workers read and parse (the
driver only counts line ends, so it never holds or pickles the rows); a WARC file is read
by the driver (an archive is sequential) and its HTML responses travel unextracted, in
batches of ``RESPONSES_PER_UNIT``, to the workers, which extract the pages (trafilatura, the
slow part); the driver reads other record files (JSON) itself and sends their documents on
in batches of ``DOCS_PER_UNIT``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from factdiff.errors import InputError
from factdiff.ingest import document_from_draft, is_url
from factdiff.ingest.readers import (
    Draft,
    draft_from_record,
    read_path,
    read_url,
    walk_directory,
)
from factdiff.ingest.records import RECORD_EXTENSIONS, iter_jsonl
from factdiff.ingest.warc import Response, draft_of, is_warc, iter_responses
from factdiff.options import Options
from factdiff.types import Document, IngestError

FILES_PER_UNIT = 32
DOCS_PER_UNIT = 512
JSONL_UNIT_BYTES = 1 << 20  # about 500 news articles
RESPONSES_PER_UNIT = 64  # raw HTML pages of ~50-100 kB each
LANGUAGE = "en"  # the checks are English; pages in another language are counted, not grouped


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of work: files for a worker to read, or documents the driver already read."""

    files: tuple[str, ...] = ()
    docs: tuple[Document, ...] = ()
    errors: tuple[IngestError, ...] = ()
    responses: tuple[Response, ...] = ()  # HTML pages of a WARC file, to extract
    span: tuple[int, int] = (0, 0)  # bytes [start, end) of a JSONL file ...
    path: str = ""  # ... this one,
    first_line: int = 1  # starting at this line


def expand(inputs: Sequence[str]) -> Iterator[str | IngestError]:
    """Every file (directories walked, sorted) and URL the inputs name."""
    for item in inputs:
        if is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            yield from (str(f) for f in walk_directory(path))
        elif path.exists():
            yield item
        else:
            yield IngestError(item, "not_found", "no such file or directory")


def is_record_file(name: str) -> bool:
    return not is_url(name) and (
        Path(name).suffix.lower() in RECORD_EXTENSIONS or is_warc(Path(name))
    )


def site_of(url_or_path: str) -> str:
    """The host of a URL ("www." dropped), or "" for a local file."""
    if not is_url(url_or_path):
        return ""
    host = (urlsplit(url_or_path).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def read_one(name: str, options: Options) -> Iterator[Document | IngestError]:
    """The documents of one file or URL, with corpus ids; never raises."""
    try:
        yield from _documents(
            read_url(name, options) if is_url(name) else read_path(Path(name), options)
        )
    except InputError as exc:
        yield IngestError(name, exc.code, exc.message)
    except (OSError, ValueError, RecursionError, MemoryError) as exc:
        yield IngestError(name, "unreadable", " ".join(str(exc).split())[:200])


def _documents(drafts: Iterable[Draft | IngestError]) -> Iterator[Document | IngestError]:
    for draft in drafts:
        if isinstance(draft, IngestError):
            yield draft
            continue
        try:
            doc = document_from_draft(draft, draft.doc_id or draft.source)
        except InputError as exc:
            yield IngestError(draft.source, exc.code, exc.message)
            continue
        language = doc.meta.get("language", "und")
        if language not in (LANGUAGE, "und"):
            yield IngestError(doc.source, "not_english", f"the page is in {language!r}")
            continue
        yield doc


def _jsonl_ranges(path: str) -> Iterator[Unit]:
    """Byte ranges of whole lines (the driver only counts line ends; workers parse)."""
    try:
        with open(path, "rb") as stream:
            pos = start = 0
            first, seen = 1, False
            while block := stream.read(JSONL_UNIT_BYTES):
                seen = seen or bool(block.strip())
                cut = block.rfind(b"\n")
                if cut >= 0:  # earlier blocks of this unit held no line end
                    yield Unit(span=(start, pos + cut + 1), path=path, first_line=first)
                    start, first = pos + cut + 1, first + block.count(b"\n")
                pos += len(block)
            if pos > start:
                yield Unit(span=(start, pos), path=path, first_line=first)
            if not seen:
                yield Unit(errors=(IngestError(path, "empty", "no records"),))
    except OSError as exc:
        yield Unit(errors=(IngestError(path, "unreadable", exc.strerror or str(exc)),))


def _warc_responses(path: str, options: Options) -> Iterator[Response | IngestError]:
    """The archive's HTML responses, unextracted, and the errors of the records between."""
    try:
        yield from iter_responses(Path(path), options)
    except InputError as exc:  # warcio not installed
        yield IngestError(path, exc.code, exc.message)


def _jsonl_lines(unit: Unit) -> list[bytes]:
    start, end = unit.span
    with open(unit.path, "rb") as stream:
        stream.seek(start)
        return stream.read(end - start).split(b"\n")


def units(inputs: Sequence[str], options: Options) -> Iterator[Unit]:
    """Work units in input order (see the module docstring)."""
    files: list[str] = []
    for item in expand(inputs):
        if isinstance(item, IngestError):
            yield Unit(errors=(item,))
            continue
        records = _record_units(item, options)
        if records is None:  # a file (or URL) a worker reads whole
            files.append(item)
            if len(files) >= FILES_PER_UNIT:
                yield Unit(files=tuple(files))
                files = []
            continue
        if files:
            yield Unit(files=tuple(files))
            files = []
        yield from records
    if files:
        yield Unit(files=tuple(files))


def _record_units(item: str, options: Options) -> Iterator[Unit] | None:
    """The units of a file of many records (JSONL, WARC, JSON), else None."""
    if is_url(item):
        return None
    if Path(item).suffix.lower() in (".jsonl", ".ndjson"):
        return _jsonl_ranges(item)
    if is_warc(Path(item)):
        return _batches(_warc_responses(item, options), "responses", RESPONSES_PER_UNIT)
    if is_record_file(item):  # a JSON file: the driver reads it
        return _batches(read_one(item, options), "docs", DOCS_PER_UNIT)
    return None


def _batches(items: Iterable, field: str, size: int) -> Iterator[Unit]:
    """Units of ``size`` items each (as the Unit ``field``), with the errors met between."""
    batch: list = []
    errors: list[IngestError] = []
    for x in items:
        (errors if isinstance(x, IngestError) else batch).append(x)
        if len(batch) >= size:
            yield Unit(**{field: tuple(batch)}, errors=tuple(errors))
            batch, errors = [], []
    if batch or errors:
        yield Unit(**{field: tuple(batch)}, errors=tuple(errors))


def unit_documents(unit: Unit, options: Options) -> tuple[list[Document], list[IngestError]]:
    """The documents and errors of a unit, reading its files."""
    docs, errors = list(unit.docs), list(unit.errors)
    if unit.span[1] > unit.span[0]:
        try:
            lines = _jsonl_lines(unit)
        except OSError as exc:
            lines = []
            errors.append(IngestError(unit.path, "unreadable", exc.strerror or str(exc)))
        f = options.fields
        records = iter_jsonl(lines, unit.path, options.max_input_bytes, f, unit.first_line)
        drafts = (r if isinstance(r, IngestError) else draft_from_record(r) for r in records)
        for x in _documents(drafts):
            (errors if isinstance(x, IngestError) else docs).append(x)
    if unit.responses:
        for x in _documents(draft_of(r) for r in unit.responses):
            (errors if isinstance(x, IngestError) else docs).append(x)
    for name in unit.files:
        for x in read_one(name, options):
            (errors if isinstance(x, IngestError) else docs).append(x)
    return docs, errors
