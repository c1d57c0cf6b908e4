"""Ingest: every input kind, every error code, encodings, and the same-length normaliser."""

from __future__ import annotations

import os
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from factdiff.ingest import (
    detect_language,
    document_from_text,
    is_public_address,
    normalize_for_matching,
    read_inputs,
)
from factdiff.ingest import fetch as fetch_module
from factdiff.ingest.decode import decode_bytes
from factdiff.options import Options

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
OPTIONS = Options(fetch_timeout=2.0)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(40))
ENGLISH = "Mayor Anne Ross said the café on the harbour would reopen on Tuesday. Naïve, some say."


def read(*inputs: str | Path, options: Options = OPTIONS):
    return read_inputs([str(i) for i in inputs], options)


def codes(errors) -> list[str]:
    return [e.code for e in errors]


# --------------------------------------------------------------------------- formats


def test_plain_text_file():
    docs, errors = read(FIXTURES / "plain.txt")
    assert errors == []
    (doc,) = docs
    assert doc.id == "d0"
    assert doc.source == str(FIXTURES / "plain.txt")
    assert doc.title == "plain.txt"
    assert doc.text.startswith("Mayor Anne Ross signed the order on Tuesday.\nAt least 12")
    assert doc.meta["language"] == "en"
    assert doc.meta["format"] == "text"


def test_html_main_text_title_and_no_script():
    docs, errors = read(FIXTURES / "story.html")
    assert errors == []
    (doc,) = docs
    assert doc.meta["format"] == "html"
    assert "SCRIPT-TEXT" not in doc.text
    assert "color: red" not in doc.text
    assert "All rights reserved" not in doc.text
    assert "Harbour ferry sinks near Vindvik" in doc.title
    assert "Police said 50 people were rescued" in doc.text
    # one paragraph per line
    lines = doc.text.split("\n")
    assert any(line.startswith("At least 12 passengers") for line in lines)


def test_html_is_sniffed_without_extension(tmp_path):
    page = (FIXTURES / "story.html").read_text(encoding="utf-8")
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    (doc,), errors = read(path)
    assert errors == []
    assert doc.meta["format"] == "html"
    assert "SCRIPT-TEXT" not in doc.text


def test_tiny_html_falls_back_to_lxml_text(tmp_path):
    path = tmp_path / "tiny.html"
    path.write_text(
        "<html><head><title>T</title><script>bad()</script></head>"
        "<body><div>Anne Ross won.</div></body></html>",
        encoding="utf-8",
    )
    (doc,), errors = read(path)
    assert errors == []
    assert "Anne Ross won." in doc.text
    assert "bad()" not in doc.text
    assert doc.title == "T"


def test_markdown_is_stripped_and_titled():
    (doc,), errors = read(FIXTURES / "story.md")
    assert errors == []
    assert doc.title == "Council approves new bridge"
    assert doc.meta["format"] == "markdown"
    for markup in ("**", "](", "`", "# ", "> "):
        assert markup not in doc.text
    # a soft-wrapped paragraph becomes one line
    assert "new bridge on Thursday, after a long debate that lasted until midnight." in doc.text
    assert "- The bridge will cost 40 million kroner." in doc.text.split("\n")
    assert "Mayor Anne Ross said the vote was close." in doc.text


def test_jsonl_records_ids_titles_and_bad_lines():
    path = FIXTURES / "records.jsonl"
    docs, errors = read(path)
    assert [d.id for d in docs] == ["orig", "d1", "orig-2"]
    assert docs[0].title == "Ferry sinks"
    assert docs[0].source == "https://news.example/ferry"
    assert docs[1].text.startswith("The harbour sank near the ferry.")
    assert docs[1].source == f"{path}:2"
    assert docs[2].text == "A third copy with a repeated id."
    assert codes(errors) == ["bad_record", "bad_record"]
    assert [e.source for e in errors] == [f"{path}:3", f"{path}:4"]
    assert "no text field" in errors[1].message


def test_json_list_and_single_object(tmp_path):
    many = tmp_path / "many.json"
    many.write_text('[{"doc": "First text here."}, {"document": "Second text here."}]')
    one = tmp_path / "one.json"
    one.write_text('{"text": "Only text.", "title": "One"}')
    docs, errors = read(many, one)
    assert errors == []
    assert [(d.id, d.text) for d in docs] == [
        ("d0", "First text here."),
        ("d1", "Second text here."),
        ("d2", "Only text."),
    ]
    assert docs[2].title == "One"


def test_corpus_without_records_is_empty(tmp_path):
    lines = tmp_path / "none.jsonl"
    lines.write_text("\n\n")
    listed = tmp_path / "none.json"
    listed.write_text("[]")
    docs, errors = read(lines, listed)
    assert docs == []
    assert codes(errors) == ["empty", "empty"]


def test_bad_json_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    docs, errors = read(path)
    assert docs == []
    assert codes(errors) == ["bad_record"]


def test_document_from_text_cleans_and_tags():
    doc = document_from_text("Cafe\u0301 owner\r\nsaid so.\r", "x", source="s", title="t")
    assert doc.text == "Café owner\nsaid so.\n"
    assert (doc.id, doc.source, doc.title) == ("x", "s", "t")
    assert doc.meta["language"] == "en"


def test_crlf_nfc_and_invisible_characters_at_ingest(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("Zoe\u0308 Ross\r\nsaid\u00ad so\u200b.\r\n".encode())
    (doc,), _ = read(path)
    assert doc.text == "Zoë Ross\nsaid so.\n"


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "latin-1"])
def test_encodings(tmp_path, encoding):
    path = tmp_path / f"text-{encoding}.txt"
    path.write_bytes(ENGLISH.encode(encoding))
    (doc,), errors = read(path)
    assert errors == []
    assert doc.text == ENGLISH


def test_cp1252_quotes_and_dashes():
    text = "He said \u201cyes\u201d \u2013 it costs 5 \u20ac, the mayor\u2019s office confirmed."
    decoded, encoding = decode_bytes(text.encode("cp1252"))
    assert decoded == text
    assert encoding == "cp1252"


def test_cyrillic_legacy_encoding_is_not_forced_to_cp1252():
    text = "Мэр города подписал указ во вторник после долгих дебатов."
    decoded, _ = decode_bytes(text.encode("cp1251"))
    assert decoded == text


# --------------------------------------------------------------------------- errors


def test_binary_files(tmp_path):
    png = tmp_path / "photo.png"
    png.write_bytes(PNG)
    noise = tmp_path / "noise.dat"
    rng = random.Random(3)
    noise.write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"Anne Ross\x00\x00\x00\x01\x02 signed\x00 it")
    docs, errors = read(png, noise, nul)
    assert docs == []
    assert codes(errors) == ["binary", "binary", "binary"]


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", "\u00a0\n".encode()])
def test_empty_files(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    docs, errors = read(path)
    assert docs == []
    assert codes(errors) == ["empty"]


def test_html_without_text_is_empty(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>x()</script></head><body> </body></html>")
    _, errors = read(path)
    assert codes(errors) == ["empty"]


def test_too_large_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)

    def no_open(*args, **kwargs):
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr(Path, "open", no_open)
    docs, errors = read(path, options=Options(max_input_bytes=100))
    assert docs == []
    assert codes(errors) == ["too_large"]


def test_not_found_and_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    docs, errors = read(tmp_path / "missing.txt", fifo, "", "bad\x00name")
    assert docs == []
    assert codes(errors) == ["not_found", "unreadable", "not_found", "unreadable"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Anne Ross won.")
    path.chmod(0)
    _, errors = read(path)
    assert codes(errors) == ["unreadable"]


def test_directory_bad_file_does_not_stop_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text("Anne Ross signed the order.")
    (tmp_path / "b.png").write_bytes(PNG)
    (tmp_path / "c.txt").write_text("Peter Lind signed the order.")
    (tmp_path / ".hidden.txt").write_text("Hidden text must be skipped.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.md").write_text("# Sub story\n\nA sub story was told.")
    (tmp_path / "sub" / "e.txt").write_text("")
    seen: list[str] = []
    docs, errors = read_inputs([str(tmp_path)], OPTIONS, on_item=seen.append)
    assert [(d.id, Path(d.source).name) for d in docs] == [
        ("d0", "a.txt"),
        ("d1", "c.txt"),
        ("d2", "d.md"),
    ]
    assert docs[2].title == "Sub story"
    assert [(Path(e.source).name, e.code) for e in errors] == [
        ("b.png", "binary"),
        ("e.txt", "empty"),
    ]
    assert [Path(s).name for s in seen] == ["a.txt", "b.png", "c.txt", "d.md", "e.txt"]


def test_non_english_is_tagged_not_refused(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text(
        "Le maire de la ville a signé le décret mardi soir, après un long débat au conseil "
        "municipal. Au moins douze personnes ont été blessées selon la police locale.",
        encoding="utf-8",
    )
    (doc,), errors = read(path)
    assert errors == []
    assert doc.meta["language"] == "fr"


def test_detect_language():
    assert detect_language("Police said 50 people were rescued from the flooded village.") == "en"
    assert detect_language("Mayor Peter Lind at City Hall in Bergen") == "en"
    german = (
        "Der Bürgermeister der Stadt hat am Dienstag die Verordnung unterschrieben, nachdem "
        "der Gemeinderat lange darüber gestritten hatte. Mindestens zwölf Menschen wurden verletzt."
    )
    assert detect_language(german) == "de"
    assert detect_language("12 345 678 !!") == "und"
    assert detect_language("") == "und"


# --------------------------------------------------------------------------- URLs


@pytest.mark.parametrize("url", ["ftp://example.org/story.txt", "file:///etc/passwd"])
def test_non_http_scheme(url):
    docs, errors = read(url)
    assert docs == []
    assert codes(errors) == ["fetch_failed"]
    assert "\n" not in errors[0].message


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/", "http://10.0.0.1/", "http://[::1]/", "http://169.254.169.254/"]
)
def test_private_addresses_are_blocked(url):
    docs, errors = read(url)
    assert docs == []
    assert codes(errors) == ["blocked_address"]


def test_unresolvable_host():
    start = time.monotonic()
    docs, errors = read("http://nonexistent.invalid/")
    assert docs == []
    assert codes(errors) == ["fetch_failed"]
    assert time.monotonic() - start < 15


@pytest.mark.parametrize(
    ("host", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.7", False),
        ("172.16.5.5", False),
        ("169.254.1.1", False),
        ("100.64.0.1", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("fe80::1", False),
        ("0.0.0.0", False),
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("nonexistent.invalid", False),
        ("", False),
    ],
)
def test_is_public_address(host, public):
    assert is_public_address(host) is public


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/story.html":
            body = (FIXTURES / "story.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/slow":
            time.sleep(1.5)
            self.send_response(200)
            self.end_headers()
        else:
            self.send_error(404, "Not Found")

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server(monkeypatch):
    """A local HTTP server; the address check is relaxed for this test only."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setattr(fetch_module, "is_public_ip", lambda ip: True)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_html_page(local_server):
    url = f"{local_server}/story.html"
    (doc,), errors = read(url)
    assert errors == []
    assert doc.source == url
    assert doc.meta["format"] == "html"
    assert "Harbour ferry sinks" in doc.title
    assert "SCRIPT-TEXT" not in doc.text


def test_fetch_http_error_and_timeout(local_server):
    docs, errors = read(
        f"{local_server}/missing", f"{local_server}/slow", options=Options(fetch_timeout=0.3)
    )
    assert docs == []
    assert codes(errors) == ["fetch_failed", "fetch_failed"]
    assert "404" in errors[0].message
    assert "timed out" in errors[1].message


def test_fetch_too_large(local_server):
    _, errors = read(f"{local_server}/story.html", options=Options(max_input_bytes=100))
    assert codes(errors) == ["too_large"]


# --------------------------------------------------------------------------- normaliser


def test_normalize_for_matching_maps_typography():
    text = "\u201cWe\u2019ll win\u201d \u2013 she said\u2026 at 5\u00a0pm \u2014 \uff21\uff11"
    out = normalize_for_matching(text)
    assert out == '"We\'ll win" - she said\u2026 at 5 pm - A1'
    assert len(out) == len(text)


def test_normalize_for_matching_keeps_length_on_any_text():
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x20, 0x3100)] + ["\U0001f600", "\n", "\t"]
    for _ in range(50):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 300)))
        assert len(normalize_for_matching(text)) == len(text)


def test_fast_paths_of_reading_equal_the_slow_ones():
    """clean_text skips its tables, and detect_language counts words on bytes, only where
    that gives what the plain code gives (every document of a crawl takes these paths)."""
    import random
    import re
    import unicodedata

    from factdiff.ingest.language import _ENGLISH_FUNCTION_WORDS, _count_function_words
    from factdiff.ingest.normalize import _INVISIBLE, _LINE_BREAKS, clean_text

    rnd = random.Random(5)
    pieces = ["the", "of", "don't", "'tis", "''", "it's", "Café", "naïve", "e\u0301", "İ", "\r\n",
              "\r", "\u00ad", "\u2028", "\ufeff", " ", "  ", "\n", "x'y'z", "a'", "'b", "日本",
              "WHO", "said", "-", ".", "1999"]  # fmt: skip
    word = re.compile(r"[a-z]+(?:'[a-z]+)?")
    for _ in range(2000):
        text = "".join(
            rnd.choice(pieces) + rnd.choice(["", " "]) for _ in range(rnd.randint(0, 40))
        )
        slow = text.replace("\r\n", "\n").translate(_LINE_BREAKS).translate(_INVISIBLE)
        assert clean_text(text) == unicodedata.normalize("NFC", slow)
        low = text.lower()
        words = word.findall(low)
        assert _count_function_words(low) == (
            len(words),
            sum(w in _ENGLISH_FUNCTION_WORDS for w in words),
        ), text
