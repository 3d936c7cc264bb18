"""Command line: ``cleaner clean INPUT... -o OUTDIR`` and friends."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .backends import settle_heap
from .batch import BatchInterrupted, BatchOptions, run_batch
from .cli_options import adblock_option, ftr_option, jobs_option, no_site_rules_option, rules_option
from .cli_report import report_command
from .diffreport import DIFF_FORMATS
from .guard import parse_limit
from .limits import DEFAULT_MAX_BYTES, parse_size
from .manifest import ManifestBusy
from .pipeline import Cleaner
from .readers import INPUT_FORMATS, ReadOptions
from .rules import RuleError
from .writers import FORMATS, STDOUT


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleaner")
def main() -> None:
    """Turn scraped web articles into clean text, with every removal explained."""


class SizeType(click.ParamType):
    """A byte count: ``1000``, ``500K``, ``50M``, ``2G`` (powers of 1024)."""

    name = "size"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


@main.command()
@click.argument("inputs", nargs=-1, required=True,
                type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(allow_dash=True, path_type=Path),
              help="Directory for the outputs and summary.json; '-' writes JSON Lines to stdout.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="txt", show_default=True,
              help="txt: .txt + .diff per document; md: .md + .diff; jsonl: one documents.jsonl.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
              help="Read every input as this format (auto: by extension; stdin is sniffed).")
@click.option("--html-field", help="JSON Lines field holding the HTML.")
@click.option("--text-field", help="JSON Lines field holding the text.")
@click.option("--url-field", help="JSON Lines field holding the URL.")
@click.option("--id-field", help="JSON Lines field holding the id.")
@click.option("--max-bytes", type=SizeType(), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Skip, with an error, any document larger than this (after decompression), "
                   "e.g. 50M; 0: no limit.")
@click.option("--metadata/--no-metadata", default=None,
              help="Extract title, author, date... (default: for jsonl and md; costs time per page).")
@rules_option
@no_site_rules_option
@click.option("--site", help="Use this site rule id for every document.")
@ftr_option
@adblock_option
@jobs_option
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors (no progress bar).")
@click.option("--diff-format", type=click.Choice(DIFF_FORMATS), default="unified", show_default=True,
              help="Per-document diff: labelled unified .diff, or the removal records as .diff.json.")
@click.option("--force", is_flag=True,
              help="Clean every document again, even those OUTDIR already holds unchanged.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Clean on this Dask scheduler (tcp://HOST:PORT); needs cleaner[dask].")
@click.option("--guard", "guards", multiple=True, metavar="KIND=SHARE",
              help="Over-removal guard limit (html, text, html-drops; a share or 'off'; repeatable).")
def clean(inputs: tuple[Path, ...], outdir: Path, rules_dirs: tuple[Path, ...],
          no_site_rules: bool, site: str | None, ftr: Path | None, adblock: Path | None,
          jobs: int, quiet: bool, fmt: str,
          input_format: str, html_field: str | None, text_field: str | None,
          url_field: str | None, id_field: str | None, metadata: bool | None,
          diff_format: str, force: bool, scheduler: str | None, guards: tuple[str, ...],
          max_bytes: int) -> None:
    """Clean every document in INPUTS into OUTDIR.

    INPUTS are files and directories of .html/.htm/.txt (optionally .gz), JSON Lines
    (.jsonl, .jsonl.gz, .ndjson), WARC/ARC (.warc, .warc.gz, .arc, .arc.gz), or '-' for
    standard input.

    With per-document outputs (txt, md) a re-run skips documents whose content, rules
    and options are unchanged, and resumes an interrupted run.

    Exit status: 0 all cleaned, 1 some documents failed, 2 usage or rule errors,
    128+N stopped by signal N.
    """
    if outdir == STDOUT and fmt != "jsonl":
        raise click.UsageError("-o - (standard output) needs --format jsonl")
    if html_field and text_field:
        raise click.UsageError("give --html-field or --text-field, not both")
    try:
        guard_limits = dict(parse_limit(g) for g in guards)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--guard") from None
    read = ReadOptions(input_format=input_format, html_field=html_field, text_field=text_field,
                       url_field=url_field, id_field=id_field, max_bytes=max_bytes or None)
    options = BatchOptions(rules_dirs=list(rules_dirs), site_rules=not no_site_rules,
                           site=site, jobs=jobs, quiet=quiet, format=fmt, metadata=metadata,
                           read=read, diff_format=diff_format, force=force, scheduler=scheduler,
                           ftr=ftr, adblock=adblock, guard_limits=guard_limits)
    try:
        # Load the rules once here so a bad rule file stops the run before any work
        # (and the ftr conversion is cached before the workers start).
        cleaner = Cleaner(rules_dirs=options.rules_dirs, site_rules=options.site_rules,
                          ftr=ftr, adblock=adblock, guard_limits=options.guard_limits)
    except RuleError as exc:
        raise click.ClickException(f"rule error: {exc}") from None
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if site is not None and cleaner.rule_by_id(site) is None:
        raise click.UsageError(f"unknown site rule id: {site}")
    settle_heap()
    try:
        summary = run_batch(list(inputs), outdir, options, cleaner=cleaner)
    except ManifestBusy as exc:
        raise click.ClickException(str(exc)) from None
    except BatchInterrupted as exc:
        done = exc.stats["cleaned"] + exc.stats["unchanged"]
        click.echo(f"cleaner: interrupted after {done} documents; run the same command again "
                   f"to resume", err=True)
        sys.exit(128 + exc.signum)
    except RuntimeError as exc:  # e.g. --scheduler without Dask installed
        raise click.ClickException(str(exc)) from None
    totals, run = summary["totals"], summary["run"]
    if not quiet:
        target = "standard output" if outdir == STDOUT else outdir
        click.echo(
            f"cleaned {totals['cleaned']} of {totals['documents']} documents into {target} "
            f"({run['unchanged']} unchanged, {totals['removed_share']:.1%} of characters removed, "
            f"{totals['errors']} errors, {totals['seconds']:.2f}s)",
            err=True,
        )
    sys.exit(1 if totals["errors"] else 0)


main.add_command(report_command)

# ClickException exits with 1; rule errors are usage-level (2) by contract.
click.ClickException.exit_code = 2

from .cli_check import check_command  # noqa: E402  (registered after main is defined)
from .cli_eval import eval_command  # noqa: E402
from .cli_explain import explain_command  # noqa: E402
from .cli_import import import_adblock, import_ftr  # noqa: E402
from .cli_rules import rules_group  # noqa: E402

rules_group.add_command(import_ftr)
rules_group.add_command(import_adblock)
for _command in (check_command, rules_group, explain_command, eval_command):
    main.add_command(_command)
