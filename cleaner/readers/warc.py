"""WARC and ARC files: the HTML ``response`` records, read as a stream with warcio.

warcio reads WARC 1.0/1.1 and the older ARC format (converted on the fly), un-chunks and
decompresses HTTP payloads. FastWARC reads WARC faster (about 1.3x on 2,000 dev-set pages,
``bench/warc_readers.py``), but reading is under 1 ms of the tens of ms a page takes to
clean, and FastWARC does not read ARC.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from .document import InputDoc
from .names import UniqueNames, safe_name, url_name

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_html_type(content_type: str | None) -> bool:
    return bool(content_type) and content_type.split(";")[0].strip().lower() in _HTML_TYPES


def read_warc(stream: BinaryIO, source: str, base: Path) -> Iterator[InputDoc]:
    """Documents of a WARC/ARC stream (gzip or not): successful HTML responses only."""
    unique = UniqueNames()
    number = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
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
            try:
                content = record.content_stream().read()
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
        yield InputDoc(None, base, None, source=f"{source}#{number + 1}",
                       error=f"unreadable WARC: {type(exc).__name__}: {exc}")
