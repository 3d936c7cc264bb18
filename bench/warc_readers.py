"""Compare warcio and FastWARC at what the WARC reader does: find HTML responses, read them.

Builds a gzip WARC of N pages (dev-set pages when /work/shared/devset is there, else
synthetic ones) with warcio, then times each library over the same file, best of 3.
Ratios only matter: both run in the same process on the same file.

    python bench/warc_readers.py [--records 4000]
"""

from __future__ import annotations

import argparse
import glob
import gzip
import io
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEVSET = Path("/work/shared/devset/html")


def pages(n: int) -> list[bytes]:
    files = sorted(glob.glob(str(DEVSET / "*.html.gz")))
    if files:
        raw = [gzip.open(f).read() for f in files]
    else:
        raw = [f"<html><body><p>{'word ' * 2000}{i}</p></body></html>".encode() for i in range(50)]
    return [raw[i % len(raw)] for i in range(n)]


def build(path: Path, n: int) -> int:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, body in enumerate(pages(n)):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://example.org/{i}", "response",
                                               payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)
    return path.stat().st_size


def read_warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator
    total = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, arc2warc=True):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if "html" not in (record.http_headers.get_header("Content-Type") or ""):
                continue
            record.rec_headers.get_header("WARC-Target-URI")
            total += len(record.content_stream().read())
    return total


def read_fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    total = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
            if "html" not in (record.http_headers.get("Content-Type") or ""):
                continue
            record.headers.get("WARC-Target-URI")
            total += len(record.reader.read())
    return total


def best(fn, path: Path) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(3):
        start = time.perf_counter()
        size = fn(path)
        times.append(time.perf_counter() - start)
    return min(times), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=4000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        size = build(path, args.records)
        w, w_bytes = best(read_warcio, path)
        f, f_bytes = best(read_fastwarc, path)
    assert w_bytes == f_bytes, (w_bytes, f_bytes)
    print(f"{args.records} records, {size / 1e6:.1f} MB gzip WARC, {w_bytes / 1e6:.1f} MB of HTML")
    print(f"warcio   {w:.3f}s  {w / args.records * 1e3:.3f} ms/record")
    print(f"fastwarc {f:.3f}s  {f / args.records * 1e3:.3f} ms/record  (warcio/fastwarc = {w / f:.1f}x)")


if __name__ == "__main__":
    main()
