"""``cleaner rules test``: the ``tests:`` carried by rule files."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.rules import bundled_rules_dir, load_rule_file, rule_files
from cleaner.ruletests import run_rule_tests

RULE = """\
id: harbour-gazette
domains: [harbourgazette.test]
text:
  drop_lines: [Subscribe to the Gazette]
tests:
  - name: drops the subscribe line
    input: |
      Subscribe to the Gazette
      The ferry will run four crossings a day from April, the operator said on Tuesday.
    expected: |
      The ferry will run four crossings a day from April, the operator said on Tuesday.
  - name: wrong on purpose
    input: |
      Subscribe to the Gazette
      Sign in
      Harbour dredging starts in May after two years of delays, the port authority said.
    expected: |
      Harbour dredging starts in May after two years of delays, the port authority said.
"""


def test_bundled_rules_carry_tests_and_pass() -> None:
    files = rule_files(bundled_rules_dir())
    assert files
    for path in files:
        assert len(load_rule_file(path).tests) >= 1, f"{path} carries no tests"
    result = CliRunner().invoke(main, ["rules", "test"])
    assert result.exit_code == 0, result.output
    assert "FAIL" not in result.stdout and result.stdout.count("ok   ") >= len(files)


def test_failing_test_shows_a_diff_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "gazette.yaml").write_text(RULE, encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "test", str(tmp_path)])
    assert result.exit_code == 1
    assert f"ok   {tmp_path / 'gazette.yaml'}: tests[0] (drops the subscribe line)" in result.stdout
    assert f"FAIL {tmp_path / 'gazette.yaml'}: tests[1] (wrong on purpose)" in result.stdout
    # Only the site rule runs by default: the generic menu detector does not take "Sign in".
    assert "+Sign in" in result.stdout
    assert "2 tests, 1 passed, 1 failed" in result.stderr


def test_generic_true_runs_the_generic_detectors_too(tmp_path: Path) -> None:
    data = yaml.safe_load(RULE)
    data["tests"][1]["generic"] = True
    (tmp_path / "gazette.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    outcomes, untested = run_rule_tests(tmp_path)
    assert [o.passed for o in outcomes] == [True, True] and untested == []


def test_url_must_select_the_rule(tmp_path: Path) -> None:
    data = yaml.safe_load(RULE)
    data["tests"] = [dict(data["tests"][0], url="https://www.harbourgazette.test/news/1"),
                     dict(data["tests"][0], url="https://elsewhere.test/news/1")]
    (tmp_path / "gazette.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    outcomes, _ = run_rule_tests(tmp_path)
    assert outcomes[0].passed
    assert not outcomes[1].passed and "selects rule None, not 'harbour-gazette'" in outcomes[1].detail


def test_bundled_tests_fail_when_the_rule_loses_what_they_test(tmp_path: Path) -> None:
    """The bundled tests prove the rule: without its selectors the HTML test fails."""
    data = yaml.safe_load((bundled_rules_dir() / "hindustantimes.com.yaml").read_text(encoding="utf-8"))
    data.update(id="ht-without-selectors", domains=["ht-copy.test"], detect=[])
    del data["html"]
    data["tests"] = [t for t in data["tests"] if "url" not in t]  # the URL picks the real rule
    (tmp_path / "ht.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    outcomes, _ = run_rule_tests(tmp_path)
    failed = [o.name for o in outcomes if not o.passed]
    assert failed == ["HTML share bar and subscribe box are dropped by selector"]


def test_rules_without_tests_are_noted(tmp_path: Path) -> None:
    (tmp_path / "bare.yaml").write_text("id: bare\ndomains: [bare.test]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "test", str(tmp_path)])
    assert result.exit_code == 0
    assert f"note {tmp_path / 'bare.yaml'}: no tests" in result.stderr


def test_invalid_rule_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: bad\ntest: []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "test", str(tmp_path)])
    assert result.exit_code == 2 and "bad.yaml: test: unknown key (did you mean 'tests'?)" in result.output
