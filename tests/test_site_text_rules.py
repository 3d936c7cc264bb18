"""Site text rules: strip, drop_lines, drop_patterns, cut_after, cut_before."""

from pathlib import Path

from cleaner.lexicon import Lexicons
from cleaner.rules import load_rule_file
from cleaner.textstage import clean_lines

RULE = """
id: gazette
text:
  drop_lines: ["Most read"]
  drop_patterns: ["Updated \\\\d{1,2}:\\\\d{2}"]
  strip: ["\\\\s*\\\\(Gazette\\\\)$"]
  cut_before: ["^Listen to this article$"]
  cut_after: ["^Reporting by "]
"""


def run(tmp_path: Path, lines: list[str]):
    path = tmp_path / "gazette.yaml"
    path.write_text(RULE, encoding="utf-8")
    rule = load_rule_file(path)
    return clean_lines(lines, Lexicons({}), site_rule=rule, generic=False)


def test_each_site_text_rule_records_its_own_id(tmp_path):
    lines = ["Top nav", "Listen to this article", "Most read", "Updated 10:45",
             "The mayor spoke today (Gazette)", "Updated 10:45 by the desk", "Reporting by Ann Lee",
             "Comments", "Footer"]
    doc = run(tmp_path, lines)
    by_line = {r.line: r for r in doc.removals}
    assert by_line[0].rule == "site:gazette.cut_before"
    assert by_line[2].rule == "site:gazette.drop_lines"
    assert by_line[3].rule == "site:gazette.drop_patterns"
    assert 5 not in by_line  # drop_patterns must match the whole line
    assert by_line[4].rule == "site:gazette.strip" and by_line[4].text == " (Gazette)"
    assert (by_line[4].start, by_line[4].end) == (len("The mayor spoke today"), len(lines[4]))
    assert doc.lines[4] == "The mayor spoke today"
    assert {by_line[7].rule, by_line[8].rule} == {"site:gazette.cut_after"}
    assert doc.removed_by[1] is None and doc.removed_by[6] is None  # markers themselves stay


def test_markers_that_do_not_occur_cut_nothing(tmp_path):
    doc = run(tmp_path, ["Alpha line here", "Beta line here"])
    assert doc.removals == []


def test_strip_that_empties_a_line_removes_it(tmp_path):
    doc = run(tmp_path, ["(Gazette)", "Body line"])
    assert doc.removed_by[0] == "site:gazette.strip"
