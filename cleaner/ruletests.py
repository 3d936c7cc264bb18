"""``cleaner rules test``: run the ``tests:`` a rule file carries.

A test is an input snippet (text or HTML) and the clean output expected from it::

    tests:
      - name: drops the subscription box
        input: |
          Fuel prices rise again
          All Access.
          Prices rose for the third week running, the ministry said on Monday.
        expected: |
          Fuel prices rise again
          Prices rose for the third week running, the ministry said on Monday.

The input is cleaned with the rule forced (or, with ``url:``, with the rule that URL
selects, which must be this one) and compared line by line with ``expected``; blank
lines are layout and ignored on both sides. By default only the site rule runs, so the
test proves the rule and not the generic heuristics; ``generic: true`` runs everything.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .pipeline import Cleaner
from .rules import SiteRule, bundled_rules_dir, load_rule_file, rule_files


@dataclass
class RuleTestOutcome:
    rule: SiteRule
    index: int
    name: str
    passed: bool
    detail: str = ""  # a unified diff, or why the test could not run

    @property
    def label(self) -> str:
        return f"{self.rule.path}: tests[{self.index}] ({self.name})"


def _content_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class RuleTestRunner:
    """Cleaners for the rules of ``directory`` (plus the bundled ones, as ``clean`` loads them)."""

    def __init__(self, directory: Path):
        self.directory = directory
        bundled = bundled_rules_dir()
        self._include_bundled = bundled.is_dir() and bundled.resolve() != directory.resolve()
        self._cleaners: dict[bool, Cleaner] = {}

    def cleaner(self, generic: bool) -> Cleaner:
        if generic not in self._cleaners:
            self._cleaners[generic] = Cleaner(rules_dirs=[self.directory], generic=generic,
                                              bundled=self._include_bundled)
        return self._cleaners[generic]

    def rules(self) -> list[SiteRule]:
        """The rules of ``directory`` as written (their own ``tests``), in file order."""
        self.cleaner(False)  # loads everything first: a broken rule raises RuleError here
        return [load_rule_file(p) for p in rule_files(self.directory)]

    def run(self, rule: SiteRule, index: int, case: dict) -> RuleTestOutcome:
        name = case.get("name") or f"test {index + 1}"
        cleaner = self.cleaner(bool(case.get("generic", False)))
        url = case.get("url")
        try:
            result = cleaner.clean(case["input"], url=url, site=None if url else rule.id)
        except Exception as exc:  # a test that crashes the cleaner fails, the run goes on
            return RuleTestOutcome(rule, index, name, False, f"error: {type(exc).__name__}: {exc}")
        if url and result.site != rule.id:
            return RuleTestOutcome(rule, index, name, False,
                               f"url {url} selects rule {result.site!r}, not {rule.id!r}")
        expected = _content_lines(case["expected"])
        actual = _content_lines(result.output_text())
        if expected == actual:
            return RuleTestOutcome(rule, index, name, True)
        diff = difflib.unified_diff(expected, actual, "expected", "actual", lineterm="")
        return RuleTestOutcome(rule, index, name, False, "\n".join(diff))


def run_rule_tests(directory: Path) -> tuple[list[RuleTestOutcome], list[SiteRule]]:
    """Every test of every rule in ``directory``; also the rules that carry none."""
    runner = RuleTestRunner(directory)
    outcomes, untested = [], []
    for rule in runner.rules():
        if not rule.tests:
            untested.append(rule)
        for index, case in enumerate(rule.tests):
            outcomes.append(runner.run(rule, index, case))
    return outcomes, untested
