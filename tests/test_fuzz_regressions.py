"""Inputs the fuzzers (fuzz/) crashed on, kept as regression tests (README "Robustness")."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cleaner.readers import iter_documents
from tests.io_fixtures import article_html, write_warc

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


# Seen in fuzz_readers.py output (not a crash): warcio wrote a three-line warning to stderr
# for each record with a wrong Content-Length, without naming the file.
def test_a_wrong_warc_content_length_is_one_warning_naming_the_file(tmp_path, capsys):
    page = article_html().encode()
    pages = [("https://example.org/a", page, "text/html"), ("https://example.org/b", page, "text/html")]
    warc = write_warc(tmp_path / "bad-length.warc", pages, compress=False)
    data = warc.read_bytes()
    first = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = data.index(b"\r\n", first)
    warc.write_bytes(data[:first] + str(int(data[first:end]) - 7).encode() + data[end:])
    docs = list(iter_documents([warc]))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"cleaner: warning: {warc}: ")
    assert "Remainder" not in err
    assert any(d.error is None for d in docs)


# The long hypothesis run (CLEANER_HYPOTHESIS_EXAMPLES=5000): a page deep enough to be parsed
# again with huge_tree, holding a control character, raised ValueError from lxml when the
# plain-text fallback edited the tree (trafilatura's loader strips such characters first).
def test_a_deep_page_with_a_control_character_is_cleaned(cleaner):
    page = b"<div>" * 300 + b"<script>var x = '</p>';</script>\x01"
    assert cleaner.clean(page).text == ""
    assert cleaner.clean(b"<div>" * 300 + b"<p>Text \x01 of the page.</p>").text == "Text of the page."
