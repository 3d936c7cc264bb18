"""Command line: ``cleaner clean INPUT... -o OUTDIR`` and friends."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .batch import BatchOptions, run_batch
from .pipeline import Cleaner
from .rules import RuleError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleaner")
def main() -> None:
    """Turn scraped web articles into clean text, with every removal explained."""


@main.command()
@click.argument("inputs", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(path_type=Path),
              help="Directory for the .txt, .diff and summary.json outputs.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Extra site-rule directory (repeatable).")
@click.option("--no-site-rules", is_flag=True, help="Generic heuristics only.")
@click.option("--site", help="Use this site rule id for every document.")
@click.option("--ftr", type=click.Path(exists=True, path_type=Path),
              help="ftr-site-config checkout (or one file) to use as site rules, below yours.")
@click.option("--adblock", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Ad-block list whose cosmetic (##) rules are applied, below all site rules.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Worker processes (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def clean(inputs: tuple[Path, ...], outdir: Path, rules_dirs: tuple[Path, ...],
          no_site_rules: bool, site: str | None, ftr: Path | None, adblock: Path | None,
          jobs: int, quiet: bool) -> None:
    """Clean every .html/.htm/.txt (optionally .gz) file under INPUTS into OUTDIR.

    Exit status: 0 all cleaned, 1 some documents failed, 2 usage or rule errors.
    """
    options = BatchOptions(rules_dirs=list(rules_dirs), site_rules=not no_site_rules,
                           site=site, jobs=jobs, quiet=quiet, ftr=ftr, adblock=adblock)
    try:
        # Load the rules once here so a bad rule file stops the run before any work
        # (and the ftr conversion is cached before the workers start).
        cleaner = Cleaner(rules_dirs=options.rules_dirs, site_rules=options.site_rules,
                          ftr=ftr, adblock=adblock)
    except RuleError as exc:
        raise click.ClickException(f"rule error: {exc}") from None
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if site is not None and cleaner.rule_by_id(site) is None:
        raise click.UsageError(f"unknown site rule id: {site}")
    summary = run_batch(list(inputs), outdir, options)
    totals = summary["totals"]
    if not quiet:
        click.echo(
            f"cleaned {totals['cleaned']} of {totals['documents']} documents into {outdir} "
            f"({totals['removed_share']:.1%} of characters removed, {totals['errors']} errors, "
            f"{totals['seconds']:.2f}s)",
            err=True,
        )
    sys.exit(1 if totals["errors"] else 0)


# ClickException exits with 1; rule errors are usage-level (2) by contract.
click.ClickException.exit_code = 2

from .cli_check import check_command  # noqa: E402  (registered after main is defined)
from .cli_explain import explain_command  # noqa: E402
from .cli_rules import rules_group  # noqa: E402

for _command in (check_command, rules_group, explain_command):
    main.add_command(_command)

# Keep last: adds to the `rules` group whichever module defines it.
__import__("cleaner.cli_import").cli_import.register(main)
