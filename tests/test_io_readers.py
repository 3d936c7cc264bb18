"""Readers: directories, JSON Lines (plain, gzip, stdin), WARC and ARC; safe output names."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.readers import ReadOptions, iter_documents, load_content, sniff
from cleaner.readers.names import safe_name
from tests.io_fixtures import arc_records, article_html, write_jsonl, write_warc


def _docs(inputs, options=None, stdin=None, outdir=None):
    return list(iter_documents([Path(p) for p in inputs], outdir, options, stdin=stdin))


def test_directory_of_files_as_before(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.html").write_text(article_html())
    (tmp_path / "in" / "sub" / "b.txt.gz").write_bytes(gzip.compress(b"Some text."))
    (tmp_path / "in" / "ignored.png").write_bytes(b"\x89PNG")
    docs = _docs([tmp_path / "in"])
    assert [(d.relative.as_posix(), d.kind) for d in docs] == [("a", "html"), ("sub/b", "text")]
    assert load_content(docs[1]) == b"Some text."


def test_jsonl_fields_found_by_common_names(tmp_path):
    path = write_jsonl(tmp_path / "crawl.jsonl", [
        {"id": 7, "url": "https://example.org/a", "html": "<p>x</p>", "lang": "en"},
        {"raw_html": "<p>y</p>", "link": "https://example.org/b"},
        {"text": "plain words", "doc_id": "d-3"},
        {"content": "anything"},
    ])
    docs = _docs([path])
    assert [(d.kind, d.id, d.url) for d in docs] == [
        ("html", "7", "https://example.org/a"),
        ("html", "2", "https://example.org/b"),
        ("text", "d-3", None),
        (None, "4", None),  # "content" may hold HTML or text: detected later
    ]
    assert docs[0].fields == {"id": 7, "url": "https://example.org/a", "lang": "en"}
    assert [d.relative.as_posix() for d in docs] == [
        "crawl/7", "crawl/record-2", "crawl/d-3", "crawl/record-4"]


def test_jsonl_fields_named_on_the_command_line(tmp_path):
    path = write_jsonl(tmp_path / "x.jsonl.gz", [
        {"page": "<p>x</p>", "where": "https://example.org/a", "key": "k1", "html": "not this"},
        {"where": "https://example.org/b", "key": "k2"},
    ], compress=True)
    options = ReadOptions(html_field="page", url_field="where", id_field="key")
    first, second = _docs([path], options)
    assert (first.content, first.url, first.id, first.kind) == (
        "<p>x</p>", "https://example.org/a", "k1", "html")
    assert "html" in first.fields and "page" not in first.fields
    assert second.error and "page" in second.error and second.source.endswith("x.jsonl.gz:2")


def test_jsonl_bad_lines_are_errors_and_reading_goes_on(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "one"}\nnot json\n[1, 2]\n\n{"text": "four"}\n{"nothing": 1}\n')
    docs = _docs([path])
    assert [d.error is None for d in docs] == [True, False, False, True, False]
    assert docs[1].source.endswith("bad.jsonl:2")


def test_ids_cannot_escape_the_output_directory(tmp_path):
    ids = ["../../etc/passwd", "/abs/path", "..", "a/../../b", "C:\\win\\x", "\x00\n", "same", "SAME"]
    path = write_jsonl(tmp_path / "x.jsonl", [{"id": i, "text": "t"} for i in ids])
    outdir = tmp_path / "out"
    names = []
    for doc in _docs([path]):
        target = (outdir / doc.relative).resolve()
        assert target.is_relative_to(outdir.resolve()), doc.relative
        assert ".." not in doc.relative.parts
        names.append(doc.relative.name)
    assert len(set(n.lower() for n in names)) == len(names)
    assert safe_name("x" * 500, "f") != safe_name("x" * 499 + "y", "f")
    assert len(safe_name("x" * 500, "f")) <= 100


def test_warc_reads_html_responses_only(tmp_path):
    page = article_html().encode("utf-8")
    latin = article_html(title="Caf\u00e9").encode("iso-8859-2")
    path = write_warc(tmp_path / "crawl.warc.gz", [
        ("https://example.org/news/a.html", page, "text/html; charset=utf-8"),
        ("https://example.org/b?id=2", latin, "text/html; charset=ISO-8859-2"),
        ("https://example.org/c.json", b"{}", "application/json"),
    ])
    docs = _docs([path])
    assert [d.url for d in docs] == ["https://example.org/news/a.html", "https://example.org/b?id=2"]
    assert docs[0].content == page and docs[0].kind == "html"
    assert docs[1].content_type == "text/html; charset=ISO-8859-2"
    assert [d.relative.as_posix() for d in docs] == [
        "crawl/example.org_news_a.html", "crawl/example.org_b_id_2"]
    assert all(d.id.startswith("urn:uuid:") for d in docs)


def test_uncompressed_warc_and_arc(tmp_path):
    page = article_html().encode("utf-8")
    warc = write_warc(tmp_path / "plain.warc", [("https://example.org/x", page, "text/html")], compress=False)
    assert [d.url for d in _docs([warc])] == ["https://example.org/x"]
    records = arc_records("http://example.org/old.html", page)
    (tmp_path / "old.arc").write_bytes(b"".join(records))
    (tmp_path / "old2.arc.gz").write_bytes(b"".join(gzip.compress(r) for r in records))
    for name in ("old.arc", "old2.arc.gz"):
        (doc,) = _docs([tmp_path / name])
        assert doc.url == "http://example.org/old.html" and doc.content == page, name


def test_truncated_warc_is_an_error_not_a_crash(tmp_path):
    page = article_html().encode("utf-8")
    path = write_warc(tmp_path / "t.warc.gz", [("https://example.org/x", page, "text/html")] * 3)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    docs = _docs([path])
    assert docs[0].error is None and docs[-1].error == "truncated record"
    path.write_bytes(data + b"garbage, not a record\r\n\r\n")
    docs = _docs([path])
    assert [d.error is None for d in docs] == [True, True, True, False]
    assert "unreadable WARC" in docs[-1].error


def test_stdin_is_sniffed(tmp_path):
    jsonl = b'{"id": "a", "text": "one"}\n{"id": "b", "text": "two"}\n'
    assert [d.id for d in _docs(["-"], stdin=io.BytesIO(jsonl))] == ["a", "b"]
    assert [d.id for d in _docs(["-"], stdin=io.BytesIO(gzip.compress(jsonl)))] == ["a", "b"]
    warc = write_warc(tmp_path / "s.warc.gz", [("https://example.org/x", b"<p>x</p>", "text/html")])
    assert [d.url for d in _docs(["-"], stdin=io.BytesIO(warc.read_bytes()))] == ["https://example.org/x"]
    (single,) = _docs(["-"], stdin=io.BytesIO(b"<html><body><p>hi</p></body></html>"))
    assert single.content.startswith(b"<html>") and single.kind is None
    (forced,) = _docs(["-"], ReadOptions(input_format="text"), stdin=io.BytesIO(b"{not json}"))
    assert forced.kind == "text"


def test_input_format_overrides_the_extension(tmp_path):
    path = write_jsonl(tmp_path / "records.dat", [{"text": "one"}])
    assert _docs([path])[0].kind is None  # unknown extension: one document, kind detected
    assert _docs([path], ReadOptions(input_format="jsonl"))[0].content == "one"


def test_sniff():
    assert sniff(b"  {\"a\": 1}") == "jsonl"
    assert sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(b"filedesc://x.arc") == "warc"
    assert sniff(b"<html>") == "auto"


@settings(max_examples=300, deadline=None)
@given(raw=st.text(max_size=300))
def test_safe_name_is_one_harmless_component(raw):
    name = safe_name(raw, "fallback")
    assert name and len(name) <= 100
    assert Path(name).name == name and name not in (".", "..") and not name.startswith(".")
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in name)
