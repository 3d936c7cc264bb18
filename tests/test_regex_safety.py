"""A catastrophic user regex cannot hang a batch: it times out, is reported and disabled."""

import subprocess
import sys

from cleaner.saferegex import TIMEOUT, UserPattern

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


def test_a_users_phrase_list_patterns_keep_the_time_limit(tmp_path):
    from cleaner.lexicon import Lexicons
    from cleaner.rules import bundled_rules_dir

    extra = tmp_path / "generic"
    extra.mkdir()
    (extra / "dates.yaml").write_text("name: dates\npatterns:\n  any: ['(?:a|aa)+x']\n")
    lexicons = Lexicons.from_dirs([bundled_rules_dir() / "generic", extra])
    groups = lexicons["dates"]._pattern_res
    assert {g.timeout for g in groups} == {None, TIMEOUT}  # cleaner's own untimed, the user's timed
    assert any(g.timeout == TIMEOUT and "(?:a|aa)+x" in g.pattern for g in groups)


def _hostile_lines() -> list[str]:
    """Long near-misses of the shapes the bundled patterns match (dates, credits, widgets)."""
    pieces = ["a", "a ", "1", "1 ", "12.", "12:", "Montag, ", "foto ", "© ", "/ ", ", ", "Jan 5, ",
              "de ", "x" * 14 + " ", "\u00e9", "-", "°", "_"]
    lines = []
    for piece in pieces:
        for tail in ("", "!", " 2024", "\u2603"):
            lines.append(piece * (4000 // len(piece)) + tail)
    lines.append(" ".join(pieces) * 150)
    return lines


def test_bundled_phrase_list_patterns_stay_fast_on_hostile_lines():
    """cleaner's own patterns run without a time limit: none may backtrack badly."""
    import time

    from cleaner.lexicon import Lexicons
    from cleaner.rules import bundled_rules_dir

    lexicons = Lexicons.from_dirs([bundled_rules_dir() / "generic"])
    groups = [g for plist in lexicons.lists.values() for g in plist._pattern_res]
    assert groups and all(g.timeout is None for g in groups)
    for group in groups:
        timed = UserPattern(group.pattern, ignore_case=True, timeout=2.0)
        for line in _hostile_lines():
            start = time.process_time()
            for method in (timed.fullmatch, timed.search):
                method(line)
            assert not timed.disabled, (group.pattern, line[:40])
            assert time.process_time() - start < 1.0, (group.pattern, line[:40])
