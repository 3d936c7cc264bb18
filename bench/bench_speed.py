"""Speed of cleaner against trafilatura alone, measured as ratios in one run.

HTML mode: for every page, ``trafilatura.extract(page)`` (its defaults) and
``Cleaner().clean(page, kind="html")`` are timed back to back, each the best of
``--repeat`` runs, and the median of the per-page ratios cleaner / trafilatura is
printed. Text mode: documents per CPU-second of ``Cleaner().clean(dump, kind="text")``
over the dumps, in one process (so: per core), measured as ``bench/textmode_speed.py``
does: a fresh Cleaner, a made-up warm-up page, start-up objects settled, one pass with
the per-line memo cold (a repeated pass would find every line remembered).

    python bench/bench_speed.py ../shared/devset            # html/ and dumps/ below it
    python bench/bench_speed.py ../shared/devset --limit 100 --repeat 3

Not a test: figures depend on the machine; ratios in one run are what to compare.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.backends import settle_heap  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from textmode_speed import WARM_UP  # noqa: E402


def read(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


def best_of(repeat: int, call) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def bench_html(pages: list[bytes], cleaner: Cleaner, repeat: int) -> None:
    ratios, t_extract, t_clean = [], 0.0, 0.0
    for page in pages:
        extract = best_of(repeat, lambda page=page: trafilatura.extract(page))
        clean = best_of(repeat, lambda page=page: cleaner.clean(page, kind="html"))
        ratios.append(clean / extract)
        t_extract += extract
        t_clean += clean
    n = len(pages)
    print(f"html: {n} pages, best of {repeat}: trafilatura.extract {1000 * t_extract / n:.1f} ms/page, "
          f"cleaner {1000 * t_clean / n:.1f} ms/page")
    q = statistics.quantiles(ratios, n=10)
    print(f"html: cost ratio cleaner / trafilatura.extract per page: median {statistics.median(ratios):.3f} "
          f"(p10 {q[0]:.3f}, p90 {q[-1]:.3f}; total time ratio {t_clean / t_extract:.3f})")


def bench_text(dumps: list[bytes], disabled: list[str]) -> None:
    texts = [d.decode("utf-8", errors="replace") for d in dumps]
    cleaner = Cleaner(disabled=disabled)  # (not the HTML run's: its memo holds those pages' lines)
    cleaner.clean(WARM_UP, kind="text")
    settle_heap()
    start = time.process_time()
    for text in texts:
        cleaner.clean(text, kind="text")
    seconds = time.process_time() - start
    print(f"text: {len(texts)} dumps in {seconds:.2f} CPU s: "
          f"{len(texts) / seconds:.0f} documents per CPU-second (one core)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="directory with html/ and/or dumps/")
    parser.add_argument("--limit", type=int, default=0, help="use the first N pages only")
    parser.add_argument("--repeat", type=int, default=3, help="time each call N times, keep the best")
    parser.add_argument("--mode", choices=["html", "text", "both"], default="both")
    parser.add_argument("--disable", action="append", default=[], metavar="RULE",
                        help="switch off heuristics whose rule id starts with RULE (to see their cost)")
    args = parser.parse_args()
    cleaner = Cleaner(disabled=args.disable)
    if args.mode in ("html", "both"):
        files = sorted((args.corpus / "html").glob("*.htm*"))
        files = files[: args.limit] if args.limit else files
        pages = [read(f) for f in files]
        for page in pages[:5]:  # warm caches (imports, compiled patterns) outside the timing
            trafilatura.extract(page)
            cleaner.clean(page, kind="html")
        bench_html(pages, cleaner, args.repeat)
    if args.mode in ("text", "both"):
        files = sorted((args.corpus / "dumps").glob("*.txt*"))
        files = files[: args.limit] if args.limit else files
        bench_text([read(f) for f in files], args.disable)


if __name__ == "__main__":
    main()
