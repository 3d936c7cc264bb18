"""Small documents and containers made at test time for the input/output tests."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPHS = [
    "The council met on Tuesday evening to discuss the new bridge across the river, which "
    "has been closed to traffic since the spring floods damaged its northern supports.",
    "Engineers told the meeting that repairs would take at least another four months and "
    "that the cost had risen sharply because steel prices had doubled since last year.",
    "Residents who live on the far bank said the detour adds half an hour to every trip "
    "into town, and several shop owners reported that trade had fallen by a third.",
    "The mayor promised a decision on a temporary ferry service before the end of the month.",
]


def article_html(title: str = "Bridge repairs delayed again", paragraphs: list[str] | None = None,
                 head: str = "", extra_body: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return (
        f"<!DOCTYPE html><html lang=\"en\"><head>{head}<title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}{extra_body}</article>"
        f"<footer>Copyright 2024 Example News</footer></body></html>"
    )


def write_jsonl(path: Path, records: list[dict], compress: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], compress: bool = True) -> Path:
    """``pages``: (url, body, content type); adds a request and a non-HTML response too."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for url, body, content_type in pages:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                http_headers=StatusAndHeaders(
                                                    "GET / HTTP/1.1", [("Host", "example.org")],
                                                    is_http_request=True))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=image))
    return path


def arc_records(url: str, body: bytes, content_type: str = "text/html") -> list[bytes]:
    """The records of a one-page ARC (version 1) file; warcio reads ARC but does not write it.

    Join them for an ``.arc``; gzip each one for an ``.arc.gz`` (one gzip member a record).
    """
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    filedesc_body = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    header = f"filedesc://test.arc 0.0.0.0 20240101000000 text/plain {len(filedesc_body)}\n".encode()
    record = f"{url} 93.184.216.34 20240101000000 {content_type} {len(http)}\n".encode()
    return [header + filedesc_body + b"\n", record + http + b"\n"]
