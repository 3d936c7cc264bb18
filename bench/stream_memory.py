"""Peak memory of ``cleaner clean`` on JSON Lines (and WARC) inputs of growing size.

Streaming means peak RSS stays flat when the input grows tenfold. Each run is a fresh
process; its own peak RSS (and its workers', with --jobs > 1) is read with getrusage.
Pages are small synthetic articles so that 10,000 records clean in about a minute.

    python bench/stream_memory.py                      # JSONL, 1,000 vs 10,000 records
    python bench/stream_memory.py --warc --format txt  # also WARC; per-file txt output
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent

# Runs the CLI in this process, then prints peak RSS (KiB on Linux) of itself and its children.
RUNNER = """
import resource, runpy, sys
sys.argv = ["cleaner"] + sys.argv[1:]
try:
    runpy.run_module("cleaner", run_name="__main__")
except SystemExit:
    pass
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"PEAK {own} {kids}", file=sys.stderr)
"""


def page(i: int) -> str:
    paragraphs = "".join(
        f"<p>Paragraph {k} of article {i}: the council discussed the bridge, the budget and the "
        f"timetable for repairs, and residents asked questions about the detour for an hour.</p>"
        for k in range(6)
    )
    return (f"<html><head><title>Article {i}</title></head><body><nav>Home News Sport</nav>"
            f"<article><h1>Article {i}</h1>{paragraphs}<p>Share this article</p></article>"
            f"<footer>Copyright</footer></body></html>")


def write_jsonl(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"doc-{i}", "url": f"https://example.org/{i}", "html": page(i),
                                 "source": {"crawl": "bench", "n": i}}) + "\n")


def write_warc(path: Path, n: int) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(n):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.org/{i}", "response", payload=io.BytesIO(page(i).encode()),
                http_headers=headers))


def measure(path: Path, fmt: str, jobs: int, tmp: Path) -> tuple[int, int, float]:
    out = "-" if fmt == "jsonl" else str(tmp / f"out-{path.name}")
    args = [sys.executable, "-c", RUNNER, "clean", str(path), "-o", out, "--format", fmt,
            "-j", str(jobs), "--no-metadata", "-q"]
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    line = [x for x in proc.stderr.splitlines() if x.startswith("PEAK ")][-1]
    own, kids = (int(v) for v in line.split()[1:])
    return own, kids, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "txt", "md"])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--warc", action="store_true", help="also measure WARC inputs")
    args = parser.parse_args()
    kinds = [("jsonl", write_jsonl, "in-{n}.jsonl")] + (
        [("warc", write_warc, "in-{n}.warc.gz")] if args.warc else [])
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for kind, write, pattern in kinds:
            rows = []
            for n in args.records:
                path = tmp / pattern.format(n=n)
                write(path, n)
                own, kids, seconds = measure(path, args.format, args.jobs, tmp)
                rows.append((n, path.stat().st_size, own, kids, seconds))
                print(f"{kind:5} {n:>7} records  {path.stat().st_size / 1e6:7.1f} MB in  "
                      f"peak RSS main {own / 1024:6.1f} MiB  workers {kids / 1024:6.1f} MiB  "
                      f"{seconds:6.1f}s  (--format {args.format}, -j {args.jobs})", flush=True)
            first, last = rows[0], rows[-1]
            print(f"{kind}: input x{last[1] / first[1]:.1f}, peak RSS main x{last[2] / first[2]:.2f}")


if __name__ == "__main__":
    main()
