"""Inputs the fuzzers (fuzz/) crashed on, kept as regression tests (README "Robustness")."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cleaner.readers import iter_documents

# fuzz_readers.py, crash 1: a gzip header followed by invalid deflate data on standard input
# raised zlib.error out of the format sniffing, which would have ended the whole run.
GZIP_INVALID_BLOCK = b"\x1f\x8b\x08\x00\x00\x00\xff\xff\xff\xff" + b"\xff" * 80


@pytest.mark.parametrize("data, reason", [
    (GZIP_INVALID_BLOCK, "zlib.error: Error -3 while decompressing data: invalid block type"),
    (b"\x1f\x8b", "EOFError: Compressed file ended"),
    (b"\x1f\x8bnot gzip", "BadGzipFile"),
])
def test_broken_gzip_on_stdin_is_one_error(data, reason):
    [doc] = iter_documents([Path("-")], stdin=io.BytesIO(data))
    assert doc.source == "<stdin>" and doc.error.startswith("unreadable input: ")
    assert reason in doc.error
