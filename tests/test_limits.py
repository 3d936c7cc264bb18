"""The size limit: over ``--max-bytes`` a document is skipped with an error and never
loaded whole (files by size, gzip and records under a cap); pathological HTML is bounded."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.limits import TooLarge, capped_lines, parse_size
from cleaner.readers import ReadOptions, iter_documents, load_content, read_bytes
from tests.io_fixtures import PARAGRAPHS, article_html, write_warc

MB = 1024 * 1024


def _peak_while(fn) -> int:
    tracemalloc.start()
    try:
        fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def _raises_too_large(fn):
    def run():
        with pytest.raises(TooLarge):
            fn()
    return run


def test_parse_size():
    assert parse_size("1000") == 1000
    assert parse_size("500K") == 500 * 1024
    assert parse_size("50M") == 50 * MB and parse_size("50mb") == 50 * MB
    assert parse_size("2GiB") == 2 * 1024 * MB
    assert parse_size("0") == 0
    with pytest.raises(ValueError):
        parse_size("fifty")


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # 100 MB on disk (sparse), not in memory
        fh.truncate(100 * MB)
    peak = _peak_while(_raises_too_large(lambda: read_bytes(big, 50 * MB)))
    assert peak < MB
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 1000)
    assert read_bytes(small, 1000) == b"x" * 1000
    with pytest.raises(TooLarge, match="1,001 bytes over the limit of 1,000"):
        small.write_bytes(b"x" * 1001)
        read_bytes(small, 1000)
    assert len(read_bytes(small, None)) == 1001  # None: no limit


def test_a_gzip_bomb_is_decompressed_only_up_to_the_limit(tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(bomb, "wb") as fh:
        for _ in range(100):  # 100 MB of zeros in ~100 KB
            fh.write(compressor.compress(bytes(MB)))
        fh.write(compressor.flush())
    assert bomb.stat().st_size < MB
    peak = _peak_while(_raises_too_large(lambda: read_bytes(bomb, 2 * MB)))
    assert peak < 8 * MB, peak  # the 2 MB cap plus gzip's buffers, not 100 MB


def test_a_jsonl_line_over_the_limit_is_skipped_without_holding_it():
    records = [{"id": "a", "text": "first"}, {"id": "big", "text": "x" * (4 * MB)},
               {"id": "c", "text": "last"}]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    docs = list(iter_documents([Path("-")], options=ReadOptions(max_bytes=MB), stdin=io.BytesIO(data)))
    assert [d.id for d in docs] == ["a", None, "c"]
    assert docs[1].source == "<stdin>:2" and docs[1].error.startswith("record too large: 4,194,")
    stream = io.BytesIO(b"x" * (20 * MB) + b"\nok\n")
    lines = []
    peak = _peak_while(lambda: lines.extend(capped_lines(stream, MB)))
    assert isinstance(lines[0], TooLarge) and lines[1] == b"ok\n"
    assert peak < 4 * MB, peak
    # a line of exactly the limit (plus its newline) is still read
    assert list(capped_lines(io.BytesIO(b"abc\n"), 3)) == [b"abc\n"]


def test_a_warc_record_over_the_limit_is_skipped(tmp_path):
    small = article_html().encode()
    big = article_html(paragraphs=PARAGRAPHS * 2000).encode()
    warc = write_warc(tmp_path / "crawl.warc.gz", [("https://example.org/a", small, "text/html"),
                                                   ("https://example.org/big", big, "text/html"),
                                                   ("https://example.org/c", small, "text/html")])
    docs = list(iter_documents([warc], options=ReadOptions(max_bytes=len(small) + 1000)))
    assert [d.url for d in docs if d.error is None] == ["https://example.org/a", "https://example.org/c"]
    [bad] = [d for d in docs if d.error is not None]
    assert bad.source.endswith("#https://example.org/big") and "too large" in bad.error


def test_a_gzip_encoded_warc_payload_that_inflates_past_the_limit_is_skipped(tmp_path):
    body = article_html(paragraphs=PARAGRAPHS * 500).encode()
    warc = tmp_path / "crawl.warc"
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(warc, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/z", "response",
                                                      payload=io.BytesIO(gzip.compress(body)),
                                                      http_headers=headers))
    limit = len(gzip.compress(body)) + 2000  # the record fits, its decoded payload does not
    [doc] = iter_documents([warc], options=ReadOptions(max_bytes=limit))
    assert doc.error is not None and "too large" in doc.error
    [doc] = iter_documents([warc], options=ReadOptions(max_bytes=None))
    assert doc.error is None and doc.content == body


def test_standard_input_over_the_limit_is_an_error():
    stdin = io.BytesIO(b"<p>" + b"a" * 200)
    [doc] = iter_documents([Path("-")], options=ReadOptions(max_bytes=100), stdin=stdin)
    assert doc.error is not None and doc.source == "<stdin>" and "too large" in doc.error


def test_load_content_applies_the_limit(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(article_html())
    [doc] = iter_documents([path])
    assert load_content(doc) == path.read_bytes()
    with pytest.raises(TooLarge):
        load_content(doc, 100)


def test_cleaner_max_bytes_option():
    c = Cleaner(max_bytes=1000)
    assert c.clean("A short sentence of the article.", kind="text").text
    with pytest.raises(TooLarge):
        c.clean(b"x" * 1001, kind="text")
    with pytest.raises(TooLarge):
        c.clean("é" * 501, kind="text")  # 1002 bytes of UTF-8 in 501 characters
    assert Cleaner(max_bytes=1002).clean("é" * 501, kind="text") is not None


def test_cli_max_bytes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "small.html").write_text(article_html())
    (src / "large.html").write_text(article_html(paragraphs=PARAGRAPHS * 100))
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(tmp_path / "out"),
                           "--max-bytes", "10K", "-j", "1"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert f"cleaner: error: {src / 'large.html'}: TooLarge: too large:" in proc.stderr
    assert "over the limit of 10,240 bytes" in proc.stderr
    assert (tmp_path / "out" / "small.txt").is_file() and not (tmp_path / "out" / "large.txt").exists()
    bad = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(tmp_path / "o2"),
                          "--max-bytes", "lots"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "not a size" in bad.stderr


@pytest.mark.parametrize("depth, streamed", [(150, False), (900, False), (2_500, True), (25_000, True)])
def test_deeply_nested_html_keeps_its_text_in_bounded_time(depth, streamed):
    # Two elements a level: 300 and 1,800 levels are over libxml2's default limit of 256 and
    # within its huge_tree limit of 2048, so trafilatura extracts them; deeper pages are
    # rendered from their tags, with a warning.
    page = (f"<html><head><title>Deep</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a>"
            f"</nav>{'<div><span>' * depth}<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
            f"{'</span></div>' * depth}<footer>Copyright 2024 Example News</footer></body></html>")
    start = time.process_time()
    result = Cleaner().clean(page, metadata=True, markdown=True)
    assert time.process_time() - start < 30  # a guard against minutes, not a benchmark
    assert PARAGRAPHS[0] in result.text and PARAGRAPHS[1] in result.text
    assert PARAGRAPHS[0] in result.markdown
    assert bool(result.warnings) == streamed
    if streamed:
        assert "Excessive depth in document: 2048" in result.warnings[0]
    else:
        assert "Copyright" not in result.text  # trafilatura's extraction left the footer out


def test_a_text_node_over_10_mb_is_kept_whole():
    page = f"<html><body><article><p>{'word ' * (2 * MB + 1)}</p></article></body></html>"
    result = Cleaner().clean(page)
    assert result.text.count("word") == 2 * MB + 1
    assert result.warnings == []  # parsed again with huge_tree, extracted as usual


def test_ordinary_html_has_no_warnings():
    assert Cleaner().clean(article_html()).warnings == []


@pytest.mark.parametrize("tail", ["<a" * 200_000, "<!-- a>" * 100_000 + "x", "<script>" + "</scrip" * 100_000,
                                  "</" * 200_000, "<" * 400_000])
def test_the_streamed_rendering_is_linear_on_broken_markup(tail):
    # Deep enough to pass even lxml's huge_tree limit; then markup on which html.parser before CVE-2025-6069's
    # fix takes quadratic time (Python 3.11.7: 2.8 s CPU for 40,000 "<a", so some 70 s for 200,000);
    # the rendering is linear, each of these takes well under a second.
    page = "<div>" * 2100 + f"<p>{PARAGRAPHS[0]}</p>" + tail
    start = time.process_time()
    result = Cleaner().clean(page, kind="html")
    assert time.process_time() - start < 20
    assert result.warnings and PARAGRAPHS[0] in result.text


def test_the_streamed_rendering_keeps_text_and_title():
    from cleaner.htmlstage import streamed_text
    page = ("<html><head><title>A &amp; B</title><style>p{}</style></head><body><p>One &lt;two&gt;</p>"
            "<div>Three<span>four</span></div><!-- hidden --><script>var a='<p>x</p>'</script>"
            "<P>İstanbul five</P></body></html>")
    assert streamed_text(page) == ("One <two>\nThreefour\nİstanbul five", "A & B")
