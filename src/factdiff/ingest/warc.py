"""WARC and WARC.gz crawls (Common Crawl, wget --warc-file): one document per HTML response.

Read with warcio (the ``corpus`` extra), streamed record by record so memory does not grow
with the crawl. Only ``response`` records whose HTTP Content-Type is HTML become documents;
their main text comes from trafilatura like any HTML page, their URL and fetch date from the
record. Everything else is an ``IngestError`` for that record with a reason code, never the
end of the file: ``not_html`` (another payload), ``too_large``, ``empty``; a file that stops
being a valid archive (or a .warc.gz cut short, which warcio reads quietly up to the cut,
so the gzip stream is checked once more) gives one ``corrupt_archive`` error after the
records read so far.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factdiff.errors import InputError
from factdiff.ingest.decode import decode_bytes
from factdiff.ingest.html import html_to_text
from factdiff.options import Options
from factdiff.types import IngestError

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Response:
    """An HTML response of a WARC file, not yet extracted: reading the archive is sequential,
    extracting its pages (trafilatura) is the slow part and can run elsewhere."""

    where: str  # path#URL: names the record in errors
    url: str
    date: str  # WARC-Date
    data: bytes  # the HTTP payload


def iter_warc(path: Path, options: Options) -> Iterator:
    """Drafts (``readers.Draft``) of the HTML responses of one WARC file, or an IngestError
    per record that is not one."""
    for item in iter_responses(path, options):
        yield item if isinstance(item, IngestError) else draft_of(item)


def draft_of(response: Response):
    """The Draft of an HTML response (its main text by trafilatura), or an IngestError."""
    from factdiff.ingest.readers import Draft

    text, encoding = decode_bytes(response.data)
    body, title = html_to_text(text, url=response.url or None)
    if not body.strip():
        return IngestError(response.where, "empty", "no main text found in the page")
    url = response.url
    return Draft(
        body, url or response.where, title or url, "html", encoding, doc_id=url or None,
        date=response.date,
    )  # fmt: skip


def iter_responses(path: Path, options: Options) -> Iterator[Response | IngestError]:
    """The HTML responses of one WARC file, unextracted, or an IngestError per record that is
    not one (see the module docstring)."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:
        raise InputError(
            "missing_extra",
            "reading WARC files needs the corpus extra: pip install 'factdiff[corpus]'",
        ) from exc
    source = str(path)
    count = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                count += 1
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{source}#{url or count}"
                http = record.http_headers
                ctype = (http.get_header("Content-Type") if http is not None else "") or ""
                if "html" not in ctype.lower():
                    kind = ctype.split(";")[0].strip() or "no content type"
                    yield IngestError(where, "not_html", f"not an HTML response ({kind})")
                    continue
                data = record.content_stream().read(options.max_input_bytes + 1)
                if len(data) > options.max_input_bytes:
                    yield IngestError(
                        where, "too_large", f"response is over {options.max_input_bytes} bytes"
                    )
                    continue
                date = record.rec_headers.get_header("WARC-Date") or ""
                yield Response(where, url, date, data)
    except Exception as exc:  # warcio's ArchiveLoadFailed, gzip and zlib errors alike
        yield IngestError(
            source,
            "corrupt_archive",
            f"not a readable WARC after {count} responses ({type(exc).__name__}: "
            f"{_printable(str(exc))[:120]})",
        )
        return
    problem = _gzip_problem(path)
    if problem:  # warcio stops quietly at a cut gzip stream: say what was lost
        yield IngestError(
            source, "corrupt_archive", f"archive cut short after {count} responses ({problem})"
        )
    elif count == 0:
        yield IngestError(source, "no_records", "no HTTP response record in this WARC file")


def _gzip_problem(path: Path, chunk: int = 1 << 20) -> str:
    """Why a .warc.gz file is not a whole gzip stream ("" when it is, or is not gzip)."""
    if not path.name.lower().endswith(".gz"):
        return ""
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(chunk):
                pass
    except (OSError, EOFError, zlib.error) as exc:
        return f"{type(exc).__name__}: {' '.join(str(exc).split())[:100]}"
    return ""


def _printable(text: str) -> str:
    """One line of printable characters (a corrupt archive's bytes end up in messages)."""
    return " ".join("".join(c if c.isprintable() else "?" for c in text).split())
