"""Turn one input (file, directory, URL) into drafts: extracted text plus where it came from.

A draft has no id yet: ids are handed out in input order by ``read_inputs``. Every failure is
an InputError with a code, raised here and turned into an IngestError record by the caller,
so one bad file never stops a batch.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from factdiff.errors import InputError
from factdiff.ingest.decode import decode_bytes
from factdiff.ingest.fetch import fetch_url
from factdiff.ingest.html import html_to_text, looks_like_html
from factdiff.ingest.markdown import markdown_to_text
from factdiff.ingest.records import RECORD_EXTENSIONS, Record, iter_json, iter_jsonl
from factdiff.ingest.warc import is_warc, iter_warc
from factdiff.options import Options
from factdiff.types import IngestError

HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


@dataclass(frozen=True, slots=True)
class Draft:
    """Extracted text of one document before it gets an id."""

    text: str
    source: str
    title: str
    format: str  # text | markdown | html | record
    encoding: str = ""
    doc_id: str | None = None  # a record's own id
    date: str = ""  # when it was published or fetched, if the input says (WARC-Date)


def is_url(item: str) -> bool:
    """True for anything with a scheme ("http://", "ftp://", "file://"); only http(s) is
    fetched, the rest fails with a clear message instead of being taken for a file name."""
    return bool(_URL.match(item))


def walk_directory(root: Path) -> Iterator[Path]:
    """Every non-hidden file under ``root``, sorted, not following directory symlinks."""
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(folder) / name


def draft_from_text(
    text: str, source: str, name: str, fmt_hint: str = "", encoding: str = ""
) -> Draft:
    """Pick the format (extension, hint, then content sniffing) and extract the text."""
    suffix = PurePosixPath(name).suffix.lower()
    if (
        fmt_hint == "html"
        or suffix in HTML_EXTENSIONS
        or (suffix not in MARKDOWN_EXTENSIONS and looks_like_html(text))
    ):
        body, title = html_to_text(text, url=source if is_url(source) else None)
        return Draft(body, source, title or name, "html", encoding)
    if fmt_hint == "markdown" or suffix in MARKDOWN_EXTENSIONS:
        body, title = markdown_to_text(text)
        return Draft(body, source, title or name, "markdown", encoding)
    return Draft(text, source, name, "text", encoding)


def draft_from_record(record: Record) -> Draft:
    source = record.url or record.where
    if looks_like_html(record.text):
        body, title = html_to_text(record.text)
        return Draft(body, source, record.title or title, "record", "", record.id, record.date)
    return Draft(record.text, source, record.title, "record", "", record.id, record.date)


def _records(items: Iterator[Record | IngestError]) -> Iterator[Draft | IngestError]:
    count = 0
    for item in items:
        count += 1
        yield item if isinstance(item, IngestError) else draft_from_record(item)
    if not count:
        raise InputError("empty", "no records")


def read_path(path: Path, options: Options) -> Iterator[Draft | IngestError]:
    """Drafts of one file (several for a JSON/JSONL corpus). Raises InputError for a file
    that cannot be read at all; yields an IngestError for a single bad record."""
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise InputError("not_found", "no such file or directory") from exc
    except OSError as exc:
        raise InputError("unreadable", exc.strerror or str(exc)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise InputError("unreadable", "not a regular file")
    suffix = path.suffix.lower()
    if is_warc(path):  # a crawl: streamed record by record, however large
        yield from iter_warc(path, options)
        return
    if suffix in (".jsonl", ".ndjson"):
        try:
            with path.open("rb") as stream:
                yield from _records(
                    iter_jsonl(stream, source, options.max_input_bytes, options.fields)
                )
        except PermissionError as exc:
            raise InputError("unreadable", "permission denied") from exc
        return
    if info.st_size > options.max_input_bytes:
        raise InputError(
            "too_large",
            f"file is {info.st_size} bytes, over the limit of {options.max_input_bytes}",
        )
    try:
        with path.open("rb") as stream:
            data = stream.read(options.max_input_bytes + 1)
    except PermissionError as exc:
        raise InputError("unreadable", "permission denied") from exc
    except OSError as exc:
        raise InputError("unreadable", exc.strerror or str(exc)) from exc
    if len(data) > options.max_input_bytes:
        raise InputError("too_large", f"file is over the limit of {options.max_input_bytes} bytes")
    if not data.strip():
        raise InputError("empty", "file is empty")
    text, encoding = decode_bytes(data)
    if suffix in RECORD_EXTENSIONS:
        yield from _records(iter_json(text, source, options.fields))
        return
    yield draft_from_text(text, source, path.name, encoding=encoding)


def read_url(url: str, options: Options) -> Iterator[Draft | IngestError]:
    """Drafts of one web page (or JSON/JSONL served over http)."""
    fetched = fetch_url(url, options)
    if not fetched.data.strip():
        raise InputError("empty", "the page is empty")
    text, encoding = decode_bytes(fetched.data)
    content_type = fetched.content_type.lower()
    path = unquote(urlsplit(fetched.url).path)
    name = PurePosixPath(path).name or urlsplit(fetched.url).hostname or url
    if "json" in content_type or PurePosixPath(path).suffix.lower() in RECORD_EXTENSIONS:
        yield from _records(iter_json(text, url, options.fields))
        return
    hint = "html" if "html" in content_type else ""
    if not hint and "markdown" in content_type:
        hint = "markdown"
    yield draft_from_text(text, url, name, fmt_hint=hint, encoding=encoding)
