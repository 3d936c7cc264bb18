# ruff: noqa: E501  (article paragraphs are long lines)
"""``cleaner check``: a corpus with pinned outputs, as CI runs it."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main

ARTICLE = """Council approves new cycle lanes on the harbour road

Sign in

Council approves new cycle lanes on the harbour road

The council voted on Tuesday to build protected cycle lanes along the full length of the harbour road by next spring.

Work will start in September and the road will stay open to cars throughout, the transport committee said.

Share on Facebook
"""

NOTICE = """Water supply to be cut on Sunday morning

Water supply to be cut on Sunday morning

Homes in the old town will be without water from 8am to noon on Sunday while engineers replace a valve under Mill Street.

Bottled water will be handed out at the library for anyone who needs it during the works.
"""

PAGE = """<html><head><title>Night buses return to the city centre</title></head><body>
<article><h1>Night buses return to the city centre</h1>
<p>Night buses will run again from Friday on three routes through the city centre, the operator said on Monday.</p>
<p>The services were cut during the pandemic and never restored because of a shortage of drivers.</p>
</article></body></html>
"""


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env or {"GITHUB_ACTIONS": "false"})


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "notices").mkdir(parents=True)
    (root / "cycle-lanes.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "notices" / "water.txt.gz").write_bytes(gzip.compress(NOTICE.encode()))
    (root / "night-buses.html").write_text(PAGE, encoding="utf-8")
    pinned = run("check", str(root), "--update", "-j", "1")
    assert pinned.exit_code == 0, pinned.output
    return root


def test_update_pins_exactly_what_clean_writes(corpus: Path, tmp_path: Path) -> None:
    expected = sorted(p.relative_to(corpus) for p in corpus.rglob("*.expected"))
    assert expected == [Path("cycle-lanes.expected"), Path("night-buses.expected"),
                        Path("notices/water.expected")]
    out = tmp_path / "out"
    assert run("clean", str(corpus), "-o", str(out), "-j", "1", "-q").exit_code == 0
    for path in expected:
        cleaned = (out / path).with_suffix(".txt").read_text(encoding="utf-8")
        assert (corpus / path).read_text(encoding="utf-8") == cleaned
    pinned = (corpus / "cycle-lanes.expected").read_text(encoding="utf-8")
    assert pinned.startswith("Council approves new cycle lanes on the harbour road\n\n")
    assert "Sign in" not in pinned and "The council voted" in pinned


def test_unchanged_corpus_passes(corpus: Path, tmp_path: Path) -> None:
    result = run("check", str(corpus), "-j", "1", "--junit", str(tmp_path / "j.xml"))
    assert result.exit_code == 0, result.output
    assert "FAIL" not in result.stdout
    suite = ET.parse(tmp_path / "j.xml").getroot().find("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "0"


def test_changed_expected_output_fails_with_diff_and_junit_failure(corpus: Path, tmp_path: Path) -> None:
    target = corpus / "notices" / "water.expected"
    target.write_text(target.read_text(encoding="utf-8").replace("8am to noon", "8am to 2pm"),
                      encoding="utf-8")
    junit, results = tmp_path / "junit.xml", tmp_path / "results.json"
    result = run("check", str(corpus), "-j", "1", "--junit", str(junit), "--json", str(results))
    assert result.exit_code == 1
    assert f"FAIL {corpus / 'notices' / 'water.txt.gz'}" in result.stdout
    assert f"--- {target}" in result.stdout
    assert "-Homes in the old town will be without water from 8am to 2pm on Sunday" in result.stdout
    assert "+Homes in the old town will be without water from 8am to noon on Sunday" in result.stdout
    assert "cycle-lanes" not in result.stdout  # only the mismatch is reported
    cases = {c.get("name"): c for c in ET.parse(junit).getroot().iter("testcase")}
    failure = cases[str(corpus / "notices" / "water.txt.gz")].find("failure")
    assert failure is not None and "8am to 2pm" in failure.text
    assert all(c.find("failure") is None for name, c in cases.items() if "water" not in name)
    data = json.loads(results.read_text(encoding="utf-8"))
    assert data["totals"] == {**data["totals"], "documents": 3, "passed": 2, "failed": 1}
    # --update re-pins, after which the corpus passes again
    assert run("check", str(corpus), "-j", "1", "--update").exit_code == 0
    assert "8am to noon" in target.read_text(encoding="utf-8")
    assert run("check", str(corpus), "-j", "1").exit_code == 0


def test_github_actions_annotations(corpus: Path) -> None:
    target = corpus / "cycle-lanes.expected"
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "Something else entirely, with 100% certainty.\n"
    target.write_text("".join(lines), encoding="utf-8")
    result = run("check", str(corpus), "-j", "1", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(annotations) == 1
    head, message = annotations[0].split("::", 2)[1:]
    assert head == f"error file={target},line=3,title=cleaner check"
    assert "%0A" in message and "\n" not in message and "100%25 certainty" in message
    assert not any(line.startswith("::") for line in run("check", str(corpus), "-j", "1").stdout.splitlines())


def test_missing_expected_and_orphan_fail(corpus: Path) -> None:
    (corpus / "night-buses.expected").unlink()
    (corpus / "gone.expected").write_text("An old output\n", encoding="utf-8")
    result = run("check", str(corpus), "-j", "1")
    assert result.exit_code == 1
    assert "no expected output" in result.stdout
    assert f"FAIL {corpus / 'gone.expected'}" in result.stdout


def test_quality_gates(corpus: Path) -> None:
    # cycle-lanes loses its repeated headline and menu lines: well over 10% of its text.
    result = run("check", str(corpus), "-j", "1", "--max-removed", "0.1")
    assert result.exit_code == 1
    assert "more than --max-removed 0.1" in result.stdout
    assert run("check", str(corpus), "-j", "1", "--max-removed", "0.9").exit_code == 0
    result = run("check", str(corpus), "-j", "1", "--min-chars", "210")
    assert result.exit_code == 1
    failing = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    # night-buses has 204 characters of body, the others 212 and 225
    assert len(failing) == 1 and "night-buses" in failing[0]
    assert "fewer than --min-chars 210" in result.stdout


def test_unreadable_document_fails_and_the_rest_is_checked(corpus: Path) -> None:
    (corpus / "broken.txt.gz").write_bytes(b"not gzip at all")
    result = run("check", str(corpus), "-j", "1")
    assert result.exit_code == 1
    assert "could not clean" in result.stdout and "broken.txt.gz" in result.stdout
    assert "3 passed, 1 failed" in result.stderr


def test_parallel_check_gives_the_same_verdicts(corpus: Path) -> None:
    (corpus / "cycle-lanes.expected").write_text("changed\n", encoding="utf-8")
    for name in ("a", "b", "c", "d", "e"):
        (corpus / f"{name}.txt").write_text(NOTICE, encoding="utf-8")
    serial, parallel = run("check", str(corpus), "-j", "1", "--update"), run("check", str(corpus), "-j", "2")
    assert serial.exit_code == 0 and parallel.exit_code == 0, parallel.output
    (corpus / "e.expected").write_text("changed\n", encoding="utf-8")
    result = run("check", str(corpus), "-j", "2")
    assert result.exit_code == 1 and f"FAIL {corpus / 'e.txt'}" in result.stdout


def test_missing_corpus_is_a_usage_error(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nope")).exit_code == 2
