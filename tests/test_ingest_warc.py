"""Reading a crawl: WARC and WARC.gz files, written here with warcio itself."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

import pytest

from factdiff.ingest import read_inputs
from factdiff.options import Options

warcio = pytest.importorskip("warcio")

PAGE = (
    "<html><head><title>Harbour fire</title></head><body><article>"
    "<h1>Harbour fire</h1>"
    "<p>Firefighters from four stations fought the blaze at the Port Merrow fish market for "
    "almost six hours before bringing it under control, the fire service said on Tuesday.</p>"
    "<p>Three men and two women who lived in flats above the market were rescued by ladder "
    "from the upper floor, and no one was seriously injured.</p>"
    "</article></body></html>"
)


def write_warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, ctype, body in (
            ("https://news.example/fire", "text/html; charset=utf-8", PAGE.encode()),
            ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
            ("https://news.example/empty", "text/html", b"<html><body></body></html>"),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


@pytest.mark.parametrize("gz", [False, True])
def test_html_responses_become_documents_and_the_rest_is_counted(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz)
    docs, errors = read_inputs([str(path)], Options())
    assert [d.source for d in docs] == ["https://news.example/fire"]
    assert docs[0].id == "https://news.example/fire"
    assert "four stations" in docs[0].text and docs[0].meta["date"]
    assert sorted(e.code for e in errors) == ["empty", "not_html"]


def test_a_corrupt_archive_among_good_files_is_reported_and_the_rest_read(tmp_path):
    write_warc(tmp_path / "good.warc.gz", True)
    whole = (tmp_path / "good.warc.gz").read_bytes()
    (tmp_path / "bad.warc.gz").write_bytes(whole[: len(whole) // 2])  # cut off mid-stream
    (tmp_path / "none.warc").write_bytes(gzip.decompress(gzip.compress(b"")))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 8)
    docs, errors = read_inputs([str(tmp_path)], Options())
    # the page read before the cut is kept (nothing lost), then the archive is reported
    assert [d.source for d in docs] == ["https://news.example/fire"] * 2
    codes = {Path(e.source.split("#")[0]).name: e.code for e in errors}
    assert codes["bad.warc.gz"] == "corrupt_archive"
    assert codes["none.warc"] == "no_records"
    assert codes["empty.txt"] == "empty"
    assert codes["blob.bin"] == "binary"


def test_a_warc_crawl_groups_with_its_urls_as_ids_and_fetch_dates(tmp_path):
    from factdiff.corpus.engine import LocalEngine

    write_warc(tmp_path / "crawl.warc.gz", True)
    (tmp_path / "copy.txt").write_text(
        "Firefighters from four stations fought the blaze at the Port Merrow fish market for "
        "almost six hours before bringing it under control, the fire service said on Tuesday. "
        "Three men and two women who lived in flats above the market were rescued by ladder."
    )
    corpus = LocalEngine(1).sketch([str(tmp_path)], Options(), seed=0)
    by_doc = {d.doc: d for d in corpus.docs}
    page = by_doc["https://news.example/fire"]
    assert page.site == "news.example" and page.date and page.url == page.doc
    assert sorted(e.code for e in corpus.errors) == ["empty", "not_html"]
    import factdiff

    grouping = factdiff.cluster([str(tmp_path)], workers=1)
    story = dict(zip(grouping.docs, grouping.story, strict=True))
    assert story["https://news.example/fire"] == story[str(tmp_path / "copy.txt")]
