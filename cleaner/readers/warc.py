"""WARC and ARC files: the HTML ``response`` records, read as a stream with warcio.

warcio reads WARC 1.0/1.1 and the older ARC format (converted on the fly), un-chunks and
decompresses HTTP payloads. FastWARC reads WARC faster (about 1.3x on 2,000 dev-set pages,
``bench/warc_readers.py``), but reading is under 1 ms of the tens of ms a page takes to
clean, and FastWARC does not read ARC.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..limits import DEFAULT_MAX_BYTES, TooLarge, over, read_capped
from .document import InputDoc
from .names import UniqueNames, safe_name, url_name

_HTML_TYPES = ("text/html", "application/xhtml+xml")

# warcio logs a repaired WARC-Target-URI (spaces replaced) as a warning; without a handler
# Python prints it to stderr, unattributed, once per record. The URL is sanitised anyway.
logging.getLogger("warcio").addHandler(logging.NullHandler())


class _QuietArchiveIterator(ArchiveIterator):
    """warcio writes a three-line warning to stderr for every record not followed by a
    blank line (a wrong Content-Length); it still counts them in ``err_count``, which
    :func:`read_warc` reports once, on one line naming the file."""

    INC_RECORD = ""


def is_html_type(content_type: str | None) -> bool:
    return bool(content_type) and content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _declared_length(record) -> int | None:
    try:
        return int(record.rec_headers.get_header("Content-Length") or "")
    except ValueError:
        return None


def read_warc(stream: BinaryIO, source: str, base: Path,
              max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[InputDoc]:
    """Documents of a WARC/ARC stream (gzip or not): successful HTML responses only.

    A record whose declared length or decoded payload is over ``max_bytes`` is skipped
    with an error; warcio reads past an unread payload in chunks.
    """
    unique = UniqueNames()
    number = 0
    records = _QuietArchiveIterator(stream, arc2warc=True)
    try:
        for record in records:
            number += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type")
            status = record.http_headers.get_statuscode() or ""
            if not is_html_type(content_type) or not status.startswith("2"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            label = f"{source}#{url or number}"
            length = _declared_length(record)
            if length is not None and over(length, max_bytes):
                yield InputDoc(None, base, "html", source=label, error=str(TooLarge(length, max_bytes)))
                continue
            try:
                content = read_capped(record.content_stream(), max_bytes)
            except TooLarge as exc:  # a compressed payload that inflates past the cap
                yield InputDoc(None, base, "html", source=label, error=str(exc))
                continue
            except Exception as exc:  # a broken payload (bad gzip, bad chunking) is this record's
                yield InputDoc(None, base, "html", source=label, error=f"unreadable record: {exc}")
                continue
            # warcio hands back what there is of a cut-off record; its length says it is short
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield InputDoc(None, base, "html", source=label, error="truncated record")
                continue
            name = unique(safe_name(url_name(url) if url else "", f"record-{number}"))
            yield InputDoc(None, base / name, "html", content=content, url=url,
                           id=(record_id or "").strip("<>") or str(number),
                           content_type=content_type, source=label)
    except Exception as exc:  # a truncated or corrupt archive: report it, go on with other inputs
        message = " ".join(f"{type(exc).__name__}: {exc}".split())
        yield InputDoc(None, base, None, source=f"{source}#{number + 1}", error=f"unreadable WARC: {message}")
    if records.err_count:
        print(f"cleaner: warning: {source}: {records.err_count} WARC record(s) not followed by a blank "
              "line (a wrong Content-Length?); read as far as possible", file=sys.stderr)
