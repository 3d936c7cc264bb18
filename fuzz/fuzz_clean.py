"""Coverage-guided fuzzing of ``Cleaner.clean`` with atheris.

    pip install ".[fuzz]"
    python fuzz/fuzz_clean.py -atheris_runs=200000 [corpus_dir]

Each input is cleaned as HTML, as text and with kind detection, with or without metadata
and Markdown. Any exception, or a text-mode result that is not idempotent, is a crash
that atheris saves to a file. ``fuzz_readers.py`` fuzzes the readers the same way.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from cleaner import Cleaner

CLEANER = Cleaner()
KINDS = (None, "html", "text")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    kind = KINDS[fdp.ConsumeIntInRange(0, 2)]
    as_text = fdp.ConsumeBool()
    extras = fdp.ConsumeBool()  # metadata and Markdown: two more trafilatura passes
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    content: str | bytes = payload.decode("utf-8", "replace") if as_text else payload
    result = CLEANER.clean(content, kind=kind, metadata=extras, markdown=extras)
    if kind == "text":
        again = CLEANER.clean(result.text, kind="text").text
        if again != result.text:
            raise AssertionError("text cleaning is not idempotent")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
