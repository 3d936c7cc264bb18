"""``cleaner explain``: the per-line table."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.explain import explain_rows

DUMP = """Kim visits the new port PREMIUM
WSJ
May 05, 2025 11:33 AM IST

Kim visits the new port

The port opened on Monday after three years of construction, officials said in a statement.
Write to Jane Doe at jane.doe@example.com
Saved Articles
"""

PAGE = """<html><head><title>Night buses return</title>
<link rel="canonical" href="https://www.hindustantimes.com/cities/night-buses-101.html"></head><body>
<article><div class="storyShare">Share this article on WhatsApp</div>
<p>Night buses will run again from Friday on three routes through the centre, the operator said.</p>
</article></body></html>
"""


def test_rows_name_status_rule_and_reason() -> None:
    result = Cleaner().clean(DUMP, url="https://www.hindustantimes.com/world-news/x.html")
    rows = {row.line: row for row in explain_rows(result)}
    assert rows[2].status == "removed" and rows[2].rule == "site:hindustantimes.com.drop_patterns"
    assert "WSJ" in rows[2].reason  # the pattern that matched
    assert rows[1].status == "title"
    assert rows[9].status == "removed" and rows[9].rule == "site:hindustantimes.com.cut_after"
    assert rows[7].status == "kept" and rows[7].rule == ""
    assert rows[5].rule == "generic.duplicate-headline" and "repeat the title" in rows[5].reason
    assert 4 not in rows  # blank lines are layout


def test_strip_rule_is_shown_as_a_change() -> None:
    text = "Kim visits the new port PREMIUM\nThe port opened on Monday after years of work, officials said.\n"
    rows = explain_rows(Cleaner().clean(text, site="hindustantimes.com"))
    changed = [r for r in rows if r.status == "changed"]
    assert len(changed) == 1 and changed[0].rule == "site:hindustantimes.com.strip"
    assert "' PREMIUM'" in changed[0].reason


def test_cli_table_plain_when_piped_coloured_on_request(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(DUMP, encoding="utf-8")
    url = "https://www.hindustantimes.com/world-news/x.html"
    plain = CliRunner().invoke(main, ["explain", str(path), "--url", url])
    assert plain.exit_code == 0, plain.output
    assert "\x1b[" not in plain.stdout
    lines = plain.stdout.splitlines()
    assert lines[0] == f"{path} (text, site rule hindustantimes.com)"
    assert lines[1].split() == ["line", "status", "rule", "reason", "text"]
    row = next(line for line in lines if line.strip().startswith("9 "))
    assert row.split()[:3] == ["9", "removed", "site:hindustantimes.com.cut_after"]
    assert row.endswith("Saved Articles")  # piped: nothing is cut short
    coloured = CliRunner().invoke(main, ["explain", str(path), "--url", url, "--color"])
    assert "\x1b[31m" in coloured.stdout and "\x1b[32m" in coloured.stdout  # red removed, green kept


def test_html_nodes_dropped_by_selector_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    html_rows = [line for line in result.stdout.splitlines() if line.strip().startswith("html ")]
    assert len(html_rows) == 1
    assert "site:hindustantimes.com.html.drop" in html_rows[0] and "selector .storyShare" in html_rows[0]


def test_unknown_site_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(DUMP, encoding="utf-8")
    assert CliRunner().invoke(main, ["explain", str(path), "--site", "nope"]).exit_code == 2
