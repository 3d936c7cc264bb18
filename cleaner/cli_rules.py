"""``cleaner rules lint|test|suggest``: writing and proving site rules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import rules_option
from .pipeline import Cleaner
from .rulelint import lint
from .rules import RuleError, bundled_rules_dir
from .ruletests import run_rule_tests
from .suggest import render_yaml, suggest

_RULES_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


def _default_dir() -> Path:
    """The bundled rules, named relative to the working directory when inside it."""
    bundled = bundled_rules_dir()
    try:
        return bundled.relative_to(Path.cwd())
    except ValueError:
        return bundled


@click.group("rules")
def rules_group() -> None:
    """Check, test and draft site rules (default DIR: the bundled rules)."""


@rules_group.command("lint")
@click.argument("directory", required=False, type=_RULES_DIR, metavar="[DIR]")
def lint_command(directory: Path | None) -> None:
    """Report every problem in the rule files of DIR, each as FILE: KEY: message.

    Schema, unknown keys, invalid regexes and selectors (what loading checks), plus
    regexes that can backtrack catastrophically, duplicate ids, and two rules claiming
    one domain or fingerprint. Exit status: 0 clean, 1 problems found.
    """
    directory = directory or _default_dir()
    problems = lint(directory)
    for problem in problems:
        click.echo(str(problem))
    files = len({p.path for p in problems})
    if problems:
        click.echo(f"lint: {len(problems)} problem(s) in {files} file(s) ({directory})", err=True)
    sys.exit(1 if problems else 0)


@rules_group.command("test")
@click.argument("directory", required=False, type=_RULES_DIR, metavar="[DIR]")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures.")
def test_command(directory: Path | None, quiet: bool) -> None:
    """Run the `tests:` that the rule files of DIR carry.

    Each test's input is cleaned with its rule and compared with its expected output
    (blank lines ignored). Exit status: 0 all passed, 1 a test failed, 2 invalid rules.
    """
    directory = directory or _default_dir()
    try:
        outcomes, untested = run_rule_tests(directory)
    except RuleError as exc:
        raise click.ClickException(f"rule error: {exc} (run `cleaner rules lint`)") from None
    failed = [o for o in outcomes if not o.passed]
    for outcome in outcomes:
        if not outcome.passed:
            click.echo(f"FAIL {outcome.label}")
            click.echo(outcome.detail)
        elif not quiet:
            click.echo(f"ok   {outcome.label}")
    for rule in untested:
        click.echo(f"note {rule.path}: no tests", err=True)
    if failed or not quiet:
        click.echo(f"rules test: {len(outcomes)} tests, {len(outcomes) - len(failed)} passed, "
                   f"{len(failed)} failed ({directory})", err=True)
    sys.exit(1 if failed else 0)


@rules_group.command("suggest")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--site", required=True, help="Id of the rule to draft (a domain gives `domains:` too).")
@click.option("--min-share", type=click.FloatRange(0, 1), default=0.3, show_default=True,
              help="Propose lines found in at least this share of the documents (never fewer than 2).")
@rules_option
def suggest_command(inputs: tuple[Path, ...], site: str, min_share: float,
                    rules_dirs: tuple[Path, ...]) -> None:
    """Draft a rule for one site from the lines that recur across its pages under INPUTS.

    Prints YAML with the number of documents behind every line. If a rule with id SITE
    exists, what it already removes is left out.
    """
    try:
        cleaner = Cleaner(rules_dirs=rules_dirs)
    except RuleError as exc:
        raise click.ClickException(f"rule error: {exc}") from None
    report = suggest(inputs, site, cleaner, min_share=min_share)
    for error in report.errors:
        click.echo(f"cleaner: error: {error}", err=True)
    if report.documents < 2:
        raise click.UsageError(f"need at least 2 readable documents of the site, found {report.documents}")
    click.echo(render_yaml(report), nl=False)
