"""Files: outputs never land outside OUTDIR, inputs are never modified, and symlink loops
in input directories do not hang the walk."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.batch import BatchOptions, run_batch
from tests.io_fixtures import article_html, write_jsonl, write_warc

HOSTILE = ["../../escape", "/etc/passwd", "..", "a/../../b", "./../c", "\\..\\..\\d", "con\x00nul", "~/x"]
# warcio parses the HTTP headers of http(s) records only, so hostile URLs keep the scheme
HOSTILE_URLS = ["https://example.org/../../escape", "http://../../etc/passwd", "https://x//etc/passwd",
                "https://a/%2e%2e/%2e%2e/b", "http://..", "https://example.org/a/..\\..\\c"]


def _files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def _clean(args: list[str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", "clean", *args], capture_output=True, text=True,
                          timeout=timeout)


def _hostile_warc(path: Path) -> Path:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri in HOSTILE_URLS:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", http_headers=headers,
                                                          payload=io.BytesIO(article_html().encode())))
    return path


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_hostile_record_ids_and_urls_stay_inside_outdir(tmp_path, fmt):
    src = tmp_path / "in"
    src.mkdir()
    write_jsonl(src / "items.jsonl", [{"id": i, "html": article_html()} for i in HOSTILE])
    _hostile_warc(src / "crawl.warc.gz")
    before = _files_under(tmp_path)
    out = tmp_path / "a" / "b" / "out"
    proc = _clean([str(src), "-o", str(out), "--format", fmt, "-j", "1"])
    assert proc.returncode == 0, proc.stderr
    new = _files_under(tmp_path) - before
    assert all(p.resolve().is_relative_to(out.resolve()) for p in new), sorted(map(str, new))
    outputs = [p for p in new if p.suffix == f".{fmt}"]
    # every record written, none lost to a collision
    assert len(outputs) == len(HOSTILE) + len(HOSTILE_URLS), sorted(p.name for p in outputs)
    assert not Path("/etc/passwd.txt").exists() and not (tmp_path / "escape.txt").exists()


def test_a_symlinked_folder_in_outdir_is_not_written_through(tmp_path, capsys):
    src = tmp_path / "in"
    (src / "news").mkdir(parents=True)
    (src / "news" / "a.html").write_text(article_html())
    (src / "top.html").write_text(article_html())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "news").symlink_to(elsewhere, target_is_directory=True)
    summary = run_batch([src], out, BatchOptions(jobs=1))
    assert list(elsewhere.iterdir()) == []
    assert [e["input"] for e in summary["errors"]] == [str(src / "news" / "a.html")]
    assert "outside OUTDIR" in summary["errors"][0]["error"]
    assert f"cleaner: error: {src / 'news' / 'a.html'}: OutsideOutdir" in capsys.readouterr().err
    assert (out / "top.txt").is_file()


def test_a_symlinked_folder_deeper_down_is_not_created_through(tmp_path):
    src = tmp_path / "in"
    (src / "x" / "y").mkdir(parents=True)
    (src / "x" / "y" / "a.html").write_text(article_html())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "x").symlink_to(elsewhere, target_is_directory=True)  # OUTDIR/x/y would be created there
    summary = run_batch([src], out, BatchOptions(jobs=1))
    assert list(elsewhere.iterdir()) == [] and len(summary["errors"]) == 1


def test_a_symlinked_output_file_is_replaced_not_written_through(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text(article_html())
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").symlink_to(victim)
    (out / "summary.json").symlink_to(victim)
    summary = run_batch([src], out, BatchOptions(jobs=1))
    assert summary["totals"]["cleaned"] == 1
    assert victim.read_text() == "precious\n"
    assert not (out / "a.txt").is_symlink() and "bridge" in (out / "a.txt").read_text()
    assert not (out / "summary.json").is_symlink()


def test_outdir_itself_may_be_a_symlink(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.html").write_text(article_html())
    real = tmp_path / "real_out"
    real.mkdir()
    (tmp_path / "out").symlink_to(real, target_is_directory=True)
    summary = run_batch([src], tmp_path / "out", BatchOptions(jobs=1))
    assert summary["errors"] == [] and (real / "sub" / "a.txt").is_file()


def _snapshot(root: Path) -> dict[str, tuple]:
    snap = {}
    for p in sorted(root.rglob("*")):
        st = os.lstat(p)
        digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() and not p.is_symlink() else None
        snap[str(p.relative_to(root))] = (st.st_mode, st.st_size, st.st_mtime_ns, digest)
    return snap


def test_inputs_are_never_modified(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.html").write_text(article_html())
    (src / "sub" / "b.txt").write_text("Headline\nHeadline\nShare on Facebook\nSome article text here.\n")
    (src / "sub" / "c.html.gz").write_bytes(__import__("gzip").compress(article_html().encode()))
    (src / "bad.html.gz").write_bytes(b"not gzip")
    write_jsonl(src / "items.jsonl", [{"id": "r1", "html": article_html(), "extra": [1, 2]},
                                      {"id": "r2", "text": "Subscribe now\nPlain text of the item."}])
    write_jsonl(src / "more.jsonl.gz", [{"id": "r3", "html": article_html()}], compress=True)
    write_warc(src / "crawl.warc.gz", [("https://example.org/w", article_html().encode(), "text/html")])
    (src / "link.html").symlink_to(src / "a.html")
    before = _snapshot(src)
    for n, fmt in enumerate(("txt", "md", "jsonl")):
        proc = _clean([str(src), "-o", str(tmp_path / f"out{n}"), "--format", fmt, "-j", "2"])
        assert proc.returncode == 1 and "bad.html.gz" in proc.stderr  # the one bad input
        # an OUTDIR inside the inputs is skipped, and still leaves the inputs as they were
    proc = _clean([str(src), "-o", str(src / "out_inside"), "-j", "1"])
    assert proc.returncode == 1
    after = _snapshot(src)
    after = {k: v for k, v in after.items() if not k.startswith("out_inside")}
    assert after == before


def test_symlink_loops_in_input_dirs_do_not_hang_the_walk(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.html").write_text(article_html())
    (src / "sub" / "up").symlink_to(src, target_is_directory=True)  # a cycle through a folder
    (src / "self").symlink_to(src / "self")  # a link to itself
    (src / "ping.html").symlink_to(src / "pong.html")  # two links to each other, one named .html
    (src / "pong.html").symlink_to(src / "ping.html")
    proc = _clean([str(src), "-o", str(tmp_path / "out"), "-j", "1"], timeout=60)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("cleaner: error")]
    assert sorted(errors) == sorted(
        f"cleaner: error: {src / n}: OSError: [Errno 40] Too many levels of symbolic links: '{src / n}'"
        for n in ("ping.html", "pong.html"))
    assert (tmp_path / "out" / "sub" / "a.txt").is_file()
    assert not (tmp_path / "out" / "sub" / "up").exists()  # the cycle was not followed
