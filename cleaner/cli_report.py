"""``cleaner report OUTDIR``: rebuild report.html from what a run saved, without cleaning."""

from __future__ import annotations

from pathlib import Path

import click

from .report import REPORT_NAME, write_report
from .report.stats import DEFAULT_MAX_ROWS, DEFAULT_MAX_VIEWS


@click.command("report")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help=f"Where to write the report (default: OUTDIR/{REPORT_NAME}).")
@click.option("--views", type=click.IntRange(min=0), default=DEFAULT_MAX_VIEWS, show_default=True,
              help="Side-by-side views to embed, for the documents with the highest removed share.")
@click.option("--rows", type=click.IntRange(min=0), default=DEFAULT_MAX_ROWS, show_default=True,
              help="Documents listed in the table (summary.json lists all).")
def report_command(outdir: Path, out_path: Path | None, views: int, rows: int) -> None:
    """Rebuild OUTDIR/report.html from summary.json and the saved .report.json files."""
    if not (outdir / "summary.json").is_file():
        raise click.ClickException(
            f"{outdir / 'summary.json'}: not found; run `cleaner clean INPUT... -o {outdir}` first")
    try:
        written = write_report(outdir, out_path=out_path, max_views=views, max_rows=rows)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{outdir}: cannot build the report: {exc}") from None
    click.echo(f"wrote {written}", err=True)
