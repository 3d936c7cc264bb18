"""Bytes to text, in the order a browser uses: BOM, HTTP charset, <meta charset>, detection.

w3lib (Scrapy's web library) reads the BOM, the ``Content-Type`` header and the
``<meta>``/XML declaration, and maps labels the way the WHATWG Encoding Standard does
(``iso-8859-1`` means windows-1252, ``shift_jis`` means cp932, ...). Detection is
uchardet (faust-cchardet), which tells the Central European single-byte encodings apart
where charset-normalizer, kept as the fallback, took ISO-8859-2 Polish for ISO-8859-10.
Decoding never raises: bytes the chosen codec cannot read become U+FFFD and are counted
in :class:`Decoding`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import asdict, dataclass

import cchardet
from charset_normalizer import from_bytes
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
    to_unicode,
)

# Declared encodings in which any byte string decodes: a page declared as one of these
# that is nevertheless valid UTF-8 with non-ASCII bytes is UTF-8 mislabelled (text in
# these encodings is practically never valid UTF-8 by accident).
_SINGLE_BYTE = re.compile(r"^(cp12[05][0-8]|iso8859[-_]\d+|latin[-_]?1|mac[-_]\w+|koi8[-_]\w+|cp874)$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DETECT_BYTES = 65536


@dataclass(frozen=True)
class Decoding:
    """How a document's bytes were decoded.

    ``source``: "bom", "http" (Content-Type charset), "meta" (<meta> or XML declaration),
    "utf-8" (valid UTF-8, nothing declared), "utf-8-override" (declared a single-byte
    encoding but valid UTF-8), "detected" (charset-normalizer), or "fallback".
    ``errors``: how many characters could not be decoded and became U+FFFD.
    """

    encoding: str
    source: str
    errors: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def _decode(data: bytes, encoding: str, source: str) -> tuple[str, Decoding]:
    try:
        return data.decode(encoding), Decoding(encoding, source)
    except UnicodeDecodeError:
        text = to_unicode(data, encoding)
        # U+FFFD already in the input (as UTF-8) is content, not a decoding error.
        present = data.count(b"\xef\xbf\xbd") if encoding == "utf-8" else 0
        return text, Decoding(encoding, source, max(text.count("\ufffd") - present, 1))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _undeclared(data: bytes) -> tuple[str, Decoding]:
    if _is_utf8(data):
        return data.decode("utf-8"), Decoding("utf-8", "utf-8")
    sample = data[:_DETECT_BYTES]
    guess = cchardet.detect(sample).get("encoding")
    encoding = resolve_encoding(guess) if guess else None
    if encoding is None:
        best = from_bytes(sample).best()
        encoding = resolve_encoding(best.encoding) if best is not None else None
    if encoding is None:
        return _decode(data, "utf-8", "fallback")
    return _decode(data, encoding, "detected")


def _declared(data: bytes, encoding: str, source: str) -> tuple[str, Decoding]:
    if _SINGLE_BYTE.match(encoding) and not data.isascii() and _is_utf8(data):
        return data.decode("utf-8"), Decoding("utf-8", "utf-8-override")
    if encoding in ("utf-16", "utf-32"):  # declared without a BOM: big-endian by definition
        encoding += "-be"
    return _decode(data, encoding, source)


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, Decoding]:
    """Decode an HTML page: BOM, HTTP ``Content-Type`` charset, ``<meta charset>``, detection."""
    encoding, bom = read_bom(data)
    if encoding is not None:
        text, decoding = _decode(data[len(bom):], encoding, "bom")
    elif (encoding := http_content_type_encoding(content_type)) is not None:
        text, decoding = _declared(data, encoding, "http")
    elif (encoding := html_body_declared_encoding(data)) is not None:
        if encoding.startswith("utf_16") or encoding.startswith("utf-16"):
            # An ASCII-readable <meta> cannot be UTF-16; browsers read it as UTF-8.
            encoding = "utf-8"
        text, decoding = _declared(data, encoding, "meta")
    else:
        text, decoding = _undeclared(data)
    # The declaration no longer applies to the decoded text, and lxml refuses a str with one.
    return _XML_DECLARATION.sub("", text, count=1), decoding


def decode_plain(data: bytes, content_type: str | None = None) -> tuple[str, Decoding]:
    """Decode a text dump: BOM, HTTP ``Content-Type`` charset, then UTF-8 or detection."""
    encoding, bom = read_bom(data)
    if encoding is not None:
        return _decode(data[len(bom):], encoding, "bom")
    if (encoding := http_content_type_encoding(content_type)) is not None:
        return _declared(data, encoding, "http")
    return _undeclared(data)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text dump; returns the text and the codec name (kept for older callers)."""
    text, decoding = decode_plain(data)
    return text, codecs.lookup(decoding.encoding).name
