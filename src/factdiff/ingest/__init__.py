"""Ingest: paths, directories, URLs, HTML, Markdown, plain text and JSON/JSONL corpora →
``Document`` records, with one ``IngestError`` per input that could not be read.

Document ids are "d0", "d1", ... in input order (a record's own "id" wins). ``Document.text``
is the extracted text after NFC and line-ending clean-up; every later offset refers to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from factdiff.errors import InputError
from factdiff.ingest.fetch import is_public_address
from factdiff.ingest.language import detect_language
from factdiff.ingest.normalize import clean_text, normalize_for_matching
from factdiff.ingest.readers import Draft, is_url, read_path, read_url, walk_directory
from factdiff.options import Options
from factdiff.types import Document, IngestError

__all__ = [
    "detect_language",
    "document_from_draft",
    "document_from_text",
    "is_public_address",
    "iter_documents",
    "normalize_for_matching",
    "read_inputs",
    "unique_id",
]


def document_from_text(text: str, doc_id: str, source: str = "", title: str = "") -> Document:
    """A Document from a string already in memory (the API's ``compare_texts``/``check``).

    The text is cleaned like a file's (NFC, "\\n" line ends) but not parsed as HTML. An empty
    text is allowed here; the pipeline decides what to do with it.
    """
    text = clean_text(text)
    return Document(
        id=doc_id,
        text=text,
        source=source,
        title=title,
        meta={"language": detect_language(text), "format": "text"},
    )


def document_from_draft(draft: Draft, doc_id: str) -> Document:
    """The Document of an extracted draft; raises InputError("empty") for no text."""
    text = clean_text(draft.text)
    if not text.strip():
        what = {"html": "no main text found in the page"}.get(draft.format, "no text")
        raise InputError("empty", what)
    meta = {"language": detect_language(text), "format": draft.format}
    if draft.encoding:
        meta["encoding"] = draft.encoding
    if draft.date:
        meta["date"] = draft.date
    return Document(id=doc_id, text=text, source=draft.source, title=draft.title, meta=meta)


def _drafts(item: str, options: Options) -> Iterator[tuple[str, Iterator[Draft | IngestError]]]:
    """(source, drafts) for every file an input names; a directory gives one per file."""
    if is_url(item):
        yield item, read_url(item, options)
        return
    path = Path(item)
    if path.is_dir():
        for file in walk_directory(path):
            yield str(file), read_path(file, options)
        return
    yield item, read_path(path, options)


def _drafts_of(inputs: Sequence[str], options: Options) -> Iterator[Draft | IngestError]:
    """Every draft or error, in input order; nothing raises."""
    for item in inputs:
        if not item.strip():
            yield IngestError(item, "not_found", "empty input name")
            continue
        try:
            for source, drafts in _drafts(item, options):
                try:
                    yield from drafts
                except InputError as exc:
                    yield IngestError(source, exc.code, exc.message)
                except (OSError, ValueError, RecursionError, MemoryError) as exc:
                    yield IngestError(source, "unreadable", _one_line(exc))
        except (OSError, ValueError) as exc:  # the input name itself is unusable
            yield IngestError(item, "unreadable", _one_line(exc))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def unique_id(doc_id: str, taken: set[str]) -> str:
    """``doc_id``, or with "-2", "-3" ... when it is taken already."""
    if doc_id not in taken:
        return doc_id
    n = 2
    while f"{doc_id}-{n}" in taken:
        n += 1
    return f"{doc_id}-{n}"


def iter_documents(inputs: Sequence[str], options: Options) -> Iterator[Document | IngestError]:
    """Stream a Document or an IngestError per item, in input order (for corpora too big to
    hold in a list). Ids are "d0", "d1", ... counting documents; a record's own id wins, and
    a repeated id gets a "-2" suffix."""
    taken: set[str] = set()
    count = 0
    for item in _drafts_of(inputs, options):
        if isinstance(item, IngestError):
            yield item
            continue
        doc_id = unique_id(item.doc_id or f"d{count}", taken)
        try:
            document = document_from_draft(item, doc_id)
        except InputError as exc:
            yield IngestError(item.source, exc.code, exc.message)
            continue
        taken.add(doc_id)
        count += 1
        yield document


def read_inputs(
    inputs: Sequence[str],
    options: Options,
    on_item: Callable[[str], None] | None = None,
) -> tuple[list[Document], list[IngestError]]:
    """Read every input; return the documents and one error per input that failed.

    ``on_item`` is called with the source of every document or error as it is produced
    (progress display).
    """
    documents: list[Document] = []
    errors: list[IngestError] = []
    for item in iter_documents(inputs, options):
        if isinstance(item, IngestError):
            errors.append(item)
        else:
            documents.append(item)
        if on_item is not None:
            on_item(item.source)
    return documents, errors
