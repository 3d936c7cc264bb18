"""``cleaner rules lint`` and the loader it shares with ``cleaner clean``."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.rulelint import lint, nested_quantifier
from cleaner.rules import RuleError, bundled_rules_dir, load_rule_file

BAD_RULE = """\
id: example.test
domains: [example.test, "https://example.test/news"]
detect: [Example Daily]
html:
  drop: [".share", "div[["]
text:
  drop_line: [Sign in]
  drop_patterns:
    - "(?:Read more"
    - "(\\\\w+\\\\s?)+ IST"
  strip: [" PREMIUM$"]
tests:
  - input: "a"
    expect: "a"
"""


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_bad_rule_file_every_problem_named_by_file_and_key(tmp_path: Path) -> None:
    path = write(tmp_path / "rules", "example.yaml", BAD_RULE)
    result = CliRunner().invoke(main, ["rules", "lint", str(tmp_path / "rules")])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    expected_keys = {
        "domains[1]": "not a host name",
        "html.drop[1]": "invalid CSS selector",
        "text.drop_line": "unknown key (did you mean 'drop_lines'?)",
        "text.drop_patterns[0]": "invalid regex",
        "tests[0].expect": "unknown key (did you mean 'expected'?)",
        "tests[0].expected": "required",
    }
    for key, words in expected_keys.items():
        assert any(line.startswith(f"{path}: {key}: ") and words in line for line in lines), (key, lines)
    # The risky regex is the second pattern: its index survives the invalid first one.
    risky = [line for line in lines if "risky regex" in line]
    assert len(risky) == 1 and risky[0].startswith(f"{path}: text.drop_patterns[1]: ")
    assert len(lines) == 7
    assert "7 problem(s) in 1 file(s)" in result.stderr


def test_loading_still_raises_the_first_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "rules", "example.yaml", BAD_RULE)
    with pytest.raises(RuleError) as caught:
        load_rule_file(path)
    assert caught.value.path == str(path) and caught.value.key == "text.drop_line"
    result = CliRunner().invoke(main, ["clean", str(path), "-o", str(tmp_path / "out"),
                                       "--rules", str(tmp_path / "rules")])
    assert result.exit_code == 2 and f"{path}: text.drop_line: unknown key" in result.output


def test_duplicate_ids_and_shared_domains_and_fingerprints(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    write(rules, "a.yaml", "id: daily\ndomains: [daily.test]\ndetect: [Daily Test]\n")
    b = write(rules, "b.yaml", "id: daily\ndomains: [other.test]\n")
    c = write(rules, "c.yaml", "id: daily-mirror\ndomains: [mirror.test, daily.test]\ndetect: [Daily Test]\n")
    messages = [str(p) for p in lint(rules)]
    assert f"{b}: id: duplicate id 'daily' (also in {rules / 'a.yaml'})" in messages
    claimed = "is also claimed by rule 'daily'"
    assert any(m.startswith(f"{c}: domains[1]: 'daily.test' {claimed}") for m in messages)
    assert any(m.startswith(f"{c}: detect[0]: 'Daily Test' {claimed}") for m in messages)
    assert len(messages) == 3


def test_clash_with_a_bundled_rule_is_reported_on_the_users_file(tmp_path: Path) -> None:
    mine = write(tmp_path / "mine", "ht.yaml", "id: ht-copy\ndomains: [hindustantimes.com]\n")
    ok = write(tmp_path / "mine", "ok.yaml", "id: ht-world\nextends: hindustantimes.com\n"
               "domains: [world.example.test]\n")
    messages = [str(p) for p in lint(tmp_path / "mine")]
    assert len(messages) == 1 and messages[0].startswith(f"{mine}: domains[0]: 'hindustantimes.com'")
    assert str(ok) not in messages[0]


def test_extends_problems_are_collected(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    write(rules, "a.yaml", "id: a\nextends: b\n")
    b = write(rules, "b.yaml", "id: b\nextends: a\n")
    c = write(rules, "c.yaml", "id: c\nextends: nowhere\n")
    messages = [str(p) for p in lint(rules)]
    assert f"{b}: extends: cycle: a -> b -> a" in messages
    assert f"{c}: extends: unknown rule id 'nowhere'" in messages


def test_invalid_yaml_and_phrase_lists(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    broken = write(rules, "broken.yaml", "id: [unclosed\n")
    lists = write(rules / "generic", "share.yaml", "name: share\npatterns:\n  any: ['(\\w+ ?)+ share']\n")
    messages = [str(p) for p in lint(rules)]
    assert any(m.startswith(f"{broken}: line ") and "invalid YAML" in m for m in messages)
    assert any(m.startswith(f"{lists}: patterns.any[0]: risky regex") for m in messages)


@pytest.mark.parametrize("source", [
    r"(\w+\s?)+$", r"(a*)*", r"(a+)+b", r"(?:x+x+)+y", r"(.*?,){11}P", r"(a{1,3})+", r"(?:\s*\w+)*:",
])
def test_risky_regexes_are_flagged(source: str) -> None:
    assert nested_quantifier(source)


@pytest.mark.parametrize("source", [
    r"Read breaking news, latest updates from .*", r"[A-Z][a-z]{2} \d{1,2}, \d{4}", r"(a|b)+",
    r"(?:\d+,)*\d+", r"(,\d+)*", r"(\w+\s)+x", r"(?:[a-z]+\.)+com", r"(?>(a+))*", r"(?:x+)++",
    r"(a+){2}", r"^Write to .+@\S+",
])
def test_safe_regexes_pass(source: str) -> None:
    assert nested_quantifier(source) is None


def test_bundled_rules_are_clean() -> None:
    assert lint(bundled_rules_dir()) == []
    result = CliRunner().invoke(main, ["rules", "lint"])
    assert result.exit_code == 0 and result.stdout == ""
