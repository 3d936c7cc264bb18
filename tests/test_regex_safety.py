"""A catastrophic user regex cannot hang a batch: it times out, is reported and disabled."""

import subprocess
import sys

from cleaner.saferegex import UserPattern

EVIL = "(?:a|aa)+$"  # exponential backtracking on a long run of a's that ends in a mismatch


def test_timeout_disables_the_pattern_and_names_it(capsys):
    p = UserPattern(EVIL, "rules/evil.yaml: text.drop_patterns[0]", full_line=True)
    assert p.match("a" * 80 + "b") is None
    assert p.disabled
    err = capsys.readouterr().err
    assert "rules/evil.yaml: text.drop_patterns[0]" in err and "disabled" in err
    assert p.match("aaaa") is None  # disabled: no more work, no match


def test_ordinary_patterns_behave_like_re():
    p = UserPattern(r"Updated \d{1,2}:\d{2}", full_line=True)
    assert p.match("Updated 10:45") and not p.match("Updated 10:45 today")
    assert [m.span() for m in UserPattern(r"\d+").finditer("a1 b22")] == [(1, 2), (4, 6)]


def test_batch_with_a_catastrophic_rule_finishes(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "evil.yaml").write_text(f"id: evil\ndetect: [EVILSITE]\ntext:\n  drop_patterns: ['{EVIL}']\n")
    docs = tmp_path / "in"
    docs.mkdir()
    for n in range(3):
        (docs / f"d{n}.txt").write_text("EVILSITE\n" + "a" * 80 + "b\n" + "A real sentence of the article.\n")
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(docs), "-o", str(tmp_path / "out"),
         "--rules", str(rules), "--jobs", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "evil.yaml: text.drop_patterns[0]" in proc.stderr
    assert (tmp_path / "out" / "d2.txt").read_text().count("A real sentence") == 1
