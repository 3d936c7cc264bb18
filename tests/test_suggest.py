"""``cleaner rules suggest`` on six pages of one made-up site (tests/data/suggest/)."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.rules import RuleSet, parse_rule

DATA = Path(__file__).parent / "data" / "suggest"
SITE = DATA / "lakesideledger"
_spec = importlib.util.spec_from_file_location("make_fixture", DATA / "make_fixture.py")
fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixture)
ARTICLE_LINES = [line for lines in fixture.ARTICLES.values() for line in lines]


def suggest(*args: str) -> tuple[str, dict]:
    result = CliRunner().invoke(main, ["rules", "suggest", *args])
    assert result.exit_code == 0, result.output
    return result.stdout, yaml.safe_load(result.stdout)


def test_fixture_files_are_what_the_generator_writes() -> None:
    for n, name in enumerate(fixture.ARTICLES):
        assert (SITE / f"{name}.txt").read_text(encoding="utf-8") == fixture.page(n, name)


def test_proposes_the_furniture_and_no_article_line() -> None:
    text, draft = suggest(str(SITE), "--site", "lakesideledger.test")
    drop_lines = draft["text"]["drop_lines"]
    assert set(drop_lines) == set(fixture.FURNITURE)
    assert not set(drop_lines) & set(ARTICLE_LINES)
    # Headlines recur too (each page's "Most read" lists two others) but are never proposed.
    assert all(line not in text for line in ARTICLE_LINES)
    patterns = [re.compile(p) for p in draft["text"]["drop_patterns"]]
    assert len(patterns) == 2
    weather = [fixture.WEATHER.format(9 + n) for n in range(6) if n % 3 != 2]
    read_times = [fixture.READ_TIME.format(3 + n, 3 + n % 4) for n in range(6)]
    for line in weather + read_times:
        assert any(p.fullmatch(line) for p in patterns), line
    assert not any(p.fullmatch(line) for p in patterns for line in ARTICLE_LINES)
    assert draft["id"] == "lakesideledger.test" and draft["domains"] == ["lakesideledger.test"]


def test_every_line_carries_its_count() -> None:
    text, _ = suggest(str(SITE), "--site", "lakesideledger.test")
    entries = [line for line in text.splitlines() if line.lstrip().startswith("- ")]
    assert len(entries) == len(fixture.FURNITURE) + 2
    counts = {}
    for entry in entries:
        match = re.search(r"# (\d+)/6 documents", entry)
        assert match, entry
        counts[yaml.safe_load(entry.split("#")[0].strip()[2:])] = int(match.group(1))
    assert counts["Skip to content"] == 6
    assert counts[r"Lakeside \d+°C"] == 4  # the widget is on four pages of the six
    assert "# block of 4 lines that follow each other" in text  # the footer


def test_draft_is_a_valid_rule_that_cleans_the_site(tmp_path: Path) -> None:
    text, draft = suggest(str(SITE), "--site", "lakesideledger.test")
    rule = parse_rule(draft, tmp_path / "lakesideledger.test.yaml")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "lakesideledger.test.yaml").write_text(text, encoding="utf-8")
    assert CliRunner().invoke(main, ["rules", "lint", str(tmp_path / "rules")]).exit_code == 0
    cleaner = Cleaner(rules_dirs=[tmp_path / "rules"], generic=False)
    assert RuleSet([rule]).get("lakesideledger.test") is not None
    for name, lines in fixture.ARTICLES.items():
        result = cleaner.clean((SITE / f"{name}.txt").read_text(encoding="utf-8"),
                               site="lakesideledger.test")
        out = result.output_text().splitlines()
        assert all(line in out for line in lines), name
        assert not any(line in out for line in fixture.FURNITURE), name
        assert not any(line.startswith(("Lakeside ", "Published ")) for line in out), name


def test_never_a_line_from_a_single_document(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    once = "Correction: an earlier version of this story misspelled the coach's name."
    twice = "Readers' letters are on page 12."
    page = site / "rowing-club.txt"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{once}\n\n{twice}\n", encoding="utf-8")
    other = site / "market-hall.txt"
    other.write_text(other.read_text(encoding="utf-8") + f"\n{twice}\n", encoding="utf-8")
    text, draft = suggest(str(site), "--site", "lakesideledger.test", "--min-share", "0")
    assert once not in text
    assert twice in draft["text"]["drop_lines"]
    assert "# 2/6 documents" in next(line for line in text.splitlines() if twice in line)


def test_what_the_existing_rule_removes_is_listed_apart(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "ledger.yaml").write_text(
        "id: lakesideledger.test\ndomains: [lakesideledger.test]\n"
        "text:\n  drop_lines: [Most read, Corrections policy]\n", encoding="utf-8")
    text, draft = suggest(str(SITE), "--site", "lakesideledger.test", "--rules", str(rules))
    assert "Most read" not in draft["text"]["drop_lines"]
    assert "Corrections policy" not in draft["text"]["drop_lines"]
    assert "About the Ledger" in draft["text"]["drop_lines"]
    assert '#   "Most read"  # 6/6 documents, by site:lakesideledger.test.drop_lines' in text


@pytest.mark.parametrize("count", [0, 1])
def test_too_few_documents_is_a_usage_error(tmp_path: Path, count: int) -> None:
    for name in list(fixture.ARTICLES)[:count]:
        shutil.copy(SITE / f"{name}.txt", tmp_path)
    result = CliRunner().invoke(main, ["rules", "suggest", str(tmp_path), "--site", "x.test"])
    assert result.exit_code == 2 and "need at least 2" in result.output
