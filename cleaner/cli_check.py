"""``cleaner check CORPUS``: the CI gate (see :mod:`cleaner.check`)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from .check import CheckOptions, run_check
from .checkreport import ORPHAN_PROBLEM, annotations, junit_xml, results_json, write_report
from .cli_options import jobs_option, no_site_rules_option, rules_option
from .pipeline import Cleaner
from .rules import RuleError


@click.command("check")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--update", is_flag=True, help="Re-pin: write the current output as each .expected.")
@click.option("--max-removed", type=click.FloatRange(0, 1), metavar="F",
              help="Fail documents where cleaning removed more than share F of the text.")
@click.option("--min-chars", type=click.IntRange(min=0), metavar="N",
              help="Fail documents whose clean body is shorter than N characters.")
@click.option("--junit", "junit_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write JUnit XML results to FILE.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write JSON results to FILE.")
@rules_option
@no_site_rules_option
@jobs_option
@click.option("-q", "--quiet", is_flag=True, help="Print only failures.")
def check_command(corpus: Path, update: bool, max_removed: float | None, min_chars: int | None,
                  junit_path: Path | None, json_path: Path | None, rules_dirs: tuple[Path, ...],
                  no_site_rules: bool, jobs: int, quiet: bool) -> None:
    """Clean every document of CORPUS and compare it with its pinned <name>.expected.

    Prints a unified diff for every mismatch. With GITHUB_ACTIONS=true each failure is
    also emitted as an ::error annotation. Exit status: 0 all passed, 1 some document
    failed (mismatch, missing .expected, quality gate, unreadable), 2 usage or rule errors.
    """
    options = CheckOptions(rules_dirs=tuple(rules_dirs), site_rules=not no_site_rules, update=update,
                           max_removed=max_removed, min_chars=min_chars, jobs=jobs)
    try:
        Cleaner(rules_dirs=options.rules_dirs, site_rules=options.site_rules)  # fail fast on bad rules
    except RuleError as exc:
        raise click.ClickException(f"rule error: {exc}") from None
    start = time.perf_counter()
    checks, orphans = run_check(corpus, options)
    seconds = time.perf_counter() - start
    for check in checks:
        if check.updated and not quiet:
            click.echo(f"updated {check.expected}", err=True)
        if check.passed:
            continue
        click.echo(f"FAIL {check.input}")
        for problem in check.problems:
            click.echo(f"  {problem}")
        if check.diff:
            click.echo(check.diff, nl=False)
    for orphan in orphans:
        click.echo(f"FAIL {orphan}\n  {ORPHAN_PROBLEM}")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in annotations(checks, orphans):
            click.echo(line)
    if junit_path:
        write_report(junit_path, junit_xml(corpus, checks, orphans, seconds))
    if json_path:
        write_report(json_path, results_json(corpus, checks, orphans, seconds))
    failed = sum(not c.passed for c in checks)
    if not checks:
        click.echo(f"check: no documents in {corpus}", err=True)
    elif failed or orphans or not quiet:
        updated = sum(c.updated for c in checks)
        click.echo(f"check: {len(checks)} documents, {len(checks) - failed} passed, {failed} failed"
                   + (f", {len(orphans)} orphan .expected files" if orphans else "")
                   + (f", {updated} updated" if updated else "") + f" ({corpus})", err=True)
    sys.exit(1 if failed or orphans else 0)
