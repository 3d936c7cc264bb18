"""`cleaner eval`: gold loading, scoring and the command on tiny hand-made gold sets."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.evaluate import (
    EvalOptions,
    GoldError,
    load_gold,
    run,
    score_passages,
    score_shingles,
    shingles,
    summarize,
)

ARTICLE = [
    "The river rose by two metres overnight, and the town council opened its emergency shelter "
    "in the school gymnasium before midnight.",
    "Residents of the lower streets were asked to leave their homes, and most of them had done so "
    "by the time the water reached the bridge.",
    "The mayor said the shelter would stay open for as long as the warning was in force.",
]


def page(title: str, paragraphs: list[str], furniture: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body>"
            f"<nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer><p>{furniture}</p></footer></body></html>")


def make_devset(root: Path) -> Path:
    (root / "html").mkdir(parents=True)
    (root / "dumps").mkdir()
    html = page("Flood shelter opens", ARTICLE, "Copyright 2024 Example Media. All rights reserved.")
    with gzip.open(root / "html" / "a1.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(html)
    (root / "dumps" / "a1.txt").write_text(
        "Home\nNews\nFlood shelter opens\n" + "\n".join(ARTICLE)
        + "\nCopyright 2024 Example Media. All rights reserved.\n", encoding="utf-8")
    annotations = {
        "a1.html.gz": {
            "url": "hard::example",
            "with": ["two metres   overnight, and the town\ncouncil", "stay open for as long as"],
            "without": ["Copyright 2024 Example Media", "A passage nobody printed"],
        }
    }
    (root / "annotations.json").write_text(json.dumps(annotations), encoding="utf-8")
    return root


def make_body_gold(root: Path) -> Path:
    (root / "html").mkdir(parents=True)
    (root / "html" / "b1.html").write_text(page("Flood shelter opens", ARTICLE, "Footer text here."),
                                           encoding="utf-8")
    gold = root / "gold.json"
    gold.write_text(json.dumps({"b1": {"url": "https://example.org/flood",
                                       "articleBody": "\n".join(ARTICLE)}}), encoding="utf-8")
    return gold


def test_score_passages_collapses_whitespace_and_uses_substrings():
    out = "Title\n\nThe  quick brown\nfox jumps.\n\nMenu"
    found, missed, leaked = score_passages(out, ["quick brown fox", "slow turtle"], ["Menu", "Footer"])
    assert found == ["quick brown fox"]
    assert missed == ["slow turtle"]
    assert leaked == ["Menu"]


def test_shingle_scores():
    assert shingles("a b c") == {("a", "b", "c")}
    assert len(shingles("One two three four five")) == 2
    p, r, f = score_shingles("one two three four five six", "one two three four five six")
    assert (p, r, f) == (1.0, 1.0, 1.0)
    # Output has the gold text plus as much again of noise: precision halves, recall stays whole.
    p, r, f = score_shingles("w1 w2 w3 w4 w5 x1 x2 x3 x4 x5", "w1 w2 w3 w4 w5")
    assert r == 1.0 and p == pytest.approx(2 / 7)
    assert score_shingles("", "some gold text here") == (0.0, 0.0, 0.0)
    assert score_shingles("", "") == (1.0, 1.0, 1.0)


def test_load_devset_layout(tmp_path):
    gold = load_gold(make_devset(tmp_path / "gold"))
    assert gold.layout == "passages"
    (doc,) = gold.docs
    assert doc.html.name == "a1.html.gz" and doc.dump.name == "a1.txt"
    assert doc.url is None  # not a real URL
    assert len(doc.with_passages) == 2


def test_load_body_layout(tmp_path):
    gold = load_gold(make_body_gold(tmp_path / "gold"))
    assert gold.layout == "body"
    (doc,) = gold.docs
    assert doc.html.name == "b1.html" and doc.dump is None
    assert doc.url == "https://example.org/flood"


def test_bad_gold_is_a_clear_error(tmp_path):
    with pytest.raises(GoldError, match="annotations.json"):
        load_gold(tmp_path)
    bad = tmp_path / "g.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match="g.json"):
        load_gold(bad)


def test_run_devset_layout_scores_cleaner_and_baseline(tmp_path):
    gold = load_gold(make_devset(tmp_path / "gold"))
    results = run(gold, EvalOptions(baselines=("raw",), jobs=1))
    by = {(r.mode, r.system): r for r in results}
    assert set(by) == {("html", "cleaner"), ("html", "raw"), ("text", "cleaner"), ("text", "raw")}
    for r in results:
        assert r.error is None
        assert len(r.found) == 2  # both `with` passages survive, whitespace differences aside
    # The raw inputs keep the footer; cleaner's HTML path (trafilatura) drops it.
    assert by[("html", "raw")].leaked == ["Copyright 2024 Example Media"]
    assert by[("text", "raw")].leaked == ["Copyright 2024 Example Media"]
    assert by[("html", "cleaner")].leaked == []
    summaries = {(s.mode, s.system): s for s in summarize(gold, results)}
    raw = summaries[("html", "raw")]
    assert (raw.tp, raw.fn, raw.leaked, raw.without_total) == (2, 0, 1, 2)
    assert raw.precision == pytest.approx(2 / 3) and raw.recall == 1.0


def test_eval_command_devset_layout(tmp_path):
    root = make_devset(tmp_path / "gold")
    out = tmp_path / "per-doc.json"
    res = CliRunner().invoke(main, ["eval", str(root), "--mode", "html", "--baseline", "raw",
                                    "--json", str(out), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    assert "without leaked" in res.output
    assert "title + body" in res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    systems = {(d["mode"], d["system"]) for d in data["documents"]}
    assert systems == {("html", "cleaner"), ("html", "raw")}
    raw = next(d for d in data["documents"] if d["system"] == "raw")
    assert raw["leaked"] == ["Copyright 2024 Example Media"]


def test_eval_command_body_layout(tmp_path):
    gold = make_body_gold(tmp_path / "gold")
    out = tmp_path / "per-doc.json"
    res = CliRunner().invoke(main, ["eval", str(gold), "--json", str(out), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    assert "text mode skipped" in res.output  # no dumps/ next to the JSON
    data = json.loads(out.read_text(encoding="utf-8"))
    (doc,) = data["documents"]
    assert doc["recall"] == 1.0
    assert 0.5 < doc["precision"] <= 1.0


def test_eval_command_missing_page_counts_as_failure(tmp_path):
    root = make_devset(tmp_path / "gold")
    (root / "dumps" / "a1.txt").write_bytes(b"")  # empty dump: scored, nothing found
    (root / "html" / "a1.html.gz").write_bytes(b"not gzip at all")
    res = CliRunner().invoke(main, ["eval", str(root), "--jobs", "1"])
    assert res.exit_code == 1
    assert "a1.html.gz (html, cleaner)" in res.output


def test_eval_command_rejects_unreadable_gold(tmp_path):
    res = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert res.exit_code == 2
    assert "annotations.json" in res.output



def test_eval_reports_guard_fallbacks(tmp_path):
    root = make_devset(tmp_path / "gold")
    out = tmp_path / "per-doc.json"
    res = CliRunner().invoke(main, ["eval", str(root), "--mode", "text", "--guard", "text=0.01",
                                    "--json", str(out), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    (doc,) = json.loads(out.read_text(encoding="utf-8"))["documents"]
    assert doc["guard"]["fallback"] == "nothing-removed" and doc["guard"]["limit"] == 0.01
    assert doc["fp"] == 1  # nothing removed: the footer is back
    assert json.loads(out.read_text(encoding="utf-8"))["summary"][0]["flagged"] == 1
