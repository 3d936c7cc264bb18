"""Text-mode throughput: documents per second on one core.

Usage::

    python bench/textmode_speed.py DUMPS_DIR [--repeat N] [--no-settle]

Cleans every ``*.txt`` in DUMPS_DIR (e.g. ``../shared/devset/dumps``) in text mode, in
this one process, and prints documents per CPU-second (``time.process_time``, so other
load on the machine does not count against it) and per wall-clock second. The first
run starts with a made-up page cleaned once before timing: the language model and the
phrase lists load on first use, once per process (about half a second), which is not a
per-document cost. The made-up page shares no line with real pages, so the timed pass
starts with the per-line memo cold (a second pass, ``--repeat 2``, would find every line
remembered: not a figure to quote). Then, as ``cleaner clean`` and its workers do, the
start-up objects are frozen for the garbage collector (``--no-settle``: not).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleaner import Cleaner  # noqa: E402
from cleaner.backends import settle_heap  # noqa: E402

# Enough lines, and enough prose, for every text-mode stage (language detection included) to run.
WARM_UP = "\n".join(
    ["Warm-up page", "Menu", "Start"]
    + [f"Sentence number {i} of this made-up warm-up page is here so that the language of "
       f"the page can be detected and every stage of text mode runs once." for i in range(12)]
    + ["Footer", "Contact"]
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dumps", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="passes over the documents")
    parser.add_argument("--no-settle", action="store_true",
                        help="leave the start-up objects to the garbage collector (the library "
                             "used in someone else's process); by default they are settled as the "
                             "`cleaner clean` process and its workers settle them")
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.dumps.glob("*.txt"))]
    if not texts:
        print(f"{args.dumps}: no .txt files", file=sys.stderr)
        return 2
    cleaner = Cleaner()
    cleaner.clean(WARM_UP, kind="text")
    if not args.no_settle:
        settle_heap()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(args.repeat):
        for text in texts:
            cleaner.clean(text, kind="text")
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    n = len(texts) * args.repeat
    print(f"text mode: {n} documents, {n / cpu:.0f} documents per CPU-second (one core), "
          f"{n / wall:.0f} per wall-clock second, {1000 * cpu / n:.2f} ms CPU per document")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
