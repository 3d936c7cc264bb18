"""Scraped text in report.html is escaped: payloads in lines, titles, file names, errors
and rule ids come out as inert text (tests/test_report_browser.py checks it in a browser)."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
from click.testing import CliRunner

from cleaner.cli import main

PAYLOADS = Path(__file__).parent / "data" / "report" / "payloads"
#: an input whose name is itself a payload; it is not gzip, so it also becomes an error entry
BAD_NAME = "<img src=x onerror=alert(1)>javascript:alert(2).html.gz"


def payload_run(tmp_path: Path) -> Path:
    """Clean the payload documents; returns OUTDIR (the batch has one error, on purpose)."""
    corpus = tmp_path / "payloads"
    corpus.mkdir()
    for name in ("attack.txt", "attack.html"):
        shutil.copy(PAYLOADS / name, corpus / name)
    (corpus / BAD_NAME).write_bytes(b"not gzip")
    shutil.copy(PAYLOADS / "attack.txt", corpus / "javascript:alert(3).txt")  # a name that looks like a URL
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(corpus), "-o", str(out), "-j", "1", "-q",
                                       "--rules", str(PAYLOADS / "rules")])
    assert result.exit_code == 1, result.output  # the bad file fails, the others are cleaned
    return out


def assert_inert(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    page = lxml.html.fromstring(raw)
    assert not page.xpath("//script | //iframe | //object | //embed | //img | //form | //base")
    # The only svg is the report's own chart.
    assert [s.get("aria-label") for s in page.xpath("//svg")] == ["Histogram of documents by removed share"]
    for element in page.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            assert "javascript:" not in value.lower() or name == "title", (element.tag, name, value)
        href = element.get("href")
        if href is not None:
            assert href.startswith(("#", "./")), href
    # The payloads are there, as text: what the browser would show, not run.
    text = page.text_content()
    assert "<script>document.body.setAttribute('data-pwned', 'script')</script>" in text
    assert """<img src=x onerror="document.body.setAttribute('data-pwned', 'img onerror')">""" in text
    assert "javascript:document.body.setAttribute('data-pwned','link')" in text
    assert BAD_NAME in text  # the error entry names the file
    assert "data-pwned','rule id')" in text  # the rule id
    assert "&lt;script&gt;" in raw and "onerror=&#34;" in raw


def test_payloads_in_a_batch_stay_inert(tmp_path):
    out = payload_run(tmp_path)
    assert_inert(out / "report.html")


def test_rebuilt_report_stays_inert(tmp_path):
    out = payload_run(tmp_path)
    (out / "report.html").unlink()
    assert CliRunner().invoke(main, ["report", str(out)]).exit_code == 0
    assert_inert(out / "report.html")


def test_file_links_cannot_become_scripts(tmp_path):
    out = payload_run(tmp_path)
    assert (out / "javascript:alert(3).txt").is_file()
    page = lxml.html.parse(str(out / "report.html")).getroot()
    hrefs = [a.get("href") for a in page.iter("a")]
    assert "./javascript%3Aalert%283%29.diff" in hrefs
    assert all(h.startswith(("#", "./")) and ":" not in h for h in hrefs)
