"""The over-removal guard: fall back to a safer result and flag the document."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.guard import guarded, parse_limit, removed_share
from cleaner.lexicon import Lexicons
from cleaner.textdoc import TextDoc

# Mostly furniture the generic detectors know (share and paywall phrases), one sentence.
FURNITURE_HEAVY = "\n".join([
    "Share on Facebook",
    "Share on Twitter",
    "Subscribe now",
    "Already a subscriber?",
    "Share on WhatsApp",
    "The ferry will keep running this winter.",
])


def doc_with(lines: list[str], removed: list[int], title_line: int | None = None) -> TextDoc:
    doc = TextDoc(lines=list(lines), lexicons=Lexicons({}))
    doc.title_line = title_line
    for i in removed:
        doc.remove(i, "test.rule")
    return doc


def test_removed_share_counts_characters_and_the_title():
    lines = ["aaaa", "bbbb", "cccccccc"]
    assert removed_share(lines, doc_with(lines, [])) == 0.0
    assert removed_share(lines, doc_with(lines, [2])) == pytest.approx(0.5)
    assert removed_share(lines, doc_with(lines, [1, 2], title_line=0)) == pytest.approx(0.75)
    assert removed_share([], doc_with([], [])) == 0.0


def test_guarded_falls_back_site_rules_first_then_nothing():
    lines = ["aaaa", "bbbb", "cccc", "dddd"]
    runs = []

    def run(site_rules: bool, generic: bool) -> TextDoc:
        runs.append((site_rules, generic))
        if generic:
            return doc_with(lines, [0, 1, 2])  # 75% removed
        return doc_with(lines, [0] if site_rules else [])  # site rules alone: 25%

    attempts = [("", lambda: run(True, True)), ("site-rules-only", lambda: run(True, False)),
                ("nothing-removed", lambda: run(False, False))]
    doc, guard = guarded(lines, attempts, 0.5)
    assert guard == {"stage": "text", "removed_share": 0.75, "limit": 0.5, "fallback": "site-rules-only"}
    assert doc.alive() == [1, 2, 3]
    doc, guard = guarded(lines, attempts, 0.1)  # site rules alone also too much
    assert guard["fallback"] == "nothing-removed" and doc.alive() == [0, 1, 2, 3]
    runs.clear()
    doc, guard = guarded(lines, attempts, None)
    assert guard is None and runs == [(True, True)]  # no limit: one run, no fallback
    runs.clear()
    doc, guard = guarded(lines, attempts, 0.8)
    assert guard is None and runs == [(True, True)]  # within the limit: no fallback either


def test_cleaner_flags_and_keeps_text_when_over_the_limit():
    normal = Cleaner().clean(FURNITURE_HEAVY, kind="text")
    assert normal.guard is None
    assert "Share on Facebook" not in normal.text  # the detectors do fire on this text
    strict = Cleaner(guard_limits={"text": 0.3}).clean(FURNITURE_HEAVY, kind="text")
    assert strict.guard is not None
    assert strict.guard["fallback"] == "nothing-removed"  # no site rule for this text
    assert strict.guard["removed_share"] > 0.3
    assert "Share on Facebook" in strict.text and strict.removals == []
    off = Cleaner(guard_limits={"text": None}).clean(FURNITURE_HEAVY, kind="text")
    assert off.guard is None and off.text == normal.text


def test_clean_command_flags_the_document_in_summary(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "heavy.txt").write_text(FURNITURE_HEAVY, encoding="utf-8")
    (corpus / "plain.txt").write_text("The ferry will keep running this winter, the council said.\n",
                                      encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["clean", str(corpus), "-o", str(out), "--jobs", "1",
                                    "--guard", "text=0.3"])
    assert res.exit_code == 0, res.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["guarded"] == 1
    heavy = next(d for d in summary["documents"] if d["input"].endswith("heavy.txt"))
    assert heavy["guard"]["fallback"] == "nothing-removed"
    assert "Share on Facebook" in (out / "heavy.txt").read_text(encoding="utf-8")
    plain = next(d for d in summary["documents"] if d["input"].endswith("plain.txt"))
    assert "guard" not in plain


def test_guard_option_is_validated():
    assert parse_limit("html=0.4") == ("html", 0.4)
    assert parse_limit("html-drops=off") == ("html-drops", None)
    for bad in ("html", "body=0.5", "text=1.5", "text=lots"):
        with pytest.raises(ValueError):
            parse_limit(bad)
    res = CliRunner().invoke(main, ["eval", ".", "--guard", "text=2"])
    assert res.exit_code == 2 and "--guard" in res.output
