"""Bytes → text: BOMs, UTF-8, then charset-normalizer; refuse binary files early.

Binary detection comes first (magic numbers, NUL bytes outside UTF-16/32) because
charset-normalizer will happily "decode" an image into mojibake.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from factdiff.errors import InputError

# Signatures of common binary formats: (prefix, name).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF (WebP/WAV) file"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx/epub)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "MS Office (OLE) file"),
    (b"\x00\x00\x01\x00", "icon file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c")
_MAX_CONTROL_RATIO = 0.01
_SAMPLE = 65536


def _binary(message: str) -> InputError:
    return InputError("binary", f"not a text file: {message}")


def _check_decoded(text: str) -> str:
    """Reject text that decoded but is full of control characters (a binary in disguise)."""
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        raise _binary("contains NUL characters")
    controls = sum(1 for c in sample if c < " " and c not in _ALLOWED_CONTROLS)
    if sample and controls / len(sample) > _MAX_CONTROL_RATIO:
        raise _binary("too many control characters")
    return text


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file or HTTP bytes; return (text, encoding name).

    Raises InputError "binary" for images, archives and undecodable bytes.
    """
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise _binary(name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_decoded(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise _binary(f"invalid {encoding}") from exc
    head = data[:_SAMPLE]
    if b"\x00" not in head:
        try:
            return _check_decoded(data.decode("utf-8")), "utf-8"
        except UnicodeDecodeError:
            pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise _binary("no text encoding fits")
    if b"\x00" in head and not best.encoding.startswith(("utf_16", "utf_32")):
        raise _binary("contains NUL bytes")
    if _prefer_western(best, [m.encoding for m in matches]):
        try:
            return _check_decoded(data.decode("cp1252")), "cp1252"
        except UnicodeDecodeError:
            return _check_decoded(data.decode("latin-1")), "latin_1"
    return _check_decoded(str(best)), best.encoding


def _is_latin_block(name: str) -> bool:
    return any(word in name for word in ("Latin", "Punctuation", "Symbol", "Number", "Space"))


def _prefer_western(best, candidates: list[str]) -> bool:
    """Short Western-European texts are often guessed as cp775/cp1250/hp_roman8; when cp1252
    fits as well and the guessed text is Latin script only, cp1252 is far more likely."""
    if best.encoding in _WESTERN:
        return False
    fits = set(best.could_be_from_charset) | set(candidates)
    if not fits.intersection(_WESTERN):
        return False
    return all(_is_latin_block(name) for name in best.alphabets)
