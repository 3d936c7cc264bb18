"""``cleaner explain FILE``: a per-line table for rule authors."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from .cli_options import rules_option
from .explain import Row, explain_rows
from .inputs import kind_of, read_bytes
from .pipeline import Cleaner
from .rules import RuleError

_COLOURS = {"kept": "green", "title": "cyan", "changed": "yellow", "removed": "red"}


def _cell(value: str, width: int | None) -> str:
    if width is None or len(value) <= width:
        return value.ljust(width or 0)
    return value[: max(1, width - 1)] + "…"


def render_rows(rows: list[Row], terminal_width: int | None) -> list[tuple[str, str]]:
    """(text of the row, status) per row; cells are cut to fit only on a terminal."""
    rule_w = max([len("rule")] + [len(r.rule) for r in rows])
    reason_w = min(48, max([len("reason")] + [len(r.reason) for r in rows]))
    out = [(f"{'line':>5}  {'status':<8} {'rule':<{rule_w}}  {'reason':<{reason_w}}  text", "")]
    for row in rows:
        where = str(row.line) if row.line is not None else "html" if row.status == "removed" else "-"
        line = f"{where:>5}"
        left = f"{line}  {row.status:<8} {row.rule:<{rule_w}}  "
        if terminal_width is None:
            out.append((f"{left}{row.reason:<{reason_w}}  {row.text}", row.status))
            continue
        text_w = max(20, terminal_width - len(left) - reason_w - 2)
        out.append((f"{left}{_cell(row.reason, reason_w)}  {_cell(row.text, text_w).rstrip()}", row.status))
    return out


@click.command("explain")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", help="The page's URL, to pick its site rule.")
@click.option("--site", help="Use this site rule id.")
@rules_option
@click.option("--color/--no-color", "color", default=None,
              help="Colour the table (default: only on a terminal).")
def explain_command(file: Path, url: str | None, site: str | None, rules_dirs: tuple[Path, ...],
                    color: bool | None) -> None:
    """Show, line by line, what cleaning FILE keeps and removes, by which rule and why."""
    try:
        cleaner = Cleaner(rules_dirs=rules_dirs)
    except RuleError as exc:
        raise click.ClickException(f"rule error: {exc}") from None
    if site is not None and cleaner.rules.get(site) is None:
        raise click.UsageError(f"unknown site rule id: {site}")
    try:
        result = cleaner.clean(read_bytes(file), url=url, kind=kind_of(file), site=site)
    except Exception as exc:
        raise click.ClickException(f"{file}: {type(exc).__name__}: {exc}") from None
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    kind = result.kind + (f", site rule {result.site}" if result.site else ", no site rule")
    click.echo(f"{file} ({kind})", color=color)
    for text, status in render_rows(explain_rows(result), width):
        styled = click.style(text, fg=_COLOURS.get(status), bold=not status)
        click.echo(styled, color=color)
    removed = sum(1 for r in result.removals if r.start is None)
    click.echo(f"{removed} removals by {len(result.removals_by_rule())} rules; "
               f"{result.chars_out} of {result.chars_in} characters kept", color=color)
