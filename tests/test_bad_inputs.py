"""A batch over every kind of broken input: each gets a sane output or a one-line error
naming the file, the batch goes on, exit status 1 names the failures, and no partial
output file remains. The inputs are made at test time."""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from cleaner import batch as batch_module
from cleaner import readers
from cleaner.batch import BatchOptions, run_batch
from cleaner.manifest import MANIFEST_NAME, STATE_DIR
from cleaner.report.data import SUFFIX as REPORT_SUFFIX
from tests.io_fixtures import PARAGRAPHS, article_html

SENTENCE = PARAGRAPHS[0]
MB = 1024 * 1024


def _write_big_text(path: Path, size: int) -> None:
    chunk = (SENTENCE + "\n").encode() * (MB // (len(SENTENCE) + 1))
    with open(path, "wb") as fh:
        written = 0
        while written < size:
            fh.write(chunk)
            written += len(chunk)


def _write_big_gzip(path: Path, size: int) -> None:
    """``size`` bytes of text, gzip-compressed (a few hundred KB on disk): a small bomb."""
    chunk = (SENTENCE + "\n").encode() * (MB // (len(SENTENCE) + 1))
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)  # 31: gzip container
    with open(path, "wb") as fh:
        for _ in range(size // len(chunk) + 1):
            fh.write(compressor.compress(chunk))
        fh.write(compressor.flush())


def deep_html(depth: int) -> str:
    return (f"<html><head><title>Deep page</title></head><body>{'<div>' * depth}<p>{SENTENCE}</p>"
            f"{'</div>' * depth}</body></html>")


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory):
    """Run ``cleaner clean`` once over all the bad inputs; (inputs, outdir, process)."""
    root = tmp_path_factory.mktemp("bad")
    src = root / "in"
    src.mkdir()
    ok_html = article_html().encode()
    (src / "binary.html").write_bytes(random.Random(0).randbytes(64 * 1024))
    (src / "invalid-utf8.txt").write_bytes(b"Caf\xc3\xa9 \xff\xfe is open again. " + SENTENCE.encode()
                                           + b"\n\xc3\x28\xa0\xa1 broken bytes\n")
    (src / "utf16.html").write_bytes(article_html().encode("utf-16"))  # with a BOM
    (src / "empty.html").write_bytes(b"")
    (src / "empty-file.html.gz").write_bytes(b"")
    (src / "empty-content.txt.gz").write_bytes(gzip.compress(b""))
    (src / "corrupt.html.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip at all")
    (src / "truncated.html.gz").write_bytes(gzip.compress(ok_html)[:-40])
    _write_big_text(src / "huge.txt", 100 * MB)
    _write_big_gzip(src / "bomb.html.gz", 100 * MB)
    (src / "deep.html").write_text(deep_html(50_000))
    (src / "long-line.txt").write_text("word " * (2 * MB) + "end.\n")  # 10 MB, one line
    (src / "nul.html").write_bytes(ok_html.replace(b"<p>", b"<p>\x00", 2).replace(b"council", b"coun\x00cil"))
    os.mkfifo(src / "fifo.html")
    (src / "dangling.txt").symlink_to(root / "nowhere.txt")
    (src / "good.html").write_bytes(ok_html)
    out = root / "out"
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "-j", "2"],
                          capture_output=True, text=True, timeout=600)
    yield src, out, proc
    (src / "huge.txt").unlink()  # pytest keeps the temporary folders of recent runs


FAILING = {
    "corrupt.html.gz": "gzip",
    "truncated.html.gz": "ended before",
    "huge.txt": "too large: 10",
    "bomb.html.gz": "too large",
    "fifo.html": "not a regular file (a FIFO)",
    "dangling.txt": "No such file",
}
CLEANED = ["binary", "invalid-utf8", "utf16", "empty", "empty-file", "empty-content", "deep",
           "long-line", "nul", "good"]


def test_exit_status_1_names_every_failure_on_one_line(bad_batch):
    src, out, proc = bad_batch
    assert proc.returncode == 1, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("cleaner: error: ")]
    assert len(errors) == len(FAILING), proc.stderr
    for name, reason in FAILING.items():
        line = next((e for e in errors if e.startswith(f"cleaner: error: {src / name}: ")), None)
        assert line is not None, f"{name} not named: {proc.stderr}"
        assert reason.lower() in line.lower(), line
    summary = json.loads((out / "summary.json").read_text())
    assert sorted(Path(e["input"]).name for e in summary["errors"]) == sorted(FAILING)
    assert summary["totals"]["cleaned"] == len(CLEANED)


def test_the_others_get_sane_outputs(bad_batch):
    src, out, proc = bad_batch
    for name in CLEANED:
        assert (out / f"{name}.txt").is_file() and (out / f"{name}.diff").is_file(), name
    text = {name: (out / f"{name}.txt").read_text(encoding="utf-8") for name in CLEANED}
    assert SENTENCE in text["good"] and SENTENCE in text["utf16"]
    assert "council" in text["nul"] and "\x00" not in text["nul"]
    # Not valid UTF-8, so the encoding is detected (and may well be wrong for "Café");
    # what matters is that the document is cleaned and its ASCII text comes through.
    assert "is open again" in text["invalid-utf8"] and SENTENCE in text["invalid-utf8"]
    for name in ("empty", "empty-file", "empty-content"):
        assert text[name] == ""
    assert len(text["long-line"]) > 10_000_000
    # 50,000 levels deep is past libxml2's 256: the page is rendered from the tokenizer.
    assert SENTENCE in text["deep"] and text["deep"].startswith("Deep page")
    assert f"cleaner: warning: {src / 'deep.html'}: HTML over the parser's limits" in proc.stderr


def test_no_partial_outputs_remain(bad_batch):
    src, out, proc = bad_batch
    names = sorted(p.name for p in out.iterdir())
    assert not [n for n in names if n.endswith(".tmp") or n.startswith(".") and n != STATE_DIR], names
    per_document = {".txt", ".diff", REPORT_SUFFIX}
    expected = {f"{n}{ext}" for n in CLEANED for ext in per_document} | {"summary.json", "report.html"}
    assert set(names) - {STATE_DIR} == expected  # nothing at all for the failed documents
    # the manifest (of the incremental runs) records the cleaned documents only
    manifest = [json.loads(line) for line in (out / STATE_DIR / MANIFEST_NAME).read_text().splitlines()]
    assert sorted(record["key"] for record in manifest) == sorted(CLEANED)


def test_a_file_that_vanishes_mid_run_is_an_error_and_the_batch_goes_on(tmp_path, monkeypatch, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.html", "vanishing.html", "z.html"):
        (src / name).write_text(article_html())
    real_walk = readers.walk_files

    def walk_then_delete(*args, **kwargs):
        for path, relative in real_walk(*args, **kwargs):
            if path.name == "vanishing.html":
                path.unlink()  # listed by the walk, gone before it is read
            yield path, relative

    monkeypatch.setattr(readers, "walk_files", walk_then_delete)
    summary = run_batch([src], tmp_path / "out", BatchOptions(jobs=1))
    assert summary["totals"]["cleaned"] == 2 and len(summary["errors"]) == 1
    assert summary["errors"][0]["input"] == str(src / "vanishing.html")
    assert f"cleaner: error: {src / 'vanishing.html'}: FileNotFoundError" in capsys.readouterr().err
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert not any(n.startswith("vanishing") for n in names)
    assert {"a.txt", "a.diff", "z.txt", "z.diff"} <= names


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads a chmod 000 file anyway; fifo.html and dangling.txt in the "
                           "bad batch are the unreadable inputs root cannot read")
def test_an_unreadable_file_is_an_error(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.html").write_text(article_html())
    locked = src / "locked.html"
    locked.write_text(article_html())
    locked.chmod(0)
    try:
        summary = run_batch([src], tmp_path / "out", BatchOptions(jobs=1))
    finally:
        locked.chmod(0o644)
    assert [e["input"] for e in summary["errors"]] == [str(locked)]
    assert "PermissionError" in capsys.readouterr().err
    assert (tmp_path / "out" / "good.txt").is_file()


def test_error_lines_stay_one_line_with_a_newline_in_the_file_name(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "two\nlines.html.gz").write_bytes(b"not gzip")
    run_batch([src], tmp_path / "out", BatchOptions(jobs=1))
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("cleaner: error")]
    assert len(errors) == 1 and "two\\nlines.html.gz" in errors[0]


def test_batch_module_uses_the_walk_the_vanishing_test_patches():
    # The vanishing-file test patches readers.walk_files; make sure the batch still walks through it.
    assert batch_module.iter_documents.__module__ == readers.__name__


@pytest.mark.parametrize("fmt, first", [("txt", "a.txt"), ("md", "a.md")])
def test_a_document_whose_outputs_cannot_all_be_written_leaves_none(tmp_path, capsys, fmt, first):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text(article_html())
    (src / "b.html").write_text(article_html())
    out = tmp_path / "out"
    (out / "a.diff").mkdir(parents=True)  # the .diff cannot replace a folder; the first file is written
    summary = run_batch([src], out, BatchOptions(jobs=1, format=fmt))
    assert [e["input"] for e in summary["errors"]] == [str(src / "a.html")]
    assert not (out / first).exists()
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]  # no temporary files
    assert (out / f"b.{fmt}").is_file()


def test_a_file_name_that_is_not_utf8_is_cleaned_and_the_summary_written(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    name = os.fsdecode(b"caf\xe9.html")  # Latin-1 bytes: a lone surrogate in Python's str
    (src / name).write_text(article_html())
    (src / os.fsdecode(b"bad\xff.html.gz")).write_bytes(b"not gzip")
    out = tmp_path / "out"
    for _ in range(2):  # the second run reads the manifest the first one wrote
        proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "-j", "1"],
                              capture_output=True, timeout=120)
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.decode().count("cleaner: error: ") == 1 and b"bad\\xff.html.gz" in proc.stderr
    assert SENTENCE in (out / os.fsdecode(b"caf\xe9.txt")).read_text()  # the output keeps the name's bytes
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [d["output"] for d in summary["documents"]] == ["caf\\xe9.txt"]
    assert summary["errors"][0]["input"].endswith("bad\\xff.html.gz")


@pytest.mark.parametrize("fmt", ["txt", "md", "jsonl"])
def test_lone_surrogates_in_json_input_do_not_fail_the_run(tmp_path, fmt):
    src = tmp_path / "items.jsonl"
    src.write_text('{"id": "s\\udc80", "note": "\\ud800", "text": "Lone \\ud800 surrogate in a sentence."}\n'
                   '{"id": "ok", "text": "Fine text of the second item."}\n')
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out),
                           "--format", fmt, "-j", "1"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["cleaned"] == 2
    if fmt == "jsonl":
        first = json.loads((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
        assert first["note"] == "\ud800" and first["id"] == "s\udc80"  # passed through exactly
        assert "\ufffd surrogate" in first["text"]


def test_a_directory_that_vanishes_mid_walk_is_an_error_and_the_walk_goes_on(tmp_path):
    src = tmp_path / "in"
    for folder in ("a", "b", "c"):
        (src / folder).mkdir(parents=True)
        (src / folder / "page.html").write_text(article_html())
    docs = readers.iter_documents([src])
    first = next(docs)
    assert first.path == src / "a" / "page.html"
    shutil.rmtree(src / "b")  # listed in its parent, gone before the walk gets to it
    rest = list(docs)
    assert [(d.label, d.error) for d in rest if d.error] == [
        (str(src / "b"), "cannot list directory: No such file or directory")]
    assert [d.path for d in rest if not d.error] == [src / "c" / "page.html"]


def test_check_reports_are_written_for_a_file_name_that_is_not_utf8(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / os.fsdecode(b"caf\xe9.html")).write_text(article_html())
    (corpus / os.fsdecode(b"orphan\xff.expected")).write_text("x\n")
    proc = subprocess.run([sys.executable, "-m", "cleaner", "check", str(corpus), "-j", "1",
                           "--json", str(tmp_path / "r.json"), "--junit", str(tmp_path / "r.xml")],
                          capture_output=True, timeout=120)
    assert proc.returncode == 1, proc.stderr  # no .expected for the page, and an orphan
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["documents"][0]["input"].endswith("caf\\xe9.html")
    assert report["orphans"][0].endswith("orphan\\xff.expected")
    assert "caf\\xe9.html" in (tmp_path / "r.xml").read_text(encoding="utf-8")


def test_a_corrupt_manifest_does_not_stop_the_next_run(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text(article_html())
    (src / "b.html").write_text(article_html(title="Second page"))
    out = tmp_path / "out"
    assert run_batch([src], out, BatchOptions(jobs=1))["run"]["cleaned"] == 2
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    with open(out / STATE_DIR / MANIFEST_NAME, "ab") as fh:
        for line in (b"not json", b"[1, 2]", b'{"key": 5}', b'{"key": "a", "entry": "str"}',
                     b'{"key": "a", "source": "x", "hash": null, "entry": {"output": "../victim.txt"}}',
                     b'{"key": "b", "entry": {"output": 7}}', b"\x00\xff\xfe{\"torn"):
            fh.write(line + b"\n")
    summary = run_batch([src], out, BatchOptions(jobs=1))
    assert summary["errors"] == [] and summary["totals"]["cleaned"] == 2
    assert victim.read_text() == "precious\n"
    assert "Second page" in (out / "b.txt").read_text()
