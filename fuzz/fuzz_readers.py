"""Coverage-guided fuzzing of the readers with atheris: bytes on standard input.

    pip install ".[fuzz]"
    python fuzz/fuzz_readers.py -atheris_runs=200000 -max_len=4096 [corpus_dir]

Standard input is sniffed (gzip, JSON Lines, WARC/ARC, one document), so one input
reaches every reader. A reader must turn anything into documents or documents with an
``error``; any exception is a crash that atheris saves to a file. Each document read is
cleaned too, with the size limit small enough that fuzzed gzip reaches it.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from cleaner import Cleaner
    from cleaner.limits import TooLarge
    from cleaner.readers import ReadOptions, iter_documents

CLEANER = Cleaner(max_bytes=1 << 16)
OPTIONS = ReadOptions(max_bytes=1 << 16)


def test_one_input(data: bytes) -> None:
    for doc in iter_documents([Path("-")], options=OPTIONS, stdin=io.BytesIO(data)):
        if doc.error is not None:
            continue
        try:
            CLEANER.clean(doc.content, url=doc.url, kind=doc.kind, content_type=doc.content_type)
        except TooLarge:  # the batch reports it like any error; not a crash
            pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
