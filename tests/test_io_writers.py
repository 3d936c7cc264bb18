"""Writers (txt, md, jsonl), metadata, and the clean command's format options end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import main
from tests.io_fixtures import article_html, write_jsonl, write_warc

ROOT = Path(__file__).resolve().parent.parent
EXTRA = (
    "<h2>What happens next</h2><p>The plan has <strong>three stages</strong> and one <em>big</em> risk:</p>"
    "<ul><li>Close the road in May.</li><li>Repair the supports.</li><li>Reopen by October.</li></ul>"
    "<p>Subscribe now for unlimited digital access to all our local coverage.</p>"
    "<p>Share this article</p>"
)
HEAD = (
    '<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Example News">'
    '<link rel="canonical" href="https://news.example.org/bridge">'
    '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
)
PAGE = article_html(head=HEAD, extra_body=EXTRA)


def _run(args, **kwargs):
    return CliRunner().invoke(main, ["clean", *args, "-j", "1", "--no-site-rules"], **kwargs)


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_metadata_only_when_asked():
    cleaner = Cleaner(site_rules=False)
    assert cleaner.clean(PAGE).metadata is None
    meta = cleaner.clean(PAGE, metadata=True).metadata
    assert meta["author"] == "Jane Doe" and meta["site_name"] == "Example News"
    assert meta["date"] == "2024-03-05" and meta["language"] == "en"
    assert meta["canonical_url"] == "https://news.example.org/bridge"
    assert meta["title"] == "Bridge repairs delayed again"


def test_jsonl_round_trip_passes_other_fields_through(tmp_path):
    records = [
        {"id": "r1", "url": "https://news.example.org/bridge", "html": PAGE,
         "crawl": {"fetched": "2024-03-06", "status": 200}, "tags": ["local", "roads"], "score": 0.5},
        {"id": 7, "text": "Weather\nThe river rose by two metres overnight and the bridge stayed shut.",
         "lang": "en"},
    ]
    path = write_jsonl(tmp_path / "in.jsonl", records)
    result = _run([str(path), "-o", str(tmp_path / "out"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    first, second = _lines((tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8"))
    assert first["crawl"] == records[0]["crawl"] and first["tags"] == records[0]["tags"]
    assert first["score"] == 0.5 and second["lang"] == "en"
    assert first["id"] == "r1" and second["id"] == 7  # the input's id, type and all
    assert "html" not in first  # the content field becomes "text"
    assert (first["id"], first["url"]) == ("r1", records[0]["url"])
    assert first["title"] == "Bridge repairs delayed again"
    assert "Engineers told the meeting" in first["text"] and "Subscribe now" not in first["text"]
    paywall = "Subscribe now for unlimited digital access to all our local coverage."
    assert {"rule": "generic.paywall", "text": paywall} in first["removals"]
    assert first["metadata"]["author"] == "Jane Doe"
    assert first["decoding"] is None  # JSON strings are text already
    assert "The river rose by two metres" in second["text"]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["totals"]["cleaned"] == 2 and summary["documents"] == []


def test_no_metadata_flag(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "html": PAGE}])
    result = _run([str(path), "-o", "-", "--format", "jsonl", "--no-metadata"])
    assert result.exit_code == 0
    (record,) = _lines(result.stdout)
    assert record["metadata"] is None


def test_stdin_to_stdout_pipe(tmp_path):
    """`cat x.jsonl | cleaner clean - -o - --format jsonl`, as a real pipe."""
    path = write_jsonl(tmp_path / "x.jsonl", [{"id": str(i), "html": PAGE, "keep": i} for i in range(3)])
    with open(path, "rb") as stdin:
        proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-", "-o", "-", "--format", "jsonl",
                               "-j", "2"], stdin=stdin, capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    records = _lines(proc.stdout.decode("utf-8"))
    assert [(r["id"], r["keep"]) for r in records] == [("0", 0), ("1", 1), ("2", 2)]
    assert all("Engineers told the meeting" in r["text"] for r in records)
    assert b"cleaned 3 of 3 documents" in proc.stderr
    assert not (tmp_path / "-").exists() and not (ROOT / "-").exists()


def test_stdout_needs_jsonl(tmp_path):
    path = write_jsonl(tmp_path / "x.jsonl", [{"html": PAGE}])
    result = _run([str(path), "-o", "-"])
    assert result.exit_code == 2 and "--format jsonl" in result.output


def test_markdown_keeps_structure_and_drops_removed_lines(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bridge.html").write_text(PAGE)
    dump = "Title of the dump\n\nA paragraph of the dump that is long enough.\n"
    (tmp_path / "in" / "dump.txt").write_text(dump)
    result = _run([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "md"])
    assert result.exit_code == 0, result.output
    md = (tmp_path / "out" / "bridge.md").read_text(encoding="utf-8")
    assert md.startswith("---\ntitle: Bridge repairs delayed again\nauthor: Jane Doe\n")
    assert "\n# Bridge repairs delayed again\n" in md
    assert "## What happens next" in md
    assert "The plan has **three stages** and one *big* risk:" in md
    assert "- Close the road in May.\n- Repair the supports.\n" in md
    assert "Subscribe now" not in md and "Share this article" not in md
    assert md.count("Bridge repairs delayed again") == 2  # front matter and heading, not the h1 again
    assert (tmp_path / "out" / "bridge.diff").exists()
    assert "A paragraph of the dump" in (tmp_path / "out" / "dump.md").read_text()


def test_warc_to_jsonl_and_txt(tmp_path):
    body = article_html(title="Zażółć gęślą jaźń", paragraphs=[
        "Pociąg przyjechał późno, więc wszyscy się śpieszyli do domów na kolację tego wieczoru.",
        "W Łodzi ścięto drzewa, a źródło rzeki wyschło po długim i bardzo gorącym lecie.",
    ]).encode("iso-8859-2")
    warc = write_warc(tmp_path / "crawl.warc.gz", [
        ("https://example.org/pl/a", body, "text/html; charset=ISO-8859-2"),
        ("https://news.example.org/bridge", PAGE.encode("utf-8"), "text/html"),
    ])
    result = _run([str(warc), "-o", "-", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    polish, bridge = _lines(result.stdout)
    assert polish["url"] == "https://example.org/pl/a"
    assert "Pociąg przyjechał późno" in polish["text"]
    assert polish["decoding"] == {"encoding": "iso8859-2", "source": "http", "errors": 0}
    assert bridge["decoding"]["source"] == "utf-8"
    result = _run([str(warc), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "crawl" / "example.org_pl_a.txt").read_text().startswith("Zażółć gęślą jaźń")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert [d["url"] for d in summary["documents"]] == ["https://example.org/pl/a", "https://news.example.org/bridge"]
    assert summary["documents"][0]["decoding"]["encoding"] == "iso8859-2"


def test_bad_records_are_reported_and_the_rest_written(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "ok", "html": PAGE}) + "\n{broken\n" + json.dumps({"id": "x"}) + "\n")
    result = _run([str(path), "-o", str(tmp_path / "out"), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "mixed.jsonl:2" in result.stderr and "mixed.jsonl:3" in result.stderr
    assert [r["id"] for r in _lines((tmp_path / "out" / "documents.jsonl").read_text())] == ["ok"]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["totals"]["errors"] == 2


def test_txt_outputs_of_hostile_ids_stay_inside_outdir(tmp_path):
    ids = ["../../escape", "/etc/passwd", "..", "a/../../b"]
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": "Some text that stays."} for i in ids])
    out = tmp_path / "deep" / "out"
    result = _run([str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != path]
    assert written and all(p.resolve().is_relative_to(out.resolve()) for p in written)
    assert len([p for p in written if p.suffix == ".txt"]) == 4


def test_txt_summary_has_metadata_only_with_the_flag(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bridge.html").write_text(PAGE)
    for flag, expected in (([], None), (["--metadata"], "Jane Doe")):
        out = tmp_path / f"out{len(flag)}"
        assert _run([str(tmp_path / "in"), "-o", str(out), *flag]).exit_code == 0
        (entry,) = json.loads((out / "summary.json").read_text())["documents"]
        assert (entry.get("metadata") or {}).get("author") == expected
        assert entry["decoding"]["source"] == "utf-8"
